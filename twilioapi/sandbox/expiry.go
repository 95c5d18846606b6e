package sandbox

// minSweep is the number of pending verifications below which expired ones
// are simply left for the next touch to close.
const minSweep = 1024

// maybeSweepExpired closes pending verifications whose ten minutes are up,
// once the pending index has doubled since the last sweep; the caller
// holds s.mu.
//
// Expiry is otherwise lazy: a verification is closed when it is next
// fetched, checked or restarted. A client that starts verifications for
// ever-new destinations and never checks them (a test suite using random
// numbers) would then keep every one pending for ever, and the state file,
// rewritten whole after each change, would grow without bound. Sweeping
// when the index doubles keeps the cost amortised O(1) per start.
func (s *Sandbox) maybeSweepExpired() {
	if len(s.pending) < s.sweepAt {
		return
	}
	now := s.clock()
	for _, v := range s.pending {
		if !now.Before(v.ExpiresAt) {
			s.closeVerification(v, statusExpired, v.ExpiresAt) // deleting during range is fine
		}
	}
	s.sweepAt = max(2*len(s.pending), minSweep)
}
