package attempts

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestMouseOnLogAndDetail: with --mouse, a click selects the log row
// under it (also while an export's progress lines push the log down),
// the wheel over the log moves the cursor and over the attempt below it
// (or the attempt in full) scrolls the attempt as J/K do; it moved the
// log's cursor wherever the pointer was.
func TestMouseOnLogAndDetail(t *testing.T) {
	h := newHarness(t, 100, 100, 22)
	// Title, border and header come before the first row.
	h.send(tea.MouseClickMsg{X: 5, Y: 3 + 2, Button: tea.MouseLeft})
	if h.M.list.Cursor() != 2 {
		t.Fatalf("click on the third row: cursor %d", h.M.list.Cursor())
	}
	h.send(tea.MouseWheelMsg{X: 5, Y: 4, Button: tea.MouseWheelDown})
	if h.M.list.Cursor() != 3 {
		t.Fatalf("wheel over the log: cursor %d", h.M.list.Cursor())
	}
	for range 40 {
		h.send(tea.MouseWheelMsg{X: 5, Y: 18, Button: tea.MouseWheelDown})
	}
	end := h.M.offset
	if h.M.list.Cursor() != 3 || end == 0 {
		t.Fatalf("wheel over the attempt: cursor %d, offset %d:\n%s", h.M.list.Cursor(), end, h.Screen())
	}
	h.send(tea.MouseWheelMsg{X: 5, Y: 18, Button: tea.MouseWheelUp})
	if h.M.offset != end-1 {
		t.Fatalf("wheel up from the end of the attempt: offset %d, want %d", h.M.offset, end-1)
	}
	h.Key("enter")
	h.M, h.M.offset = h.M.setSize(100, 10), 0 // the attempt in full does not fit
	h.send(tea.MouseWheelMsg{X: 5, Y: 4, Button: tea.MouseWheelDown})
	if !h.M.zoom || h.M.list.Cursor() != 3 || h.M.offset != 1 {
		t.Fatalf("wheel over the attempt in full: cursor %d, offset %d", h.M.list.Cursor(), h.M.offset)
	}
	h.Key("esc")
	h.M = h.M.setSize(100, 22)
	h.Key("g")
	h.M.exp.running = true // two progress lines above the log
	h.send(tea.MouseClickMsg{X: 5, Y: 3 + 2 + 2, Button: tea.MouseLeft})
	if h.M.list.Cursor() != 2 {
		t.Fatalf("click on the third row below an export's progress: cursor %d", h.M.list.Cursor())
	}
}

// TestDetailScrollStopsAtTheEnd: J past the end of the attempt does not
// keep counting, so K scrolls back at once (after many J presses K
// seemed to do nothing).
func TestDetailScrollStopsAtTheEnd(t *testing.T) {
	h := newHarness(t, 100, 100, 22)
	for range 60 {
		h.Key("J")
	}
	end := h.Screen()
	h.Key("K")
	if h.Screen() == end {
		t.Fatalf("K after scrolling to the end did not scroll back (offset %d):\n%s", h.M.offset, end)
	}
}
