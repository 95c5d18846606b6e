package totp

import (
	tea "charm.land/bubbletea/v2"
	"testing"
	"time"
)

// BenchmarkCountdownTick is one second of the countdown on the main
// screen with a kept factor: the tick's Update (the code is recomputed
// only when the time step changes) and the frame it draws.
func BenchmarkCountdownTick(b *testing.B) {
	m := mainModel(120, 50)
	now := t0
	m.c.Clock = func() time.Time { return now }
	m.c.Timer = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(time.Second)
		m, _ = m.update(tickMsg{gen: m.tickGen})
		_ = m.View()
	}
}

// BenchmarkQR draws a typical binding URI's QR code (done once per
// factor, size change or inversion, never per frame).
func BenchmarkQR(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, fits, err := renderQR(testURIs["typical"], 200, 100, false, true); !fits || err != nil {
			b.Fatal(fits, err)
		}
	}
}
