package common

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestFormChoiceKeysRebindable: a choice field moves with the bound
// prev_choice/next_choice keys, not with literal arrows, and the bound
// select key accepts a field.
func TestFormChoiceKeysRebindable(t *testing.T) {
	km := DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"prev_choice": {"h"}, "next_choice": {"l"}, "select": {"ctrl+o"}}); err != nil {
		t.Fatal(err)
	}
	f := NewForm(NewChoiceField("ch", "Channel", []string{"sms", "call", "email"}, "sms"), NewBoolField("b", "Flag", false))
	press := func(k tea.KeyPressMsg) {
		t.Helper()
		f, _, _ = f.Update(k, km)
	}
	press(tea.KeyPressMsg{Code: tea.KeyRight})
	if got := f.Get("ch"); got != "sms" {
		t.Fatalf("a literal → moved a choice bound to l: %q", got)
	}
	press(tea.KeyPressMsg{Code: 'l', Text: "l"})
	if got := f.Get("ch"); got != "call" {
		t.Fatalf("l (next_choice) gave %q, want call", got)
	}
	press(tea.KeyPressMsg{Code: 'h', Text: "h"})
	press(tea.KeyPressMsg{Code: 'h', Text: "h"})
	if got := f.Get("ch"); got != "email" {
		t.Fatalf("h twice (prev_choice) gave %q, want email", got)
	}
	press(tea.KeyPressMsg{Code: tea.KeyEnter})
	if f.Focus != 0 {
		t.Fatal("enter still accepted the field after select was rebound")
	}
	press(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
	if f.Focus != 1 {
		t.Fatalf("ctrl+o (select) left focus on %d", f.Focus)
	}
}
