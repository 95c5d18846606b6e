package sessions_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// codeOnScreen finds the code the outbox pane shows.
var codeOnScreen = regexp.MustCompile(`code (\d{4,10})`)

// TestEndToEndSessionsInTmux drives the real binary on its sandbox:
// send an SMS, read the code off the outbox pane, approve; three wrong
// codes leave 2 checks; SMS to a landline on a skip-landlines service is
// explained (60205).
func TestEndToEndSessionsInTmux(t *testing.T) {
	tmuxtest.SkipShort(t)
	cfg := t.TempDir()
	s := tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox"}, Width: 110, Height: 34,
		Env: []string{"XDG_CONFIG_HOME=" + cfg}})
	const wait = 15 * time.Second
	s.WaitFor("Sandbox Demo", wait)
	s.SendKeys("2")
	s.WaitFor("No sessions yet", wait)

	// 1. Send an SMS, read the code from the outbox pane, type it: APPROVED.
	newSession := func(to, seen string) {
		t.Helper()
		s.SendKeys("n")
		s.WaitFor("New session", wait)
		s.Type(to)
		s.WaitFor(seen, wait)
		s.SendKeys("Enter")
	}
	newSession("+14155550100", "valid number")
	screen := s.WaitUntil(func(sc string) bool { return codeOnScreen.MatchString(sc) && strings.Contains(sc, "PENDING") }, wait, "the code in the outbox pane")
	code := codeOnScreen.FindStringSubmatch(screen)[1]
	s.Type(code)
	s.SendKeys("Enter")
	s.WaitFor("✔ APPROVED", wait)
	s.WaitFor("Checks    1 of 5 used · 4 left", wait) // the approving check counts

	// 2. A second customer: three wrong codes leave 2 checks.
	newSession("+44 20 7183 8750", "United Kingdom")
	screen = s.WaitUntil(func(sc string) bool {
		return strings.Contains(sc, "Sessions (2)") && strings.Contains(sc, "+442071838750 ·") && codeOnScreen.MatchString(sc)
	}, wait, "the second session")
	wrong := "000000"
	if m := codeOnScreen.FindStringSubmatch(screen); m != nil && m[1] == wrong {
		wrong = "111111"
	}
	for _, left := range []string{"4 checks left", "3 checks left", "2 checks left"} {
		s.Type(wrong)
		s.SendKeys("Enter")
		s.WaitFor("not approved, "+left, wait)
	}

	// 3. SMS to a landline on the demo service (lookup + skip landlines).
	// Esc then n at once reads as alt+n: wait for the list to have the keys.
	s.SendKeys("Escape")
	s.WaitFor("enter: type the customer's code", wait)
	newSession("+14155550101", "+14155550101 ·")
	s.WaitFor("60205", wait)
	s.WaitFor("landline", wait)
}
