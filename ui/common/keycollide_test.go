package common

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// TestDefaultKeysDoNotCollide: the defaults (with a view's own keys) give
// no collision; their overlaps (enter selects and checks) are by design.
func TestDefaultKeysDoNotCollide(t *testing.T) {
	km := DefaultKeyMap()
	km.SetViews([]string{"Services", "Sessions", "Extra"})
	km.DefineView("extra", KeyDef{Name: "poke", Keys: []string{"p"}, Help: "p", Desc: "poke"})
	if cs := km.collisions(); len(cs) != 0 {
		t.Fatalf("the defaults collide: %+v", cs)
	}
	if err := km.Rebind(map[string][]string{"poke": {"P"}}); err != nil {
		t.Fatal(err)
	}
}

// TestRebindReportsCollisions: a `[keys]` entry whose key another binding
// of the same group already has is reported like an unknown name, keeps
// its default keys, and leaves the other entries applied.
func TestRebindReportsCollisions(t *testing.T) {
	press := func(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(s[0]), Text: s} }
	tests := []struct {
		name   string
		keys   map[string][]string
		report []string // in the error
		kept   func(km *KeyMap) key.Binding
		key    string // still a key of kept
	}{
		{"a session key on the shell's quit", map[string][]string{"resend": {"q"}},
			[]string{"resend = \"q\" collides with quit in the sessions view", "resend keeps s"},
			func(km *KeyMap) key.Binding { return km.Resend }, "s"},
		{"a shell key on a session key", map[string][]string{"help": {"a"}},
			[]string{"help = \"a\" collides with approve in the sessions view"},
			func(km *KeyMap) key.Binding { return km.Help }, "?"},
		{"a list key on a view's own key", map[string][]string{"refresh": {"p"}},
			[]string{"refresh = \"p\" collides with poke in the extra view"},
			func(km *KeyMap) key.Binding { return km.Refresh }, "r"},
		{"a view's own key on a tab", map[string][]string{"poke": {"2"}},
			[]string{"poke = \"2\" collides with tab_2 in the extra view"},
			func(km *KeyMap) key.Binding { return km.Get("poke") }, "p"},
		{"two form keys", map[string][]string{"submit": {"esc"}},
			[]string{"submit = \"esc\" collides with cancel in the form"},
			func(km *KeyMap) key.Binding { return km.Submit }, "ctrl+s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km := DefaultKeyMap()
			km.SetViews([]string{"Services", "Sessions", "Extra"})
			km.DefineView("extra", KeyDef{Name: "poke", Keys: []string{"p"}, Help: "p", Desc: "poke"})
			keys := map[string][]string{"close_session": {"W"}}
			for k, v := range tt.keys {
				keys[k] = v
			}
			err := km.Rebind(keys)
			if err == nil {
				t.Fatal("no error for a colliding binding")
			}
			for _, want := range tt.report {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			b := tt.kept(km)
			if !strings.Contains(strings.Join(b.Keys(), " "), tt.key) || b.Help().Key != tt.key && !strings.Contains(b.Help().Key, tt.key) {
				t.Errorf("the colliding binding has keys %v (help %q), want its default %q back", b.Keys(), b.Help().Key, tt.key)
			}
			if !key.Matches(press("W"), km.CloseSession) {
				t.Error("a valid entry next to a collision must still apply")
			}
		})
	}
}

// TestCollisionsAcrossGroupsAreAllowed: the same key in two groups that
// are never live together (a form's and a list's) is no collision.
func TestCollisionsAcrossGroupsAreAllowed(t *testing.T) {
	km := DefaultKeyMap()
	km.SetViews([]string{"Services", "Sessions"})
	if err := km.Rebind(map[string][]string{"toggle": {"x"}, "lookup_number": {"q"}}); err != nil {
		t.Fatalf("form keys on list keys are not a collision: %v", err)
	}
}

// TestSwappedKeysDoNotCollide: two bindings that trade keys in one table
// end with no collision.
func TestSwappedKeysDoNotCollide(t *testing.T) {
	km := DefaultKeyMap()
	km.SetViews([]string{"Services", "Sessions"})
	if err := km.Rebind(map[string][]string{"approve": {"l"}, "lookup": {"a"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'l', Text: "l"}, km.Approve) {
		t.Error("approve = l did not apply")
	}
}
