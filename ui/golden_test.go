package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// goldenModel is the shell on the Services tab with the fixture loaded,
// the first service current and one outbox message: everything fixed, so
// the frame is the same on every run. Lip Gloss renders full-colour SGR
// independent of the terminal, so the dark and light files hold exact,
// stable colour codes; the text files hold the layout without them.
func goldenModel(t *testing.T, w, h int, theme common.ThemeKind) Model {
	m, _ := newTestModelWith(t, w, h, theme, nil, Registry())
	m = loadFixture(t, m)
	return fixtureOutbox(m)
}

// TestGolden renders the shell and the Services view at 80×24 and
// 160×48, dark and light (with colour codes) and as plain text.
// Update with: go test ./ui -run TestGolden -update
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, theme := range []common.ThemeKind{common.ThemeDark, common.ThemeLight} {
			name := fmt.Sprintf("%dx%d/%s", size[0], size[1], theme)
			t.Run(name, func(t *testing.T) {
				out := goldenModel(t, size[0], size[1], theme).Render()
				checkFrame(t, out, size[0], size[1])
				golden.RequireEqual(t, out)
			})
			t.Run(name+"/text", func(t *testing.T) {
				golden.RequireEqual(t, ansi.Strip(goldenModel(t, size[0], size[1], theme).Render()))
			})
		}
	}
}

// TestGoldenStates renders the other screens of the shell at 80×24 as
// text: form, delete confirm, error dialog, full help, and too small.
func TestGoldenStates(t *testing.T) {
	states := map[string]func(Model) Model{
		"create_form": func(m Model) Model {
			m, _ = m.update(viewtest.Key("n"))
			m = typeText(m, "Acme")
			return m
		},
		"delete_confirm": func(m Model) Model {
			m, cmd := m.update(viewtest.Key("d"))
			for _, msg := range viewtest.Run(t, cmd) {
				m, _ = m.update(msg)
			}
			return typeText(m, "Sand")
		},
		"full_help": func(m Model) Model {
			m, _ = m.update(viewtest.Key("?"))
			return m
		},
		"filter": func(m Model) Model {
			m, _ = m.update(viewtest.Key("/"))
			return typeText(m, "pay")
		},
		"error_dialog": func(m Model) Model {
			m, _ = m.update(common.ShowErrorMsg{Title: "Sending failed", Err: &twilioapi.Error{
				Kind: twilioapi.KindAPI, Status: 429, Code: 60203, Message: "Max send attempts reached",
				Hint:     "Five sends to one number in ten minutes; wait, or use another number.",
				MoreInfo: "https://www.twilio.com/docs/errors/60203"}})
			return m
		},
		"sessions_60x16": func(m Model) Model {
			// The advertised minimum: the outbox line still shows the code.
			m, _ = m.update(tea.WindowSizeMsg{Width: MinWidth, Height: MinHeight})
			m, _ = m.update(viewtest.Key("2"))
			return m
		},
		"too_small": func(m Model) Model {
			m, _ = m.update(tea.WindowSizeMsg{Width: 50, Height: 12})
			return m
		},
	}
	for name, f := range states {
		t.Run(name, func(t *testing.T) {
			m := f(goldenModel(t, 80, 24, common.ThemePlain))
			out := m.Render()
			checkFrame(t, out, m.c.Width, m.c.Height)
			golden.RequireEqual(t, ansi.Strip(out))
		})
	}
}

// checkFrame asserts the frame fills the window exactly: h lines, none
// wider than w.
func checkFrame(t testing.TB, out string, w, h int) {
	t.Helper()
	if p := frameProblem(out, w, h); p != "" {
		t.Fatal(p)
	}
}

// frameProblem says how a frame does not fit a w×h window exactly
// (empty when it does, or when it is empty for a window without cells).
func frameProblem(out string, w, h int) string {
	if w <= 0 || h <= 0 {
		if out != "" {
			return fmt.Sprintf("%d×%d: want an empty frame, got %q", w, h, out)
		}
		return ""
	}
	lines := strings.Split(out, "\n")
	if len(lines) != h {
		return fmt.Sprintf("%d×%d: frame has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			return fmt.Sprintf("%d×%d: line %d is %d wide: %q", w, h, i, lw, ansi.Strip(l))
		}
	}
	return ""
}
