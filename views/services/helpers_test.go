package services

import (
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// startSandbox serves a fresh sandbox on loopback and returns a real
// client (twilio-go over HTTP) pointed at it.
func startSandbox(t testing.TB, empty bool) *twilioapi.Client {
	t.Helper()
	cl, _ := apitest.Start(t, sandbox.Options{Empty: empty})
	return cl
}

// shell drives the view as the program's shell would (viewtest.Harness).
type shell struct{ *viewtest.Harness[Model] }

func newShell(t testing.TB, c *common.Common, w, h int) *shell {
	return &shell{viewtest.NewHarness[Model](t, c, Entry(), w, h)}
}

// model is the view as its last Update left it.
func (s *shell) model() *Model { return &s.M }

// inFlight registers a request of kind k as if the view had started it
// and returns its ID, for feeding a hand-made answer.
func (s *shell) inFlight(k reqKind) common.RequestID {
	return s.M.reqs.Start(s.M.c, request{kind: k})
}
