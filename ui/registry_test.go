package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestProbeViewGetsEverything registers a fake view in a test program
// only (no edit outside this test) and checks that the shell gives it a
// tab, a tab key, help, its own rebindable key, result routing, busy and
// pending handling, Init and resize.
func TestProbeViewGetsEverything(t *testing.T) {
	views := append(Registry(), probeEntry("probe", "Probe"))
	m, _ := newTestModelWith(t, 100, 30, common.ThemePlain, func(o *CommonOptions) {
		o.Keys = map[string][]string{"probe_poke": {"ctrl+y"}}
	}, views)
	n := len(views)
	p := probes(m)[0]

	// A tab with its key and title, and the view's area.
	if !strings.Contains(ansi.Strip(m.Render()), "Probe") {
		t.Fatal("no tab for the registered view")
	}
	_ = m.Init()
	if p.inits != 1 {
		t.Fatalf("Init ran %d times", p.inits)
	}
	m, _ = m.update(viewtest.Key(string(rune('0' + n))))
	if m.ActiveID() != "probe" || !strings.Contains(ansi.Strip(m.Render()), "probe Probe") {
		t.Fatalf("tab key %d did not show the view:\n%s", n, ansi.Strip(m.Render()))
	}
	if p.width != 100 || p.height <= 0 {
		t.Fatalf("view area %d×%d", p.width, p.height)
	}
	m, _ = m.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if p.width != 120 {
		t.Fatalf("resize not passed on: %d", p.width)
	}

	// Help: its own key, rebound from [keys], in the help line and full help.
	if !strings.Contains(ansi.Strip(m.Render()), "ctrl+y poke Probe") {
		t.Fatalf("help lacks the view's rebound key:\n%s", ansi.Strip(m.Render()))
	}
	m, _ = m.update(viewtest.Key("?"))
	if full := ansi.Strip(m.Render()); !strings.Contains(full, "probe") || !strings.Contains(full, "ctrl+y") {
		t.Fatalf("full help lacks the view:\n%s", full)
	}
	m, _ = m.update(viewtest.Key("?"))

	// Results addressed to it reach it when it is hidden, and only it.
	m, _ = m.update(viewtest.Key("1"))
	p.got = nil
	m, _ = m.update(common.Result[string]{View: "probe", ID: 5, Value: "hello"})
	if len(p.got) != 1 {
		t.Fatalf("the view got %d messages for its result", len(p.got))
	}
	m, _ = m.update(common.Result[string]{View: "totp", ID: 6})
	if len(p.got) != 1 {
		t.Fatal("a result for another view reached it")
	}

	// Busy spins the status line; pending verifications make quit ask,
	// and the question counts them.
	p.busy = true
	if !m.anyBusy() || m.startSpinner() == nil {
		t.Fatal("a busy view does not start the spinner")
	}
	p.busy = false
	p.pending = 2
	m, _ = m.update(viewtest.Key("q"))
	if m.dialog == nil || !strings.Contains(ansi.Strip(m.Render()), "2 verifications are still pending") {
		t.Fatalf("quit with 2 pending did not ask:\n%s", ansi.Strip(m.Render()))
	}
	m, _ = m.update(viewtest.Key("esc"))

	// Shown: switching to the tab tells the view (lazy first loads).
	m, _ = m.update(viewtest.Key("1"))
	p.got = nil
	m, _ = m.update(viewtest.Key(string(rune('0' + n))))
	if len(p.got) != 1 || p.got[0] != (common.ShownMsg{}) {
		t.Fatalf("switching to the tab delivered %v, want ShownMsg", p.got)
	}

	// Capturing: global keys are typed into the view.
	m, _ = m.update(viewtest.Key(string(rune('0' + n))))
	p.capturing = true
	p.got = nil
	m, _ = m.update(viewtest.Key("1"))
	if m.ActiveID() != "probe" || len(p.got) != 1 {
		t.Fatal("a capturing view must get the tab key")
	}
}

// TestRegistryEntriesAreComplete keeps the "Adding a view" checklist
// honest: every registered view has a unique ID and a title, builds a
// view that says the same, and its package has the same file roles.
func TestRegistryEntriesAreComplete(t *testing.T) {
	c, err := NewCommon(CommonOptions{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[common.ViewID]bool{}
	for _, e := range Registry() {
		if e.ID == "" || e.Title == "" || seen[e.ID] {
			t.Fatalf("entry %+v: empty or duplicate ID or title", e)
		}
		seen[e.ID] = true
		v := e.New(c)
		if v.ID() != e.ID || v.Title() != e.Title {
			t.Errorf("%s builds a view that says %s / %s", e.ID, v.ID(), v.Title())
		}
		dir := filepath.Join("..", "views", string(e.ID))
		for _, f := range []string{"model.go", "update.go", "view.go", "keys.go", "calls.go"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("views/%s lacks %s (see Adding a view in ui/doc.go)", e.ID, f)
			}
		}
		for _, d := range e.Keys {
			if !c.Keys.Has(d.Name) {
				t.Errorf("%s's key %s is not in the program's keymap", e.ID, d.Name)
			}
		}
	}
}
