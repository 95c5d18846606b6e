package sandbox

import (
	"fmt"
	"testing"
)

// TestExpiredVerificationsAreSwept: verifications nobody touches again are
// closed as expired by a later start once the pending index has grown, so
// a long-running sandbox does not keep them (and rewrite them into its
// state file) for ever.
func TestExpiredVerificationsAreSwept(t *testing.T) {
	e := newEnv(t, Options{})
	var sids []string
	for i := 0; i < 30; i++ {
		sids = append(sids, *e.start(e.demo, fmt.Sprintf("+1500555%04d", i), "sms").Sid)
	}
	e.clock.Advance(CodeLifetime)
	e.sb.mu.Lock()
	e.sb.sweepAt = len(e.sb.pending) // as if the index had just doubled
	e.sb.mu.Unlock()
	fresh := e.start(e.demo, NumberMobile, "sms")

	e.sb.mu.Lock()
	defer e.sb.mu.Unlock()
	if len(e.sb.pending) != 1 || e.sb.pending[pendingKey(e.demo, NumberMobile)].SID != *fresh.Sid {
		t.Fatalf("pending after the sweep: %d", len(e.sb.pending))
	}
	for _, sid := range sids {
		if v := e.sb.st.Verifications[sid]; v.Status != statusExpired || !v.DateUpdated.Equal(v.ExpiresAt) {
			t.Fatalf("%s: status %s, updated %v", sid, v.Status, v.DateUpdated)
		}
	}
	if e.sb.sweepAt != minSweep {
		t.Fatalf("next sweep at %d pending, want %d", e.sb.sweepAt, minSweep)
	}
}
