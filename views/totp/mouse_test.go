package totp

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// cellOf is the view cell where text first appears on screen as a row
// (not in the factor pane's "Factors of" heading).
func (h *harness) cellOf(text string) (x, y int) {
	h.T().Helper()
	for y, line := range strings.Split(h.screen(), "\n") {
		line = strings.ReplaceAll(line, "Factors of "+text, "Factors of "+strings.Repeat("_", len(text)))
		if i := strings.Index(line, text); i >= 0 {
			return ansi.StringWidth(line[:i]), y
		}
	}
	h.T().Fatalf("%q is not on screen:\n%s", text, h.screen())
	return 0, 0
}

// TestMouseSelectsEntitiesAndFactors: with --mouse, a click on an entity
// or a factor selects it and focuses its pane, and the wheel moves the
// list under the pointer, as in the other views' lists; nothing moves
// while the filter has the keyboard.
func TestMouseSelectsEntitiesAndFactors(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 30}} {
		h := newHarness(t, size[0], size[1])
		for _, id := range []string{"carol-0003-abcd", "dave-0004-abcd"} {
			if _, err := h.client.CreateEntity(context.Background(), h.svc.SID, id); err != nil {
				t.Fatal(err)
			}
		}
		const bob = "bob-0002-abcd"
		h.pushFactor(bob, "Pixel 8")
		h.pushFactor(bob, "Galaxy S24")
		h.Key("r")

		x, y := h.cellOf(bob)
		h.Send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
		if h.M.entities.SelectedID() != bob || h.M.focus != focusEntities {
			t.Fatalf("%v: click on %s selected %s:\n%s", size, bob, h.M.entities.SelectedID(), h.screen())
		}
		x, y = h.cellOf("Galaxy S24")
		h.Send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
		if f, ok := h.M.selectedFactor(); !ok || f.FriendlyName != "Galaxy S24" {
			t.Fatalf("%v: click on a factor selected %+v (focus %v):\n%s", size, f, h.M.focus, h.screen())
		}
		x, y = h.cellOf("Pixel 8")
		h.Send(tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelUp})
		h.Send(tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelDown})
		h.Send(tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelDown})
		if f, _ := h.M.selectedFactor(); f.FriendlyName != "Galaxy S24" && f.FriendlyName != "Pixel 8" {
			t.Fatalf("%v: wheel over the factors left %+v", size, f)
		}
		before := h.M.factors.Cursor()
		h.Send(tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelUp})
		if h.M.factors.Cursor() == before {
			t.Fatalf("%v: the wheel over the factor rows did not move them", size)
		}
		x, y = h.cellOf(bob)
		wheel := tea.MouseWheelDown
		if h.M.entities.Cursor() == h.M.entities.Shown()-1 {
			wheel = tea.MouseWheelUp
		}
		h.Send(tea.MouseWheelMsg{X: x, Y: y, Button: wheel})
		if h.M.entities.SelectedID() == bob {
			t.Fatalf("%v: the wheel over the entities did not move them", size)
		}
		h.Key("esc")
		h.Key("/")
		sel := h.M.entities.SelectedID()
		x, y = h.cellOf("dave-0004-abcd")
		h.Send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
		h.Send(tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelDown})
		if h.M.entities.SelectedID() != sel || !h.M.entities.Filtering() {
			t.Fatalf("%v: the mouse moved the list while the filter is typed in", size)
		}
	}
}

// TestMouseWheelScrollsEnrolment: on a small terminal the one-time
// enrolment screen scrolls with the wheel as with J/K, never past its end.
func TestMouseWheelScrollsEnrolment(t *testing.T) {
	h := newHarness(t, 60, 12)
	h.enrol("alice-0001-abcd", "Phone", false)
	for range 100 {
		h.Send(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown})
	}
	end := h.M.detailOffset
	if end == 0 || end > len(h.M.enrolLines())-h.M.height {
		t.Fatalf("wheel down scrolled to %d of %d lines in %d rows", end, len(h.M.enrolLines()), h.M.height)
	}
	h.Send(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelUp})
	if h.M.detailOffset != end-1 {
		t.Fatalf("wheel up from the end: %d, want %d", h.M.detailOffset, end-1)
	}
}

// TestDetailScrollStopsAtTheEnd: J (or the wheel) past the end of a
// factor's details does not keep counting, so K scrolls back at once.
func TestDetailScrollStopsAtTheEnd(t *testing.T) {
	h := newHarness(t, 60, 14)
	const bob = "bob-0002-abcd"
	h.pushFactor(bob, "Pixel 8")
	h.selectEntity(bob)
	for range 50 {
		h.Key("J")
	}
	end := h.screen()
	h.Key("K")
	if h.screen() == end {
		t.Fatalf("K after scrolling to the end did not scroll back (offset %d):\n%s", h.M.detailOffset, end)
	}
}
