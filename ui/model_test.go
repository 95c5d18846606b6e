package ui

import (
	"context"
	"errors"
	"image/color"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
	"github.com/twilio-verify/twilio-verify/views/services"
)

func TestTabKeys(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	steps := []struct {
		key  string
		want int
	}{{"2", 1}, {"tab", 2}, {"tab", 3}, {"shift+tab", 2}, {"5", 4}, {"tab", 0}, {"shift+tab", 4}, {"1", 0}}
	for _, s := range steps {
		m, _ = m.update(viewtest.Key(s.key))
		if m.active != s.want {
			t.Fatalf("after %s: tab %d, want %d", s.key, m.active, s.want)
		}
	}
	m, _ = m.update(viewtest.Key("3"))
	if !strings.Contains(ansi.Strip(m.Render()), "probe TOTP") {
		t.Fatal("the third view not shown")
	}
}

// TestGlobalKeysYieldToInput: while the filter has focus, "2", "q" and
// "?" are typed, not obeyed.
func TestGlobalKeysYieldToInput(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m = loadFixture(t, m)
	m, _ = m.update(viewtest.Key("/"))
	if !m.viewCapturing() {
		t.Fatal("filter should capture")
	}
	m = typeText(m, "2q?")
	if m.active != 0 || m.showHelp {
		t.Fatal("global key acted while typing")
	}
	if !strings.Contains(ansi.Strip(m.Render()), "2q?") {
		t.Fatalf("typed text not in the filter:\n%s", ansi.Strip(m.Render()))
	}
	// ctrl+c still quits.
	_, cmd := m.update(viewtest.Key("ctrl+c"))
	if !hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("ctrl+c must always quit")
	}
}

func TestQuit(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	_, cmd := m.update(viewtest.Key("q"))
	if !hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("q quits when nothing is pending")
	}
	// The quit confirmation (used when a verification is pending).
	m2, _ := m.quit()
	if m2.dialog != nil {
		t.Fatal("no dialog without a pending verification")
	}
	m.dialog = newConfirm(common.ConfirmMsg{Title: "Quit?", OnConfirm: quitMsg{}})
	m3, cmd := m.update(viewtest.Key("n"))
	if m3.dialog != nil || hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("n closes the quit dialog without quitting")
	}
	_, cmd = m.update(viewtest.Key("y"))
	if !hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("y confirms quitting")
	}
}

// TestQuitSaysWhatViewsWouldLose: a view's quit warning makes q ask,
// and the question says it beside the pending verifications.
func TestQuitSaysWhatViewsWouldLose(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	p := probes(m)
	p[0].quitWarning = "A secret is on screen."
	p[1].pending = 2
	m, _ = m.update(viewtest.Key("q"))
	if m.dialog == nil {
		t.Fatal("q quit with a warning and pending verifications")
	}
	body := ansi.Strip(m.Render())
	for _, want := range []string{"2 verifications are still pending", "A secret is on screen."} {
		if !strings.Contains(body, want) {
			t.Errorf("the quit question lacks %q:\n%s", want, body)
		}
	}
	p[1].pending = 0
	m.dialog = nil
	if m, _ = m.update(viewtest.Key("q")); m.dialog == nil {
		t.Fatal("a warning alone does not ask")
	}
}

// TestResultRoutedToHiddenView: a Services result arriving while Sessions
// is shown still reaches Services.
func TestResultRoutedToHiddenView(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m, _ = m.update(viewtest.Key("2"))
	m = loadFixture(t, m)
	m, _ = m.update(viewtest.Key("1"))
	out := ansi.Strip(m.Render())
	if !strings.Contains(out, "Payments SCA") || !strings.Contains(out, "service Sandbox Demo") {
		t.Fatalf("services not loaded or not current:\n%s", out)
	}
}

// TestResultReachesOnlyItsView sends a result addressed to each probe
// view: exactly that view gets it, whichever tab is shown.
func TestResultReachesOnlyItsView(t *testing.T) {
	for i, view := range []common.ViewID{"totp", "guard", "attempts"} {
		m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
		var got [3]int
		for j, p := range probes(m) {
			p.hook = func(msg tea.Msg) {
				if r, ok := msg.(common.Result[int]); ok && r.ID == 42 {
					got[j]++
				}
			}
		}
		m, _ = m.update(common.Result[int]{View: view, ID: 42})
		want := [3]int{}
		want[i] = 1
		if got != want {
			t.Fatalf("result for %s delivered %v, want %v", view, got, want)
		}
	}
}

type confirmedMsg struct{ what string }

func TestConfirmDialog(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	var got []tea.Msg
	probes(m)[0].hook = func(msg tea.Msg) {
		if c, ok := msg.(confirmedMsg); ok {
			got = append(got, c)
		}
	}
	m, _ = m.update(common.ConfirmMsg{Title: "Delete service", Body: "Really?", TypeToConfirm: "Acme", OnConfirm: confirmedMsg{"x"}})
	if m.dialog == nil {
		t.Fatal("no dialog")
	}
	m = typeText(m, "Acm")
	m, _ = m.update(viewtest.Key("enter"))
	if m.dialog == nil || !m.dialog.mismatch || len(got) != 0 {
		t.Fatal("wrong name must not confirm")
	}
	if !strings.Contains(ansi.Strip(m.Render()), "nothing was deleted") {
		t.Fatal("mismatch not explained")
	}
	// Global keys go to the dialog: "2" is typed, not a tab switch.
	m = typeText(m, "e")
	m, cmd := m.update(viewtest.Key("enter"))
	if m.dialog != nil {
		t.Fatal("dialog still open")
	}
	viewtest.Run(t, cmd)
	if len(got) != 1 {
		t.Fatalf("OnConfirm delivered %d times", len(got))
	}
	// esc cancels without delivering.
	m, _ = m.update(common.ConfirmMsg{Title: "t", TypeToConfirm: "A", OnConfirm: confirmedMsg{"y"}})
	m, _ = m.update(viewtest.Key("esc"))
	if m.dialog != nil || len(got) != 1 {
		t.Fatal("esc must cancel")
	}
	// An addressed OnConfirm is routed by its address.
	m, _ = m.update(common.ConfirmMsg{Title: "t", OnConfirm: common.Result[twilioapi.ServicePage]{View: services.ID, ID: servicesListReq,
		Value: twilioapi.ServicePage{Services: fixtureServices()[:1]}}})
	m, _ = m.update(viewtest.Key("y"))
	if !strings.Contains(ansi.Strip(m.Render()), "Sandbox Demo") {
		t.Fatal("addressed OnConfirm not delivered to Services")
	}
}

func TestConfirmRefusedReadOnly(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, func(o *CommonOptions) { o.ReadOnly = true })
	m, cmd := m.update(common.ConfirmMsg{Title: "Delete service", TypeToConfirm: "x", OnConfirm: confirmedMsg{}, Mutates: true})
	if m.dialog != nil {
		t.Fatal("dialog opened in read-only mode")
	}
	msgs := viewtest.Run(t, cmd)
	if len(msgs) != 1 || msgs[0].(common.FlashMsg).Text != twilioapi.ReadOnlyMessage {
		t.Fatalf("msgs %v", msgs)
	}
	// A question about something that changes nothing at Twilio is asked.
	if m2, _ := m.update(common.ConfirmMsg{Title: "Close the session?", OnConfirm: confirmedMsg{}}); m2.dialog == nil {
		t.Fatal("a harmless confirm refused in read-only mode")
	}
	if !strings.Contains(ansi.Strip(m.Render()), "READ-ONLY") {
		t.Fatal("no read-only badge")
	}
}

func TestErrorDialog(t *testing.T) {
	m, logs := newTestModel(t, 100, 30, common.ThemePlain, nil)
	err := &twilioapi.Error{Kind: twilioapi.KindAPI, Status: 429, Code: 60203, Message: "Max send attempts reached",
		Hint: "Wait 10 minutes", MoreInfo: "https://www.twilio.com/docs/errors/60203"}
	m, _ = m.update(common.ShowErrorMsg{Title: "Send failed", Err: err})
	out := ansi.Strip(m.Render())
	for _, want := range []string{"Send failed", "60203", "Max send attempts reached", "Wait 10 minutes", "docs/errors/60203"} {
		if !strings.Contains(out, want) {
			t.Fatalf("dialog lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(logs.String(), "error dialog") {
		t.Fatal("error not logged")
	}
	m, _ = m.update(viewtest.Key("esc"))
	if m.dialog != nil {
		t.Fatal("esc closes the error dialog")
	}
	m, _ = m.update(common.ShowErrorMsg{Err: errors.New("plain failure")})
	if !strings.Contains(ansi.Strip(m.Render()), "plain failure") {
		t.Fatal("plain error not shown")
	}
}

func TestFlashExpires(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m, _ = m.update(common.FlashMsg{Level: common.FlashWarn, Text: "first"})
	first := m.flashID
	m, _ = m.update(common.FlashMsg{Level: common.FlashInfo, Text: "second"})
	m, _ = m.update(flashExpiredMsg{id: first})
	if !strings.Contains(ansi.Strip(m.Render()), "second") {
		t.Fatal("an old expiry cleared a newer flash")
	}
	m, _ = m.update(flashExpiredMsg{id: m.flashID})
	if strings.Contains(ansi.Strip(m.Render()), "second") {
		t.Fatal("flash did not expire")
	}
}

func TestTheme(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemeDark, nil)
	styles := m.c.Styles
	m, _ = m.update(tea.BackgroundColorMsg{Color: color.White})
	if m.c.Styles.Theme.Kind != common.ThemeLight || m.c.Styles != styles {
		t.Fatal("light background must switch the shared styles in place")
	}
	m, _ = m.update(tea.BackgroundColorMsg{Color: color.Black})
	if m.c.Styles.Theme.Kind != common.ThemeDark {
		t.Fatal("dark background → dark theme")
	}
	m, _ = m.update(tea.EnvMsg{"NO_COLOR=1"})
	if m.c.Styles.Theme.Kind != common.ThemePlain {
		t.Fatal("NO_COLOR → plain")
	}
	m, _ = m.update(tea.BackgroundColorMsg{Color: color.White})
	if m.c.Styles.Theme.Kind != common.ThemePlain {
		t.Fatal("plain must stay plain")
	}
}

// TestViewPanicCaught: a panicking view is reported and logged, the
// shell keeps working.
func TestViewPanicCaught(t *testing.T) {
	m, logs := newTestModel(t, 100, 30, common.ThemePlain, nil)
	probes(m)[1].hook = func(msg tea.Msg) {
		if _, ok := msg.(confirmedMsg); ok {
			panic("boom")
		}
	}
	m, cmd := m.update(confirmedMsg{})
	msgs := viewtest.Run(t, cmd)
	var shown bool
	for _, msg := range msgs {
		if e, ok := msg.(common.ShowErrorMsg); ok && strings.Contains(e.Err.Error(), "boom") {
			shown = true
			m, _ = m.update(e)
		}
	}
	if !shown {
		t.Fatalf("panic not reported: %v", msgs)
	}
	if !strings.Contains(logs.String(), "view panicked") || !strings.Contains(logs.String(), "boom") {
		t.Fatalf("panic not logged: %s", logs.String())
	}
	if !strings.Contains(ansi.Strip(m.Render()), "Guard view crashed") {
		t.Fatal("error dialog not shown")
	}
	m, _ = m.update(viewtest.Key("esc"))
	m, _ = m.update(viewtest.Key("2"))
	if m.active != 1 {
		t.Fatal("shell stopped working after a panic")
	}
}

func TestTooSmall(t *testing.T) {
	m, _ := newTestModel(t, MinWidth-1, MinHeight, common.ThemePlain, nil)
	if !strings.Contains(ansi.Strip(m.Render()), "Terminal too small") {
		t.Fatal("no too-small notice at 59 columns")
	}
	m, _ = m.update(tea.WindowSizeMsg{Width: MinWidth, Height: MinHeight - 1})
	if !strings.Contains(ansi.Strip(m.Render()), "Terminal too small") {
		t.Fatal("no too-small notice at 15 rows")
	}
	_, cmd := m.update(viewtest.Key("q"))
	if hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("q must not quit from the too-small screen (it may be meant for a field)")
	}
	_, cmd = m.update(viewtest.Key("ctrl+c"))
	if !hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("ctrl+c quits from the too-small screen")
	}
	m, _ = m.update(tea.WindowSizeMsg{Width: MinWidth, Height: MinHeight})
	if strings.Contains(ansi.Strip(m.Render()), "Terminal too small") {
		t.Fatal("60×16 is big enough")
	}
}

func TestServiceSelectedBroadcast(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	var seen int
	for _, p := range probes(m) {
		p.hook = func(msg tea.Msg) {
			if _, ok := msg.(common.ServiceSelectedMsg); ok {
				seen++
			}
		}
	}
	svc := fixtureServices()[2]
	m, _ = m.update(common.ServiceSelectedMsg{Service: svc})
	if seen != 3 || m.current.SID != svc.SID {
		t.Fatalf("seen by %d probe views; current %q", seen, m.current.SID)
	}
	if !strings.Contains(ansi.Strip(m.Render()), "service Payments SCA VA…") {
		t.Fatal("status line lacks the current service")
	}
}

func TestHelpToggle(t *testing.T) {
	m, _ := newTestModel(t, 120, 30, common.ThemePlain, nil)
	m = loadFixture(t, m)
	_, h0 := m.contentSize()
	viewTop := strings.SplitN(ansi.Strip(m.viewOf(m.active)), "\n", 2)[0]
	m, _ = m.update(viewtest.Key("?"))
	_, h1 := m.contentSize()
	out := ansi.Strip(m.Render())
	if !m.showHelp || h1 != h0 || !strings.Contains(out, "Keys · Services") || !strings.Contains(out, "previous view") ||
		!strings.Contains(out, "page down") || strings.Contains(out, viewTop) {
		t.Fatalf("the help page is not shown in place of the view (h %d → %d):\n%s", h0, h1, out)
	}
	if line := lastLine(m); !strings.Contains(line, "scroll") || !strings.Contains(line, "close help") {
		t.Errorf("help line on the help page: %q", line)
	}
	// Keys of the hidden view do nothing while the page is open.
	before := m.views[m.active]
	m, _ = m.update(viewtest.Key("n"))
	if !m.showHelp || m.dialog != nil || m.views[m.active].Capturing() != before.Capturing() {
		t.Fatal("n reached the view behind the help page")
	}
	m, _ = m.update(viewtest.Key("?"))
	if m.showHelp {
		t.Fatal("? closes help")
	}
	m, _ = m.update(viewtest.Key("?"))
	m, _ = m.update(viewtest.Key("esc"))
	if m.showHelp {
		t.Fatal("esc closes help")
	}
}

// TestHelpPageScrollsAtMinimumSize: at 60×16 the help page wraps its
// columns and scrolls, so every key of the view and every global key can
// be read; it never draws past the frame.
func TestHelpPageScrollsAtMinimumSize(t *testing.T) {
	m, _ := newTestModel(t, MinWidth, MinHeight, common.ThemePlain, nil)
	m = loadFixture(t, m)
	m, _ = m.update(viewtest.Key("?"))
	_, full := m.activeHelp()
	seen := ""
	for range 40 {
		frame := m.Render()
		checkFrame(t, frame, MinWidth, MinHeight)
		seen += ansi.Strip(frame) + "\n"
		m, _ = m.update(viewtest.Key("down"))
	}
	if !strings.Contains(ansi.Strip(m.Render()), "↑") {
		t.Errorf("scrolled to the end, no sign of what is above:\n%s", ansi.Strip(m.Render()))
	}
	var want []key.Binding
	for _, g := range full {
		want = append(want, g...)
	}
	want = append(want, m.c.Keys.GlobalHelp()...)
	for _, b := range want {
		if b.Enabled() && !strings.Contains(seen, b.Help().Desc) {
			t.Errorf("%q (%s) never shown on the help page at %d×%d", b.Help().Desc, b.Help().Key, MinWidth, MinHeight)
		}
	}
	m, _ = m.update(viewtest.Key("home"))
	if m.helpScroll.Offset != 0 {
		t.Errorf("home left the page at %d", m.helpScroll.Offset)
	}
}

func TestOutboxLine(t *testing.T) {
	m, _ := newTestModel(t, 120, 30, common.ThemePlain, nil)
	if !strings.Contains(ansi.Strip(m.Render()), "outbox: empty") {
		t.Fatal("empty outbox not shown")
	}
	m = fixtureOutbox(m)
	out := ansi.Strip(m.Render())
	if !strings.Contains(out, "✉ code 123456 · +14155550100 sms") || !strings.Contains(out, "code is: 123456") {
		t.Fatalf("outbox line:\n%s", out)
	}
	// At the minimum width the code is still there: it comes first.
	m, _ = m.update(tea.WindowSizeMsg{Width: MinWidth, Height: MinHeight})
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "✉ code 123456") {
		t.Fatalf("the code is cut at %d columns:\n%s", MinWidth, out)
	}
	// A live session has no outbox line, and shows the masked account.
	live, _ := newTestModel(t, 120, 30, common.ThemePlain, func(o *CommonOptions) {
		o.Sandbox = false
		o.Profile = "prod"
		o.Client, _ = twilioapi.New(twilioapi.Config{AccountSID: "AC0123456789abcdef0123456789abcdef", AuthToken: "x"})
	})
	out = ansi.Strip(live.Render())
	if strings.Contains(out, "outbox") || strings.Contains(out, "SANDBOX") || !strings.Contains(out, "LIVE prod AC…cdef") {
		t.Fatalf("live status:\n%s", out)
	}
	if strings.Contains(out, "0123456789abcdef0123") {
		t.Fatal("account SID not masked")
	}
}

func TestMouseTabClick(t *testing.T) {
	m, _ := newTestModel(t, 120, 30, common.ThemePlain, nil)
	x := 0
	for _, l := range m.tabLabels()[:3] {
		x += ansi.StringWidth(l)
	}
	m, _ = m.update(tea.MouseClickMsg{X: x + 1, Y: 0, Button: tea.MouseLeft})
	if m.active != 3 {
		t.Fatalf("click at %d → tab %d", x+1, m.active)
	}
}

func TestRebindFromConfig(t *testing.T) {
	m, _ := newTestModel(t, 120, 30, common.ThemePlain, func(o *CommonOptions) {
		o.Keys = map[string][]string{"tab_2": {"F2", "W"}}
	})
	m, _ = m.update(viewtest.Key("W"))
	if m.active != 1 {
		t.Fatal("rebound key did not switch")
	}
	if !strings.Contains(ansi.Strip(m.Render()), "F2/W Sessions") {
		t.Fatal("tab bar must show the bound keys")
	}
	if _, err := NewCommon(CommonOptions{Keys: map[string][]string{"nope": {"x"}}}); err == nil {
		t.Fatal("unknown binding must be reported")
	}
}

func TestLogMasksSecrets(t *testing.T) {
	var buf strings.Builder
	l := NewLogger(&buf)
	l.Info("x", "auth_token", "0123456789abcdef0123456789abcdef", "account_sid", "AC0123456789abcdef0123456789abcdef",
		"err", "request failed: Authorization: Basic QUMxMjM6c2VjcmV0 token fedcba9876543210fedcba9876543210")
	out := buf.String()
	for _, leak := range []string{"0123456789abcdef0123456789abcdef\"", "QUMxMjM6c2VjcmV0", "fedcba9876543210fedcba9876543210"} {
		if strings.Contains(out, leak) {
			t.Fatalf("log leaks %q: %s", leak, out)
		}
	}
	if !strings.Contains(out, "account_sid=AC0123456789abcdef0123456789abcdef") {
		t.Fatalf("account SID is not a secret and helps debugging: %s", out)
	}
}

// TestCallsAreLogged: --log shows every call with its view, request and
// duration, and a failed call's error, secrets masked.
func TestCallsAreLogged(t *testing.T) {
	var buf strings.Builder
	c, err := NewCommon(CommonOptions{Logger: NewLogger(&buf)})
	if err != nil {
		t.Fatal(err)
	}
	ok := common.Call(c, "services", 7, func(context.Context) (int, error) { return 1, nil })
	bad := common.Call(c, "sessions", 8, func(context.Context) (int, error) {
		return 0, errors.New("refused: Authorization: Basic QUMxMjM6c2VjcmV0")
	})
	poll := common.Poll(c, viewShell, 9, func(context.Context) (int, error) { return 1, nil })
	viewtest.Run(t, tea.Batch(ok, bad, poll))
	out := buf.String()
	if strings.Contains(out, "request=9") {
		t.Errorf("a successful poll was logged:\n%s", out)
	}
	for _, want := range []string{"msg=call view=services request=7 took=", `msg="call failed" view=sessions request=8`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "QUMxMjM6c2VjcmV0") {
		t.Errorf("log leaks the credentials:\n%s", out)
	}
}

// TestCallPanicIsAnError: a panic inside a call (say, in a decoder) comes
// back as the call's error and is logged with its stack; Bubble Tea would
// otherwise end the program.
func TestCallPanicIsAnError(t *testing.T) {
	var buf strings.Builder
	c, _ := NewCommon(CommonOptions{Logger: NewLogger(&buf)})
	msgs := viewtest.Run(t, common.Call(c, "services", 3, func(context.Context) (int, error) { panic("boom") }))
	r, ok := msgs[0].(common.Result[int])
	if !ok || r.ID != 3 || r.Err == nil || !strings.Contains(r.Err.Error(), "boom") {
		t.Fatalf("result %#v", msgs)
	}
	if out := buf.String(); !strings.Contains(out, `msg="call panicked"`) || !strings.Contains(out, "stack=") {
		t.Fatalf("log:\n%s", out)
	}
}

// TestDangerousConfirmIgnoresEnter: on a confirmation of a change at
// Twilio, enter is not yes (a stray enter from typing a code); y is.
func TestDangerousConfirmIgnoresEnter(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	var got int
	probes(m)[0].hook = func(msg tea.Msg) {
		if _, ok := msg.(confirmedMsg); ok {
			got++
		}
	}
	m, _ = m.update(common.ConfirmMsg{Title: "Approve without a code?", OnConfirm: common.ToView{View: "totp", Msg: confirmedMsg{}}, Mutates: true})
	m, _ = m.update(viewtest.Key("enter"))
	if m.dialog == nil || got != 0 {
		t.Fatal("enter confirmed a dangerous action")
	}
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "y: yes") || strings.Contains(out, "y/enter") {
		t.Fatalf("the dialog must offer y only:\n%s", out)
	}
	m, cmd := m.update(viewtest.Key("y"))
	for _, msg := range viewtest.Run(t, cmd) {
		m, _ = m.update(msg)
	}
	if m.dialog != nil || got != 1 {
		t.Fatalf("y did not confirm (%d)", got)
	}
	// A harmless question still takes enter.
	m, _ = m.update(common.ConfirmMsg{Title: "Close?", OnConfirm: common.ToView{View: "totp", Msg: confirmedMsg{}}})
	m, cmd = m.update(viewtest.Key("enter"))
	for _, msg := range viewtest.Run(t, cmd) {
		m, _ = m.update(msg)
	}
	if got != 2 {
		t.Fatal("enter did not confirm a harmless question")
	}
}

// TestTooSmallKeepsInputAndDialogs: below the minimum size a focused
// field keeps its text (q does not quit) and an open dialog stays drawn.
func TestTooSmallKeepsInputAndDialogs(t *testing.T) {
	m, _ := newTestModel(t, 100, 30, common.ThemePlain, nil)
	m = loadFixture(t, m)
	m, _ = m.update(viewtest.Key("n"))
	m = typeText(m, "Acme")
	m, _ = m.update(tea.WindowSizeMsg{Width: 40, Height: 10})
	_, cmd := m.update(viewtest.Key("q"))
	if hasQuit(viewtest.Run(t, cmd)) {
		t.Fatal("q quit with a form open on the too-small screen")
	}
	m, _ = m.update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(ansi.Strip(m.Render()), "Acme") {
		t.Fatal("the form lost its input")
	}
	m, _ = m.update(common.ConfirmMsg{Title: "Quit?", OnConfirm: quitMsg{}})
	m, _ = m.update(tea.WindowSizeMsg{Width: 50, Height: 12})
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "Quit?") {
		t.Fatalf("the dialog is hidden behind the notice:\n%s", out)
	}
}

// TestExternalSandboxBadge: a profile pointing at a running sandbox says
// which profile and address, not just SANDBOX.
func TestExternalSandboxBadge(t *testing.T) {
	m, _ := newTestModel(t, 120, 30, common.ThemePlain, func(o *CommonOptions) {
		o.Profile = "local"
		o.SandboxURL = "http://127.0.0.1:8089"
	})
	if out := ansi.Strip(m.Render()); !strings.Contains(out, "SANDBOX local 127.0.0.1:8089") {
		t.Fatalf("badge:\n%s", out)
	}
}

// TestHelpPageLeavesOutClaimedTabKeys: while the view takes digits (a
// code being awaited), the help page does not offer 1–5 for switching
// views; tab and shift+tab, which still switch, stay.
func TestHelpPageLeavesOutClaimedTabKeys(t *testing.T) {
	m, _ := newTestModel(t, 120, 30, common.ThemePlain, nil)
	m, _ = m.update(viewtest.Key("3"))
	p := probes(m)[0]
	p.claims = func(k tea.KeyPressMsg) bool { return k.Text >= "0" && k.Text <= "9" }
	m, _ = m.update(viewtest.Key("?"))
	page := ansi.Strip(m.Render())
	if strings.Contains(page, "1 services") || strings.Contains(page, "5 attempts") {
		t.Errorf("the help page offers digits the view takes:\n%s", page)
	}
	if !strings.Contains(page, "next view") || !strings.Contains(page, "previous view") {
		t.Errorf("tab and shift+tab are missing:\n%s", page)
	}
	m, _ = m.update(viewtest.Key("?"))
	p.claims = nil
	m, _ = m.update(viewtest.Key("?"))
	if page := ansi.Strip(m.Render()); !strings.Contains(page, "1 services") {
		t.Errorf("digits not offered once the view lets them go:\n%s", page)
	}
}
