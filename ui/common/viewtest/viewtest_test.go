package viewtest

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// TestKeyMatchesKeymap checks that every built press is what the keymap's
// bindings match, so tests press the keys users press.
func TestKeyMatchesKeymap(t *testing.T) {
	km := common.DefaultKeyMap()
	for name, b := range map[string]key.Binding{
		"?": km.Help, "ctrl+c": km.ForceQuit, "tab": km.NextTab, "shift+tab": km.PrevTab,
		"G": km.End, "space": km.Toggle, "ctrl+s": km.Submit, "pgdown": km.PageDown, "esc": km.Back,
	} {
		if !key.Matches(Key(name), b) {
			t.Errorf("Key(%q) = %q does not match %v", name, Key(name).String(), b.Keys())
		}
	}
	for name, want := range map[string]string{
		"enter": "enter", "esc": "esc", "ctrl+s": "ctrl+s", "space": "space", "backspace": "backspace",
		"up": "up", "x": "x", "alt+x": "alt+x", "+": "+", "ctrl++": "ctrl++",
	} {
		if got := Key(name).String(); got != want {
			t.Errorf("Key(%q).String() = %q, want %q", name, got, want)
		}
	}
}

// TestKeyPanicsOnTypo: a misspelt key name must fail the test, not press
// some other key.
func TestKeyPanicsOnTypo(t *testing.T) {
	for _, name := range []string{"entr", "ctl+s"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Key(%q) did not panic", name)
				}
			}()
			Key(name)
		}()
	}
}

func TestType(t *testing.T) {
	msgs := Type("hé!")
	if len(msgs) != 3 || msgs[1].(tea.KeyPressMsg).Text != "é" {
		t.Fatalf("Type = %v", msgs)
	}
}

// TestRunFlattens: batches and sequences nested in each other come out in
// order, nil messages dropped.
func TestRunFlattens(t *testing.T) {
	type m int
	emit := func(i int) tea.Cmd { return func() tea.Msg { return m(i) } }
	nilCmd := func() tea.Msg { return nil }
	cmd := tea.Batch(emit(1), tea.Sequence(emit(2), nilCmd, tea.Batch(emit(3), emit(4))), emit(5))
	got := Run(t, cmd)
	if len(got) != 5 {
		t.Fatalf("Run = %v, want 5 messages", got)
	}
	for i, msg := range got {
		if msg != m(i+1) {
			t.Fatalf("Run = %v, want 1..5 in order", got)
		}
	}
}

func TestCommonOptions(t *testing.T) {
	c := Common(nil, func(c *common.Common) { c.ReadOnly = true })
	if !c.ReadOnly || !c.Sandbox || c.Now() != FixedNow || c.Keys == nil || c.Styles == nil {
		t.Fatalf("Common = %+v", c)
	}
}
