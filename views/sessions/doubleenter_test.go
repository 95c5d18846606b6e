package sessions

import "testing"

// TestSecondEnterKeepsCheckingNote: an agent who presses enter twice
// sees "checking…" until the answer, not the empty-field prompt that
// reads as if no check had gone out.
func TestSecondEnterKeepsCheckingNote(t *testing.T) {
	h := newHarness(t, 100, 30)
	s, cmd := h.wrongCheckInFlight()
	h.M, _ = h.M.update(keyOf("enter")) // enter again on the now empty field
	if s.note != "checking…" {
		t.Fatalf("while checking, after a second enter: note %q", s.note)
	}
	h.wantScreen("checking…")
	h.Loop(cmd)
	if s.note != "not approved, 4 checks left" {
		t.Fatalf("after the answer: note %q", s.note)
	}
}
