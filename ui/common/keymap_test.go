package common

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// TestViewKeysRebindable: every view key has a `[keys]` name, Rebind
// changes its keys and its help, and the other bindings keep theirs.
func TestViewKeysRebindable(t *testing.T) {
	km := DefaultKeyMap()
	names := km.BindingNames()
	// The `[keys]` names of the views' own keys.
	for _, n := range []string{
		"scroll_detail_up", "scroll_detail_down",
		"check", "resend", "cancel_verification", "approve", "lookup", "close_session", "details",
		"send", "lookup_number", "prev_choice", "next_choice",
	} {
		if !slices.Contains(names, n) {
			t.Errorf("BindingNames lacks %q", n)
		}
	}
	if err := km.Rebind(map[string][]string{"resend": {"R"}, "scroll_detail_down": {"D", "ctrl+j"}}); err != nil {
		t.Fatal(err)
	}
	r := tea.KeyPressMsg{Code: 'R', Text: "R"}
	s := tea.KeyPressMsg{Code: 's', Text: "s"}
	if !key.Matches(r, km.Resend) || key.Matches(s, km.Resend) {
		t.Error("resend = [\"R\"]: R must resend and s not")
	}
	if km.Resend.Help().Key != "R" || km.Resend.Help().Desc != "resend" {
		t.Errorf("resend help %+v", km.Resend.Help())
	}
	if km.DetailDown.Help().Key != "D/ctrl+j" || key.Matches(tea.KeyPressMsg{Code: 'J', Text: "J"}, km.DetailDown) {
		t.Errorf("scroll_detail_down: help %q", km.DetailDown.Help().Key)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'K', Text: "K"}, km.DetailUp) {
		t.Error("scroll_detail_up lost its default")
	}
}

// TestRebindRejectsUnknownNames: a typo or an empty list is reported by
// name, and the valid entries next to it still apply.
func TestRebindRejectsUnknownNames(t *testing.T) {
	km := DefaultKeyMap()
	err := km.Rebind(map[string][]string{"resnd": {"R"}, "approve": {}, "close_session": {"W"}})
	if err == nil || !strings.Contains(err.Error(), "resnd") || !strings.Contains(err.Error(), "approve") {
		t.Fatalf("want an error naming resnd and approve, got %v", err)
	}
	if !strings.Contains(err.Error(), "close_session") {
		t.Error("the error should list the known names")
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'W', Text: "W"}, km.CloseSession) {
		t.Error("a valid entry next to a typo must still apply")
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'a', Text: "a"}, km.Approve) {
		t.Error("a rejected entry must keep its default")
	}
}

// TestEveryBindingHasOneName: each KeyMap binding has exactly one
// `[keys]` name (a binding added without one could not be rebound; two
// names on one binding would make one of them silently win).
func TestEveryBindingHasOneName(t *testing.T) {
	km := DefaultKeyMap()
	km.SetViews([]string{"One", "Two", "Three"})
	km.Define(KeyDef{Name: "poke", Keys: []string{"ctrl+p"}, Help: "ctrl+p", Desc: "poke"})
	fields := 1 // the defined binding
	v := reflect.ValueOf(km).Elem()
	for i := range v.NumField() {
		if !v.Type().Field(i).IsExported() {
			continue // the views and defined bindings' bookkeeping
		}
		switch f := v.Field(i).Interface().(type) {
		case key.Binding:
			fields++
		case []key.Binding:
			fields += len(f)
		default:
			t.Errorf("KeyMap.%s is not a binding", v.Type().Field(i).Name)
		}
	}
	if n := len(km.bindings()); n != fields {
		t.Errorf("%d bindings have names, KeyMap has %d", n, fields)
	}
	seen := map[*key.Binding]string{}
	for name, b := range km.bindings() {
		if other, ok := seen[b]; ok {
			t.Errorf("%s and %s are the same binding", name, other)
		}
		seen[b] = name
		if len(b.Keys()) == 0 || b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("%s has no default keys or help", name)
		}
	}
}

// TestViewsOwnKeys: a view's own bindings (Define) are rebindable in
// [keys], read back with Get, and an unknown name matches nothing.
func TestViewsOwnKeys(t *testing.T) {
	km := DefaultKeyMap()
	km.Define(KeyDef{Name: "invert", Keys: []string{"i"}, Help: "i", Desc: "invert"})
	if err := km.Rebind(map[string][]string{"invert": {"I"}}); err != nil {
		t.Fatal(err)
	}
	b := km.Get("invert")
	if !key.Matches(tea.KeyPressMsg{Code: 'I', Text: "I"}, b) || key.Matches(tea.KeyPressMsg{Code: 'i', Text: "i"}, b) {
		t.Fatalf("rebound view key: %v", b.Keys())
	}
	if b.Help().Key != "I" || b.Help().Desc != "invert" {
		t.Fatalf("help %+v", b.Help())
	}
	if key.Matches(tea.KeyPressMsg{Code: 'x', Text: "x"}, km.Get("nope")) {
		t.Fatal("an unknown binding matched")
	}
	// Tabs keep their rebinding when the registry grows.
	km.SetViews([]string{"A"})
	if err := km.Rebind(map[string][]string{"tab_1": {"f1"}}); err != nil {
		t.Fatal(err)
	}
	km.SetViews([]string{"A", "B"})
	if km.Tabs[0].Keys()[0] != "f1" || km.Tabs[1].Keys()[0] != "2" {
		t.Fatalf("tabs %v %v", km.Tabs[0].Keys(), km.Tabs[1].Keys())
	}
}

// TestKeyNameIsTheFirstKey: sentences name a binding by its first key,
// whatever its help lists, and follow a rebinding.
func TestKeyNameIsTheFirstKey(t *testing.T) {
	km := DefaultKeyMap()
	if got := KeyName(km.NextField); got != "tab" {
		t.Errorf("KeyName(next_field) = %q, want tab", got)
	}
	if err := km.Rebind(map[string][]string{"new": {"N", "ctrl+n"}}); err != nil {
		t.Fatal(err)
	}
	if got := KeyName(km.New); got != "N" {
		t.Errorf("KeyName(new) after a rebinding = %q, want N", got)
	}
}
