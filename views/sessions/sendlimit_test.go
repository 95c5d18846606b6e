package sessions

import (
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// With every send used, the detail says when the limit clears and the way
// to a new code at once: the status line's flash is cut on a narrow
// terminal and gone after a few seconds.
func TestNoSendsLeftIsSaidInTheDetail(t *testing.T) {
	h := newHarness(t, 60, 16)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	for s.sendsLeft() > 0 {
		h.key("esc")
		h.key("s")
		h.key("enter")
	}
	h.key("esc")
	h.key("s")
	if f := h.flashes(); len(f) == 0 || !strings.HasPrefix(f[len(f)-1], "no sends left until 12:10:00;") {
		t.Fatalf("flashes %q", f)
	}
	h.wantScreen("Sends     5 of 5 used · 0 left", "until 12:10:00; x cancels", "it, then s sends a new", "code")
}
