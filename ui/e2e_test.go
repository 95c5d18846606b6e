package ui

import (
	"regexp"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestE2EServices drives the real binary in tmux against its built-in
// sandbox: create a service through the form, see it listed, edit its
// code length, delete it (typing its name), and quit.
func TestE2EServices(t *testing.T) {
	s := tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox"}, Width: 100, Height: 30, Env: []string{"NO_COLOR="}})
	const wait = 10 * time.Second
	s.WaitFor("SANDBOX", wait)
	s.WaitFor("★ Sandbox Demo", wait)

	// Create.
	s.SendKeys("n")
	s.WaitFor("New service", wait)
	s.Type("E2E Login")
	s.SendKeys("C-s")
	s.WaitFor("created service E2E Login", wait)
	row := func(codeLen string) *regexp.Regexp {
		return regexp.MustCompile(`E2E Login\s+VA[0-9a-f]{32}\s+` + codeLen + `\s`)
	}
	s.WaitUntil(func(sc string) bool { return row("6").MatchString(sc) }, wait, "E2E Login listed with code length 6")

	// Edit the code length (the new service is selected).
	s.SendKeys("e")
	s.WaitFor("Edit E2E Login", wait)
	s.SendKeys("Tab", "BSpace")
	s.Type("9")
	s.SendKeys("C-s")
	s.WaitFor("saved service E2E Login", wait)
	s.WaitUntil(func(sc string) bool { return row("9").MatchString(sc) }, wait, "E2E Login with code length 9")

	// Delete: a wrong name is refused, the right one deletes.
	s.SendKeys("d")
	s.WaitFor("Type E2E Login to confirm", wait)
	s.Type("E2E")
	s.SendKeys("Enter")
	s.WaitFor("nothing was deleted", wait)
	s.Type(" Login")
	s.SendKeys("Enter")
	s.WaitFor("deleted service E2E Login", wait)
	s.WaitUntil(func(sc string) bool { return !row(`\d+`).MatchString(sc) }, wait, "E2E Login gone from the list")

	// Quit.
	s.SendKeys("q")
	s.WaitExit(wait)
	if st := s.ExitStatus(); st != 0 {
		t.Fatalf("exit status %d; screen:\n%s", st, s.Screen())
	}
}

// TestE2EQuitAsksWhenPending: with a verification pending in the
// Sessions view, q asks first; n stays, y quits.
func TestE2EQuitAsksWhenPending(t *testing.T) {
	s := tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox"}, Width: 100, Height: 30})
	const wait = 10 * time.Second
	s.WaitFor("★ Sandbox Demo", wait)
	s.SendKeys("2", "n")
	s.Type("+14155550100")
	s.SendKeys("Enter")
	s.WaitFor("PENDING", wait)
	s.WaitFor("Code ›", wait)
	// Leave the code field so q is not typed into it; wait for that
	// before q, or the terminal reads ESC q as alt+q.
	s.SendKeys("Escape")
	s.WaitGone("Code ›", wait)
	s.SendKeys("q")
	s.WaitFor("A verification is still pending", wait)
	s.SendKeys("n")
	s.WaitGone("A verification is still pending", wait)
	if s.Exited() {
		t.Fatal("n must not quit")
	}
	s.SendKeys("q")
	s.WaitFor("A verification is still pending", wait)
	s.SendKeys("y")
	s.WaitExit(wait)
}
