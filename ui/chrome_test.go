package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// bottomRow is row n from the bottom of the frame (1 = the help line,
// 2 = the status line), without styling or trailing blanks.
func bottomRow(m Model, n int) string {
	lines := strings.Split(ansi.Strip(m.Render()), "\n")
	return strings.TrimRight(lines[len(lines)-n], " ")
}

// lastLine is the help line.
func lastLine(m Model) string { return bottomRow(m, 1) }

// TestShortHelpKeepsTheWayOut: however narrow the window, the one-line
// help ends with "? help • q quit"; the view's keys are cut before them
// (they used to be cut off at 100 columns and below).
func TestShortHelpKeepsTheWayOut(t *testing.T) {
	for _, w := range []int{MinWidth, 80, 100, 200} {
		m, _ := newTestModel(t, w, 30, common.ThemePlain, nil)
		m = loadFixture(t, m)
		line := lastLine(m)
		if !strings.HasSuffix(line, "? help • q quit") || !strings.HasPrefix(line, "enter use service") {
			t.Errorf("%d columns: help line %q", w, line)
		}
	}
}

// TestShortHelpFollowsFocus: while a text input has focus, ? and q are
// typed, so help does not offer them; while a dialog is open, its keys
// replace the view's.
func TestShortHelpFollowsFocus(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m = loadFixture(t, m)
	f, _ := m.update(viewtest.Key("/"))
	if line := lastLine(f); line != "enter keep filter • esc clear filter" {
		t.Errorf("filtering: help line %q", line)
	}
	f, _ = m.update(viewtest.Key("n"))
	if line := lastLine(f); strings.Contains(line, "q quit") || !strings.Contains(line, "esc cancel") {
		t.Errorf("form: help line %q", line)
	}
	d, cmd := m.update(viewtest.Key("d"))
	for _, msg := range viewtest.Run(t, cmd) {
		d, _ = d.update(msg)
	}
	if d.dialog == nil {
		t.Fatal("d opened no dialog")
	}
	if line := lastLine(d); line != "enter confirm • esc cancel" {
		t.Errorf("delete dialog: help line %q", line)
	}
}

// TestReadOnlyHelpHidesChanges: read-only mode refuses n/e/d, so help
// does not offer them.
func TestReadOnlyHelpHidesChanges(t *testing.T) {
	m, _ := newTestModel(t, 200, 40, common.ThemePlain, func(o *CommonOptions) { o.ReadOnly = true })
	m = loadFixture(t, m)
	short := lastLine(m)
	m, _ = m.update(viewtest.Key("?"))
	full := ansi.Strip(m.Render())
	for _, k := range []string{"n new", "e edit", "d delete"} {
		if strings.Contains(short, k) || strings.Contains(full, k) {
			t.Errorf("read-only help offers %q:\n%s\n%s", k, short, full)
		}
	}
	if !strings.Contains(short, "c copy SID") {
		t.Errorf("read-only help lost the other keys: %q", short)
	}
}

// TestStatusFlashWins: a flash that would not fit next to the badges and
// the current service pushes the service out, SID first, instead of
// being cut (read-only refusals were cut mid-word at 80 columns).
func TestStatusFlashWins(t *testing.T) {
	const text = "read-only mode: deleting services is disabled"
	m, _ := newTestModel(t, 80, 24, common.ThemePlain, func(o *CommonOptions) { o.ReadOnly = true })
	m = loadFixture(t, m)
	if row := bottomRow(m, 2); !strings.Contains(row, "service Sandbox Demo VA…") {
		t.Fatalf("no flash: the service and its SID show: %q", row)
	}
	m, _ = m.update(common.FlashMsg{Level: common.FlashWarn, Text: text})
	row := bottomRow(m, 2)
	if !strings.Contains(row, text) || !strings.Contains(row, "SANDBOX") || !strings.Contains(row, "READ-ONLY") {
		t.Fatalf("flash cut or badges lost: %q", row)
	}
	m, _ = m.update(common.FlashMsg{Level: common.FlashInfo, Text: "ok"})
	if row := bottomRow(m, 2); !strings.Contains(row, "service Sandbox Demo VA…") || !strings.Contains(row, "ok") {
		t.Fatalf("a short flash keeps the service: %q", row)
	}
}

// TestTooSmallIgnoresHiddenDialog: below the minimum size only the
// notice is drawn, so a key must not confirm a dialog the user cannot
// TestTooSmallShowsDialog: below the minimum size an open dialog is
// drawn over the notice (never hidden), so its keys act on what the user
// sees.
func TestTooSmallShowsDialog(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m = loadFixture(t, m)
	m, _ = m.update(common.ConfirmMsg{Title: "Quit?", OnConfirm: quitMsg{}})
	m, _ = m.update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "Quit?") {
		t.Fatalf("dialog hidden:\n%s", out)
	}
	_, cmd := m.update(viewtest.Key("y"))
	if !hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("y on the visible dialog did not confirm")
	}
}

// TestTypeToConfirmWithLetterBindings: the `[keys]` table may bind
// letters to select and back; in the type-the-name dialog those letters
// are still typed, while enter and esc keep working.
func TestTypeToConfirmWithLetterBindings(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, func(o *CommonOptions) {
		o.Keys = map[string][]string{"select": {"enter", "o"}, "back": {"esc", "b"}}
	})
	m, _ = m.update(common.ConfirmMsg{Title: "Delete service", TypeToConfirm: "box", OnConfirm: quitMsg{}})
	m = typeText(m, "box")
	if m.dialog == nil || m.dialog.input.Value() != "box" {
		t.Fatalf("letters bound to keys were not typed: dialog %v", m.dialog)
	}
	_, cmd := m.update(viewtest.Key("enter"))
	if !hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("enter did not confirm the typed name")
	}
}

// TestErrorDialogKeepsLinkWhole: at the minimum size the more_info link
// is on one line (it was broken mid-number at 80 columns), hints continue
// under their value, and the help line offers the dialog's keys.
func TestErrorDialogKeepsLinkWhole(t *testing.T) {
	const link = "https://www.twilio.com/docs/errors/60203"
	for _, w := range []int{MinWidth, 80} {
		m, _ := newTestModel(t, w, MinHeight+4, common.ThemePlain, nil)
		m, _ = m.update(common.ShowErrorMsg{Title: "Sending failed", Err: &twilioapi.Error{Kind: twilioapi.KindAPI,
			Status: 429, Code: 60203, Message: "Max send attempts reached", MoreInfo: link,
			Hint: "Five sends to one number in ten minutes; wait, or use another number."}})
		out := ansi.Strip(m.Render())
		if !strings.Contains(out, link) {
			t.Errorf("%d columns: link broken:\n%s", w, out)
		}
		if !strings.Contains(bottomRow(m, 1), "enter/esc close") {
			t.Errorf("%d columns: help line %q", w, bottomRow(m, 1))
		}
	}
	for _, l := range hangingWrap("Hint:      one two three four five six seven eight nine", 30) {
		if !strings.HasPrefix(l, "Hint:") && !strings.HasPrefix(l, strings.Repeat(" ", detailLabelW)) {
			t.Errorf("continuation not under the value: %q", l)
		}
	}
}

// TestStartupNoticesTogether: every startup notice (config problems) is
// shown, together, in one dialog; flashes replaced one another.
func TestStartupNoticesTogether(t *testing.T) {
	c, err := NewCommon(CommonOptions{Sandbox: false})
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{Notices: []string{"[keys]: unknown binding name: bogus", "config.toml: line 3: bad default"}})
	m, _ = m.update(tea.WindowSizeMsg{Width: 100, Height: 30})
	var dialogs int
	for _, msg := range viewtest.Run(t, m.Init()) {
		if e, ok := msg.(common.ShowErrorMsg); ok {
			dialogs++
			m, _ = m.update(e)
		}
	}
	out := ansi.Strip(m.Render())
	if dialogs != 1 || !strings.Contains(out, "bogus") || !strings.Contains(out, "bad default") {
		t.Fatalf("%d dialogs:\n%s", dialogs, out)
	}
}

// TestDrawPanicLoggedOnce: a view that panics while drawing is replaced
// by a notice on every frame, but the log gets the panic, with its stack,
// once (it got it on every frame, without a stack).
func TestDrawPanicLoggedOnce(t *testing.T) {
	m, logs := newTestModel(t, 100, 30, common.ThemePlain, nil)
	probes(m)[1].drawHook = func() { panic("bad frame") }
	m, _ = m.update(viewtest.Key("4"))
	for i := 0; i < 3; i++ {
		if out := ansi.Strip(m.Render()); !strings.Contains(out, "The Guard view crashed while drawing: bad frame") {
			t.Fatalf("frame %d:\n%s", i, out)
		}
	}
	if n := strings.Count(logs.String(), "view panicked"); n != 1 || !strings.Contains(logs.String(), "stack=") {
		t.Fatalf("logged %d times:\n%s", n, logs.String())
	}
	m, _ = m.update(viewtest.Key("1"))
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "Sandbox Demo") && !strings.Contains(out, "Loading services") {
		t.Fatalf("other views must still draw:\n%s", out)
	}
}

// TestClickReachesView: a click below the tab bar goes to the view in
// its own coordinates (the second service row here); a dialog blocks it.
func TestClickReachesView(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m = loadFixture(t, m)
	m, _ = m.update(tea.MouseClickMsg{X: 5, Y: 1 + 3 + 1, Button: tea.MouseLeft})
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "Services  2/4") {
		t.Fatalf("click did not select the second service:\n%s", out)
	}
	m, _ = m.update(common.ConfirmMsg{Title: "t", OnConfirm: quitMsg{}})
	m, _ = m.update(tea.MouseClickMsg{X: 5, Y: 1 + 3, Button: tea.MouseLeft})
	m, _ = m.update(viewtest.Key("esc"))
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "Services  2/4") {
		t.Fatalf("a click under a dialog reached the view:\n%s", out)
	}
	// Every other view takes (or ignores) a click without a crash.
	for _, k := range []string{"2", "3", "4", "5"} {
		m, _ = m.update(viewtest.Key(k))
		var cmd tea.Cmd
		m, cmd = m.update(tea.MouseClickMsg{X: 5, Y: 5, Button: tea.MouseLeft})
		for _, msg := range viewtest.Run(t, cmd) {
			if e, ok := msg.(common.ShowErrorMsg); ok {
				t.Fatalf("view %s: %v", k, e.Err)
			}
		}
	}
}
