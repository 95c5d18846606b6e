package twilioapi_test

import (
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
)

// TestVerificationOutcome reads the outcome of approved, pending,
// expired and canceled verifications from the Attempts API, through
// twilio-go and the sandbox.
func TestVerificationOutcome(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	outcome := func(sid string) twilioapi.Status {
		t.Helper()
		st, err := e.c.VerificationOutcome(e.ctx, va, sid)
		if err != nil {
			t.Fatalf("VerificationOutcome(%s): %v", sid, err)
		}
		return st
	}

	approved := e.start(t, va, "+14155550100", twilioapi.ChannelSMS)
	if r, err := e.check(va, "+14155550100", apitest.LatestCode(t, e.sb, "+14155550100")); err != nil || !r.Valid {
		t.Fatalf("check: %v %+v", err, r)
	}
	pending := e.start(t, va, "+14155552671", twilioapi.ChannelSMS)
	canceled := e.start(t, va, "+15017122661", twilioapi.ChannelSMS)
	if _, err := e.c.UpdateVerificationStatus(e.ctx, va, canceled.SID, twilioapi.StatusCanceled); err != nil {
		t.Fatal(err)
	}
	if got := outcome(approved.SID); got != twilioapi.StatusApproved {
		t.Fatalf("approved verification reads %q", got)
	}
	// Within the code's lifetime a canceled verification cannot be told
	// from a pending one: attempts record deliveries, not updates.
	for _, v := range []twilioapi.Verification{pending, canceled} {
		if got := outcome(v.SID); got != twilioapi.StatusPending {
			t.Fatalf("%s reads %q, want pending", v.To, got)
		}
	}
	e.clock.Advance(twilioapi.CodeLifetime + 1)
	if got := outcome(pending.SID); got != twilioapi.StatusExpired {
		t.Fatalf("after the code's lifetime: %q, want expired", got)
	}
	if got := outcome(approved.SID); got != twilioapi.StatusApproved {
		t.Fatalf("an approved verification stays approved, got %q", got)
	}
	// Twilio has no attempt of an unknown verification: no outcome.
	if got := outcome("VE0123456789abcdef0123456789abcdef"); got != "" {
		t.Fatalf("unknown verification reads %q", got)
	}
	if _, err := e.c.VerificationOutcome(e.ctx, va, "not-a-sid"); err == nil {
		t.Fatal("a malformed SID was sent")
	}
}

// TestAttemptsBudgetStaysUnderTwilioLimit: a token bucket sends its burst
// plus a minute's refill in a minute; that must not pass Twilio's limit.
func TestAttemptsBudgetStaysUnderTwilioLimit(t *testing.T) {
	perMinute := twilioapi.AttemptsBurst + int(time.Minute/twilioapi.AttemptsRefill)
	if perMinute > twilioapi.AttemptsRequestsPerMinute || perMinute < twilioapi.AttemptsRequestsPerMinute*9/10 {
		t.Fatalf("budget %d calls a minute against Twilio's %d", perMinute, twilioapi.AttemptsRequestsPerMinute)
	}
}
