package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// TestTypeToConfirmFitsMinimumSize: at 60×16 the delete-service dialog is
// taller than the content area; its body gives way, never the line that
// asks for the name, the name being typed, or the keys.
func TestTypeToConfirmFitsMinimumSize(t *testing.T) {
	m, _ := newTestModel(t, MinWidth, MinHeight, common.ThemePlain, nil)
	m = loadFixture(t, m)
	m, _ = m.update(common.ConfirmMsg{Title: "Delete service", TypeToConfirm: "Sandbox Demo", OnConfirm: quitMsg{},
		Body: "Delete \"Sandbox Demo\" (VAd7e95f0cef77cf5abab55b299fce6d42)?\n\nIts verifications, factors and rate limits go with it. This cannot be undone."})
	m = typeText(m, "Sandbox")
	out := ansi.Strip(m.Render())
	for _, want := range []string{"Delete service", "Type Sandbox Demo to confirm:", "› Sandbox", "enter confirm · esc cancel", "…"} {
		if !strings.Contains(out, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, out)
		}
	}
}
