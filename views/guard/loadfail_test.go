package guard

import (
	"context"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// A panel whose first load fails words it as a list does ("Loading …
// failed", Twilio's code) and says how to load again; r then does.
func TestPanelLoadFailureSaysHowToRetry(t *testing.T) {
	cl, sb := apitest.Start(t, sandbox.Options{})
	page, err := cl.ListServicesPage(context.Background(), 20, "")
	if err != nil || len(page.Services) == 0 {
		t.Fatalf("services: %v, %v", page, err)
	}
	h := viewtest.NewHarness[Model](t, viewtest.Common(cl), Entry(), 100, 30)
	s := &shell{Harness: h, cl: cl, sb: sb, svc: page.Services[0]}
	sb.SetFaults(sandbox.Faults{ErrorShare: 1})
	s.Send(common.ServiceSelectedMsg{Service: s.svc})
	s.open(secRateLimits)
	view := s.M.View()
	if !strings.Contains(view, "Loading rate limits failed") || !strings.Contains(view, "Press r to retry.") {
		t.Fatalf("failed load:\n%s", view)
	}
	sb.SetFaults(sandbox.Faults{})
	s.Key("r")
	if view := s.M.View(); strings.Contains(view, "Press r to retry.") || strings.Contains(view, "failed") {
		t.Fatalf("after r:\n%s", view)
	}
}
