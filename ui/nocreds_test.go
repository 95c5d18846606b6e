package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// TestAccountHintOnTheFirstScreen: a console that found no credentials
// says on its first screen how to use a Twilio account, at every size
// down to the minimum, within the width; a chosen sandbox (--sandbox, an
// SSH demo) has no hint and says nothing of the kind.
func TestAccountHintOnTheFirstScreen(t *testing.T) {
	hint := []string{"no credentials found: `twilio-verify login` adds your Twilio account",
		"no credentials: `twilio-verify login` adds your account"}
	for _, size := range [][2]int{{140, 30}, {100, 30}, {80, 24}, {MinWidth, MinHeight}} {
		m, _ := newTestModel(t, size[0], size[1], common.ThemePlain, nil)
		if strings.Contains(ansi.Strip(m.Render()), "twilio-verify login") {
			t.Fatalf("%dx%d: a chosen sandbox is told to log in", size[0], size[1])
		}
		m.opts.AccountHint = hint
		screen := ansi.Strip(m.Render())
		if !strings.Contains(screen, "`twilio-verify login` adds your") {
			t.Errorf("%dx%d: the first screen does not say how to use an account:\n%s", size[0], size[1], screen)
		}
		for _, line := range strings.Split(screen, "\n") {
			if ansi.StringWidth(line) > size[0] {
				t.Errorf("%dx%d: line wider than the terminal: %q", size[0], size[1], line)
			}
		}
	}
}
