package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// TestNoCredentialsSaysHowToUseAnAccount: a first run finds no
// credentials and opens the sandbox; the first screen says how to use a
// Twilio account, at every size down to the minimum. --sandbox and an SSH
// demo (Sandbox set) chose the sandbox, and are not told.
func TestNoCredentialsSaysHowToUseAnAccount(t *testing.T) {
	if b := buildT(t, BuildOptions{Width: 100, Height: 30}); !b.shell.NoCredentials {
		t.Error("a build without credentials does not say how to use an account")
	}
	if b := buildT(t, BuildOptions{Sandbox: true, Width: 100, Height: 30}); b.shell.NoCredentials {
		t.Error("a --sandbox build is told to log in")
	}
	for _, size := range [][2]int{{100, 30}, {80, 24}, {MinWidth, MinHeight}} {
		m, _ := newTestModel(t, size[0], size[1], common.ThemePlain, nil)
		if strings.Contains(ansi.Strip(m.Render()), "twilio-verify login") {
			t.Fatalf("%dx%d: a chosen sandbox is told to log in", size[0], size[1])
		}
		m.opts.NoCredentials = true
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
