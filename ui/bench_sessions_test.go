package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// benchSessions is how many sessions the keypress benchmark keeps open
// (the target: a keypress to its frame under 16 ms with 200 sessions open).
const benchSessions = 200

// benchSizes are the terminal sizes the frame is measured at.
var benchSizes = [][2]int{{80, 24}, {160, 48}, {200, 60}}

// consoleWith200 is the console at w×h on the Sessions tab with
// benchSessions sessions opened through the UI, the middle one selected
// (so ↓ and ↑ both move and the list is scrolled).
func consoleWith200(tb testing.TB, w, h int) *console {
	tb.Helper()
	c := newConsole(tb, w, h)
	c.openSessions(benchSessions)
	for i := 0; i < benchSessions/2; i++ {
		c.key("up")
	}
	return c
}

// TestKeypressFrameSetup checks what BenchmarkKeypressFrame200Sessions
// measures: 200 real sessions on the sandbox, the list on screen with a
// session selected and shown, and nothing in the way (no dialog, no call
// in flight), at every benchmarked size.
func TestKeypressFrameSetup(t *testing.T) {
	for _, size := range benchSizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			c := consoleWith200(t, size[0], size[1])
			scr := c.screen()
			for _, want := range []string{"Sessions (200)", "SANDBOX", "outbox 200 ·", "+1212555"} {
				if !strings.Contains(scr, want) {
					t.Fatalf("frame lacks %q:\n%s", want, scr)
				}
			}
			if c.m.dialog != nil || c.m.anyBusy() || c.m.viewCapturing() {
				t.Fatalf("not at rest on the list (dialog %v, busy %v, capturing %v):\n%s",
					c.m.dialog != nil, c.m.anyBusy(), c.m.viewCapturing(), scr)
			}
			if got := len(c.sb.Outbox("")); got < benchSessions {
				t.Fatalf("the sandbox delivered %d messages, want %d", got, benchSessions)
			}
			// ↓ then ↑ must change the frame and come back: the benchmark's
			// keypresses do work. They start nothing (no call, no timer), so
			// the benchmark, which drops their Cmd, leaves nothing out.
			for _, k := range []string{"down", "up"} {
				if _, cmd := c.m.Update(viewtest.Key(k)); cmd != nil {
					t.Fatalf("%s returned a Cmd the benchmark would drop: %v", k, viewtest.Run(t, cmd))
				}
			}
			c.key("down")
			moved := c.screen()
			c.key("up")
			if moved == scr || c.screen() != scr {
				t.Fatalf("↓/↑ did not move the selection and back:\n%s\n---\n%s", scr, moved)
			}
			t.Logf("%d timers dropped during setup", c.dropped)
		})
	}
}

// BenchmarkKeypressFrame200Sessions is one keypress (↓ or ↑ in the session
// list) through the root model's Update, and the whole frame after it
// (tabs, the Sessions view, outbox line, status line, help), with 200
// sessions opened through the UI against the sandbox. The setup is
// untimed. Target: under 16 ms.
func BenchmarkKeypressFrame200Sessions(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			c := consoleWith200(b, size[0], size[1])
			m := c.m
			down, up := viewtest.Key("down"), viewtest.Key("up")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := down
				if i%2 == 1 {
					k = up
				}
				tm, _ := m.Update(k)
				m = tm.(Model)
				_ = m.View()
			}
		})
	}
}
