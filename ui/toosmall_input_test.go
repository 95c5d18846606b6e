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
