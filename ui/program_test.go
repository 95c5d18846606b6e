package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// TestFirstModelHandsOver: Bubble Tea keeps the model it was started
// with for the program's life; after the first message that copy holds
// no views, and the shell answers from then on with the same frame the
// wrapper drew.
func TestFirstModelHandsOver(t *testing.T) {
	m, _ := newTestModel(t, 80, 24, common.ThemeDark, nil)
	first := handOver(m)
	before := first.View().Content
	next, _ := first.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	shell, ok := next.(Model)
	if !ok {
		t.Fatalf("the first Update returned %T, want the shell's Model", next)
	}
	if first.m.views != nil || first.m.c != nil {
		t.Fatal("the first model still holds the shell: Bubble Tea's copy pins the first views")
	}
	if len(shell.views) != len(m.views) {
		t.Fatalf("the shell has %d views, want %d", len(shell.views), len(m.views))
	}
	if got := shell.View().Content; got != before {
		t.Errorf("the frame changed across the hand-over:\nbefore:\n%s\nafter:\n%s", before, got)
	}
}
