package guard

import (
	"context"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// shell drives the view as the program's shell would.
type shell struct {
	*viewtest.Harness[Model]
	cl  *twilioapi.Client
	sb  *sandbox.Sandbox
	svc twilioapi.Service
}

// newShell serves a sandbox, builds the view on a client of it at 100×30
// and makes the sandbox's demo service current. opts adjust the Common
// (read-only, a config dir, a profile).
func newShell(t *testing.T, opts ...func(*common.Common)) *shell {
	t.Helper()
	cl, sb := apitest.Start(t, sandbox.Options{})
	return newShellOn(t, cl, sb, opts...)
}

// newShellOn is newShell on a given client.
func newShellOn(t *testing.T, cl *twilioapi.Client, sb *sandbox.Sandbox, opts ...func(*common.Common)) *shell {
	t.Helper()
	c := viewtest.Common(cl, opts...)
	h := viewtest.NewHarness[Model](t, c, Entry(), 100, 30)
	page, err := cl.ListServicesPage(context.Background(), 20, "")
	if err != nil || len(page.Services) == 0 {
		t.Fatalf("services: %v, %v", page, err)
	}
	s := &shell{Harness: h, cl: cl, sb: sb, svc: page.Services[0]}
	h.Send(common.ServiceSelectedMsg{Service: s.svc})
	return s
}

// open shows section sec with the keys in its panel.
func (s *shell) open(sec section) {
	s.T().Helper()
	s.Key("esc")
	for s.M.sec != sec {
		if s.M.sec < sec {
			s.Key("down")
		} else {
			s.Key("up")
		}
	}
	s.Key("enter")
}

// start begins a verification to `to` by SMS on the shell's service.
func (s *shell) start(to string) error {
	_, err := s.cl.StartVerification(context.Background(), twilioapi.StartParams{ServiceSID: s.svc.SID, To: to, Channel: twilioapi.ChannelSMS})
	return err
}

// typeField clears the focused text field and types text.
func (s *shell) typeField(text string) {
	s.T().Helper()
	for range 40 {
		s.Key("backspace")
	}
	s.Type(text)
}

// startReadOnly serves a sandbox with a read-only client.
func startReadOnly(t *testing.T) (*twilioapi.Client, *sandbox.Sandbox) {
	t.Helper()
	return apitest.StartReadOnly(t, sandbox.Options{})
}
