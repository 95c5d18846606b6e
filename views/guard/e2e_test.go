package guard_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// tabKey finds the key of a tab on the tab bar ("3 Guard").
func tabKey(t *testing.T, screen, title string) string {
	t.Helper()
	m := regexp.MustCompile(`(\d) ` + title + `\b`).FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no %s tab on screen:\n%s", title, screen)
	}
	return m[1]
}

// TestEndToEndSafeListLetsABlockedSendThrough drives the real binary on
// its sandbox: an SMS to the sandbox's Fraud Guard number fails with the
// 60410 explanation in Sessions; the Guard view puts the number on the
// Safe List; the same send then goes through.
func TestEndToEndSafeListLetsABlockedSendThrough(t *testing.T) {
	tmuxtest.SkipShort(t)
	s := tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox"}, Width: 110, Height: 34})
	const wait = 15 * time.Second
	const fraud = "+14155550102"
	screen := s.WaitFor("Sandbox Demo", wait)
	sessions, guard := tabKey(t, screen, "Sessions"), tabKey(t, screen, "Guard")

	send := func(typeIt bool) {
		t.Helper()
		s.SendKeys(sessions)
		s.WaitFor("Sessions (", wait)
		s.SendKeys("n")
		s.WaitFor("New session", wait)
		if typeIt {
			s.Type(fraud)
		}
		s.WaitFor("valid number", wait)
		s.SendKeys("Enter")
	}

	// 1. Blocked: the form explains 60410 and where the Safe List is.
	send(true)
	s.WaitFor("60410", wait)
	s.WaitFor("Safe List", wait)
	s.SendKeys("Escape") // close the form (its input is kept)
	s.WaitGone("New session", wait)

	// 2. The Guard view adds the number to the Safe List.
	s.SendKeys(guard)
	s.WaitFor("Console settings", wait)
	s.SendKeys("n")
	s.WaitFor("Add a number to the Safe List", wait)
	s.Type(fraud)
	s.SendKeys("Enter")
	s.WaitUntil(func(sc string) bool {
		return strings.Contains(sc, fraud+" is on the Safe List") && strings.Contains(sc, "✓ yes")
	}, wait, "the number on the Safe List")

	// The blocked send is listed there too, masked.
	// Esc then a key at once reads as alt+key: wait for the section list.
	s.SendKeys("Escape")
	s.WaitFor("open Safe List", wait)
	for range 4 {
		s.SendKeys("Down")
	}
	s.WaitFor("Fraud Guard 60410", wait)
	s.WaitFor("+1415•••0102", wait)

	// 3. The same send now goes through (the form kept its input).
	send(false)
	s.WaitUntil(func(sc string) bool {
		return strings.Contains(sc, "PENDING") && strings.Contains(sc, fraud)
	}, wait, "a pending verification to "+fraud)
}
