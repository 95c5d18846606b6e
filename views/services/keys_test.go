package services

import (
	"slices"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// helpEntries is every binding the view's full help shows, as "key desc".
func helpEntries(m Model) []string {
	var out []string
	for _, col := range m.FullHelp() {
		for _, b := range col {
			out = append(out, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return out
}

// TestDetailScrollKeys: the detail pane scrolls with the keys bound to
// scroll_detail_up/down — J/K and shift+↓/↑ by default, only D/U once
// rebound — and help shows the keys bound.
func TestDetailScrollKeys(t *testing.T) {
	type step struct {
		key    string
		offset int // the detail offset after the key
	}
	for _, tc := range []struct {
		name  string
		keys  map[string][]string
		steps []step
		help  []string
	}{
		{"defaults", nil,
			[]step{{"J", 1}, {"shift+down", 2}, {"K", 1}, {"shift+up", 0}, {"D", 0}},
			[]string{"K scroll details up", "J scroll details down"}},
		{"rebound", map[string][]string{"scroll_detail_down": {"D"}, "scroll_detail_up": {"U"}},
			[]step{{"J", 0}, {"D", 1}, {"D", 2}, {"K", 2}, {"shift+up", 2}, {"U", 1}},
			[]string{"U scroll details up", "D scroll details down"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := viewtest.Common(startSandbox(t, false))
			if err := c.Keys.Rebind(tc.keys); err != nil {
				t.Fatal(err)
			}
			s := newShell(t, c, 80, 20)
			for i, st := range tc.steps {
				s.Key(st.key)
				if s.model().detailOffset != st.offset {
					t.Fatalf("step %d (%s): detail offset %d, want %d", i, st.key, s.model().detailOffset, st.offset)
				}
			}
			help := helpEntries(*s.model())
			for _, want := range tc.help {
				if !slices.Contains(help, want) {
					t.Errorf("help lacks %q: %q", want, help)
				}
			}
		})
	}
}

// TestFullHelpNamesEachKeyOnce: the list and every panel list each key
// once in the full help (the list column already has / and r).
func TestFullHelpNamesEachKeyOnce(t *testing.T) {
	for _, panel := range []string{"", "w", "m", "t", "L"} {
		s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
		if panel != "" {
			s.Key(panel)
			if s.model().integ.panel == panelNone {
				t.Fatalf("%s opened no panel", panel)
			}
		}
		seen := map[string]bool{}
		for _, e := range helpEntries(*s.model()) {
			if seen[e] {
				t.Errorf("panel %q: help shows %q twice: %q", panel, e, helpEntries(*s.model()))
			}
			seen[e] = true
		}
	}
}
