package sandbox

import "time"

// resumeClock moves the clock of a sandbox loaded from a state file forward
// to the newest date the file holds, when it reads earlier. The previous
// run's clock may have been moved forward (POST /sandbox/v1/Clock), and that
// offset is not stored: a clock starting from the real or frozen time again
// would be behind its own records, so it would move backwards across the
// restart and verifications dated in its future would outlive their 10
// minutes. Called from New, before the sandbox serves.
func (s *Sandbox) resumeClock() {
	var latest time.Time
	seen := func(t time.Time) {
		if t.After(latest) {
			latest = t
		}
	}
	for _, sv := range s.st.Services {
		seen(sv.DateUpdated)
	}
	for _, v := range s.st.Verifications {
		seen(v.DateUpdated)
	}
	if n := len(s.st.Outbox); n > 0 {
		seen(s.st.Outbox[n-1].DateCreated)
	}
	for _, r := range s.attempts.recs {
		seen(unixUTC(r.updated))
	}
	if latest.After(s.clk.now()) {
		_, _ = s.clk.move(latest, 0) // forward only, so it cannot fail
	}
}
