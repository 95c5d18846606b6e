package sessions

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// sendWithLostAnswer submits the form for to, lets the start reach the
// sandbox when reached is true, and delivers the answer as lost (a
// timeout after the request went out: the outcome is unknown).
func sendWithLostAnswer(t *testing.T, h *harness, to string, reached bool) {
	t.Helper()
	h.key("n")
	h.typeText(to)
	var cmd tea.Cmd
	h.M, cmd = h.M.update(keyOf("enter"))
	r, ok := cmd().(common.Result[twilioapi.Verification])
	if !ok || r.Err != nil {
		t.Fatalf("the send did not run: %#v", r)
	}
	if !reached {
		if _, err := h.client.UpdateVerificationStatus(t.Context(), h.svc.SID, r.Value.SID, twilioapi.StatusCanceled); err != nil {
			t.Fatal(err)
		}
	}
	r.Value, r.Err = twilioapi.Verification{}, &twilioapi.Error{Kind: twilioapi.KindTimeout,
		Message: "No answer within 10s — the outcome is unknown", OutcomeUnknown: true}
	h.send(r)
}

// TestLostSendAnswerFindsTheVerification: when a send from the form got
// no answer but reached Twilio, the view asks Twilio for the number's
// pending verification and shows it as the session: the agent is not left
// to press enter again, which would send the customer a second code.
func TestLostSendAnswerFindsTheVerification(t *testing.T) {
	h := newHarness(t, 100, 30)
	sendWithLostAnswer(t, h, sandbox.NumberMobile, true)
	s := h.M.current()
	if h.M.mode == modeForm || s == nil || s.status != twilioapi.StatusPending || s.ver.SID == "" {
		t.Fatalf("mode %d, session %+v: the verification that went out is not shown", h.M.mode, s)
	}
	if n := len(h.sb.Outbox(sandbox.NumberMobile)); n != 1 {
		t.Fatalf("%d messages to the customer, want 1", n)
	}
	h.wantScreen("The send got no answer", "), found")
}

// TestLostSendAnswerNothingSent: when the lost send made no pending
// verification, the form keeps the number and says no code went out and
// that enter sends it.
func TestLostSendAnswerNothingSent(t *testing.T) {
	h := newHarness(t, 100, 30)
	sendWithLostAnswer(t, h, sandbox.NumberMobile, false)
	if h.M.mode != modeForm || h.M.form.sending || h.M.form.form.Get(fieldTo) != sandbox.NumberMobile {
		t.Fatalf("mode %d, sending %v, To %q", h.M.mode, h.M.form.sending, h.M.form.form.Get(fieldTo))
	}
	if p := h.M.form.problem; p == nil || !strings.Contains(strings.Join(p.Lines, " "), "no code was sent") {
		t.Fatalf("problem %+v", p)
	}
}
