package sandbox

// VerificationChecks is how many checks the sandbox counted for the
// verification sid, pending or closed (closed ones are kept, bounded), and
// whether it knows sid. Tests of a client compare their own count with it.
func (s *Sandbox) VerificationChecks(sid string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.st.Verifications[sid]
	if !ok {
		return 0, false
	}
	return v.Checks, true
}
