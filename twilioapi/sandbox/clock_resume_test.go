package sandbox

import (
	"path/filepath"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// TestStateRestartKeepsTheClockAhead: a run that moved its clock forward
// (POST /sandbox/v1/Clock) wrote records dated by that clock; the next run
// on the same --state file started from the real (or frozen) time again,
// behind its own records: its clock moved backwards, a pending
// verification "created" in its future lived longer than 10 minutes, and
// attempts were dated after now. The clock resumes at the newest stored
// date when it reads earlier.
func TestStateRestartKeepsTheClockAhead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	e := newEnv(t, Options{StatePath: path})
	if _, err := e.sb.AdvanceClock(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	ve := e.start(e.demo, NumberMobile, "sms")
	created := *ve.DateCreated

	// The next run's source reads the original time again.
	e.clock = NewManualClock(t0)
	e = reopen(t, e, path)
	if now := e.sb.Now(); now.Before(created) {
		t.Fatalf("after the restart the clock reads %s, before the verification it stored (%s)", now, created)
	}
	if _, err := e.sb.AdvanceClock(CodeLifetime + time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := e.v.FetchVerification(e.demo, *ve.Sid); err == nil {
		t.Fatal("the verification outlived its 10 minutes across the restart")
	}
	list, err := e.v.ListVerificationAttempt(&verify.ListVerificationAttemptParams{})
	if err != nil || len(list) == 0 {
		t.Fatalf("attempts: %v %d", err, len(list))
	}
	if d := *list[0].DateCreated; d.After(e.sb.Now()) {
		t.Fatalf("the newest attempt is dated %s, after now %s", d, e.sb.Now())
	}
}
