package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Large data for BenchmarkViewLarge: services on the list, sessions open,
// attempts in the log.
const (
	largeServices = 300
	largeSessions = 200
	largeAttempts = 5000
)

// consoleLarge is the whole program at w×h after a user loaded a lot:
// largeServices services, largeSessions sessions, largeAttempts attempts
// seeded in the sandbox; each view has been shown (and refreshed) once.
func consoleLarge(tb testing.TB, w, h int) *console {
	tb.Helper()
	c := newConsole(tb, w, h)
	for i := range largeServices {
		name := fmt.Sprintf("Service %03d", i)
		if _, err := c.m.c.Client.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name}); err != nil {
			tb.Fatal(err)
		}
	}
	c.sb.SeedAttempts(largeAttempts, 1)
	c.openSessions(largeSessions)
	for _, e := range Registry() {
		c.send(common.ShowViewMsg{View: e.ID})
		c.key(c.m.c.Keys.Refresh.Keys()[0])
	}
	return c
}

// TestViewLargeSetup checks the benchmark's setup: every view is drawn
// at rest with its data, no dialog open.
func TestViewLargeSetup(t *testing.T) {
	if testing.Short() {
		t.Skip("large setup (-short)")
	}
	c := consoleLarge(t, 200, 60)
	for _, e := range Registry() {
		c.send(common.ShowViewMsg{View: e.ID})
		if c.m.ActiveID() != e.ID || c.m.dialog != nil {
			t.Fatalf("%s: not shown at rest (active %s, dialog %v):\n%s", e.ID, c.m.ActiveID(), c.m.dialog != nil, c.screen())
		}
	}
	c.send(common.ShowViewMsg{View: Registry()[0].ID})
	if !strings.Contains(c.screen(), "100 loaded · more on scroll") {
		t.Fatalf("services not all loaded:\n%s", c.screen())
	}
}

// BenchmarkViewLarge is one View of each registered view at 200×60 with
// large data loaded: what a frame costs the program before the terminal
// renderer diffs it.
func BenchmarkViewLarge(b *testing.B) {
	c := consoleLarge(b, 200, 60)
	for _, e := range Registry() {
		c.send(common.ShowViewMsg{View: e.ID})
		b.Run(string(e.ID), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = c.m.Render()
			}
		})
	}
}
