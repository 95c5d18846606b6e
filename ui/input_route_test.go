package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestTooSmallDropsPasteAndWheel: while only the too-small notice is
// drawn, a paste or a wheel turn reaches nothing, as keys do not: the
// form behind the notice keeps exactly what the user typed.
func TestTooSmallDropsPasteAndWheel(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m = loadFixture(t, m)
	m, _ = m.update(viewtest.Key("n"))
	m = typeText(m, "Acme")
	m, _ = m.update(tea.WindowSizeMsg{Width: MinWidth - 1, Height: MinHeight - 1})
	m, _ = m.update(tea.PasteMsg{Content: "Pasted"})
	m, _ = m.update(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown})
	m, _ = m.update(tea.WindowSizeMsg{Width: 100, Height: 30})
	out := ansi.Strip(m.Render())
	if !strings.Contains(out, "Acme") || strings.Contains(out, "Pasted") {
		t.Fatalf("a paste behind the too-small notice reached the form:\n%s", out)
	}
}

// TestWheelInViewCoordinates: a wheel turn reaches the view in its own
// coordinates, as a click does (row 0 is the view's first row, below the
// tab bar), and one over the tab bar or the lines under the view reaches
// no view: the views pick the pane under the pointer by its row.
func TestWheelInViewCoordinates(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m, _ = m.update(viewtest.Key("4"))
	var got []int
	for _, p := range probes(m) {
		p.hook = func(msg tea.Msg) {
			if w, ok := msg.(tea.MouseWheelMsg); ok {
				got = append(got, w.Y)
			}
		}
	}
	_, ch := m.contentSize()
	for _, y := range []int{0, 5, ch, ch + 1, 29} {
		m, _ = m.update(tea.MouseWheelMsg{X: 5, Y: y, Button: tea.MouseWheelDown})
	}
	if len(got) != 2 || got[0] != 4 || got[1] != ch-1 {
		t.Fatalf("the view got wheel turns at rows %v, want [4 %d]", got, ch-1)
	}
}
