package sessions_test

import (
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestEndToEndKeysReachTheirPlace drives the built binary in tmux: a code
// typed on a waiting session (after esc, and after a resend) goes into the
// code field instead of switching views; q on the too-small screen does
// not quit a form with input; with --mouse a click selects a session row.
func TestEndToEndKeysReachTheirPlace(t *testing.T) {
	tmuxtest.SkipShort(t)
	s := tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox", "--mouse"}, Width: 110, Height: 34})
	const wait = 15 * time.Second
	s.WaitFor("Sandbox Demo", wait)
	s.SendKeys("2")
	s.WaitFor("No sessions yet", wait)
	send := func(to string) {
		t.Helper()
		s.SendKeys("n")
		s.WaitFor("New session", wait)
		s.Type(to)
		s.WaitFor(to+" ·", wait)
		s.SendKeys("Enter")
		s.WaitFor("Code ›", wait)
	}

	// 1. Off the field, digits go to the code, not to the tab keys.
	send("+14155550100")
	s.SendKeys("Escape")
	s.WaitFor("enter: type the customer's code", wait)
	s.Type("729824")
	if sc := s.WaitFor("Code ›    729824", wait); !strings.Contains(sc, "Sessions (1)") {
		t.Fatalf("a digit switched views:\n%s", sc)
	}
	// …and after a resend the field has focus again.
	s.SendKeys("Escape")
	s.WaitFor("go on typing", wait)
	s.SendKeys("s")
	s.WaitFor("Resend by", wait)
	s.SendKeys("Enter")
	s.WaitFor("2 of 5 used", wait)
	s.Type("24")
	s.WaitFor("Code ›    72982424", wait)
	// Esc then n at once reads as alt+n: wait for the list first.
	s.SendKeys("Escape")
	s.WaitFor("go on typing", wait)

	// 9. With --mouse, a click on a row selects that session.
	send("+14155550106")
	s.SendKeys("Escape")
	s.WaitFor("enter: type the customer's code", wait)
	s.WaitFor("+14155550106 · 🇺🇸", wait)
	s.Click(3, 2) // the first session's row: tab bar, list title, row
	s.WaitFor("+14155550100 · 🇺🇸", wait)
	s.WaitFor("go on typing", wait)

	// 4. q on the too-small screen does not quit a form with input.
	s.SendKeys("n")
	s.WaitFor("New session", wait)
	s.Type("+1415")
	s.Resize(50, 12)
	s.WaitFor("Terminal too small", wait)
	s.SendKeys("q")
	s.Resize(110, 34)
	s.WaitFor("+1415", wait) // still running, the input kept
	if s.Exited() {
		t.Fatal("q quit from the too-small screen")
	}
}
