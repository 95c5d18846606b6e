package sessions

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// t0 is the fixed start of every test clock.
var t0 = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// scheduledMsg is what a timer Cmd returns in tests: the tick it would
// have delivered, for the test to deliver by hand after moving the clock.
type scheduledMsg struct {
	d   time.Duration
	msg tea.Msg
}

// harness is the view with the sandbox behind a real twilio-go client over
// loopback, an injected manual clock, and Cmds run synchronously.
type harness struct {
	t      testing.TB
	clk    *sandbox.ManualClock
	sb     *sandbox.Sandbox
	srv    *sandbox.Server
	client *twilioapi.Client
	c      *common.Common
	m      Model
	// ticks are the timers armed, in order; out are the other messages
	// Cmds produced (flashes, dialogs, clipboard writes).
	ticks []scheduledMsg
	out   []tea.Msg
	svc   twilioapi.Service
}

// newHarness starts a sandbox and a view sized w×h with the demo service
// selected.
func newHarness(t testing.TB, width, height int) *harness {
	t.Helper()
	clk := sandbox.NewManualClock(t0)
	sb, err := sandbox.New(sandbox.Options{Clock: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sandbox.Listen(sb, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cl, err := twilioapi.New(twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{
		Ctx:           context.Background(),
		Styles:        common.NewStyles(common.PlainTheme()),
		Keys:          common.DefaultKeyMap(),
		Client:        cl,
		Clock:         clk.Now,
		Sandbox:       true,
		DefaultRegion: "US",
		CallTimeout:   10 * time.Second,
	}
	h := &harness{t: t, clk: clk, sb: sb, srv: srv, client: cl, c: c}
	h.m = New(c).SetSize(width, height)
	h.m.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return scheduledMsg{d: d, msg: msg} }
	}
	page, err := cl.ListServicesPage(context.Background(), 50, "")
	if err != nil || len(page.Services) == 0 {
		t.Fatalf("no demo service: %v", err)
	}
	h.svc = page.Services[0]
	h.send(common.ServiceSelectedMsg{Service: h.svc})
	return h
}

// send delivers msg and runs the resulting Cmds to completion.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	var cmd tea.Cmd
	h.m, cmd = h.m.Update(msg)
	h.run(cmd)
}

// run executes cmd synchronously: results go back into Update, timers are
// recorded, anything else is collected.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case scheduledMsg:
		h.ticks = append(h.ticks, msg)
	case common.ResultMsg:
		h.send(msg)
	default:
		h.out = append(h.out, msg)
	}
}

// key presses one key ("enter", "esc", "n", "ctrl+l", …).
func (h *harness) key(k string) {
	h.t.Helper()
	h.send(keyMsg(k))
}

// keyMsg builds the KeyPressMsg of a key name.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "ctrl+l":
		return tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText types s one key at a time.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// newSession opens the form, types to, picks channel and sends.
func (h *harness) newSession(to string, channel twilioapi.Channel) {
	h.t.Helper()
	h.key("n")
	h.typeText(to)
	if channel != "" {
		h.m.form.form.FocusKey(fieldChannel)
		for i := 0; i < len(channelChoices()) && h.m.form.form.Get(fieldChannel) != string(channel); i++ {
			h.key("right")
		}
		if got := h.m.form.form.Get(fieldChannel); got != string(channel) {
			h.t.Fatalf("channel picker: got %q, want %q", got, channel)
		}
	}
	h.key("enter")
}

// fireTicks delivers the timers armed so far (after the clock moved) and
// clears them; it returns how many fired.
func (h *harness) fireTicks() int {
	ticks := h.ticks
	h.ticks = nil
	for _, tk := range ticks {
		h.send(tk.msg)
	}
	return len(ticks)
}

// code is the code the sandbox delivered for the selected session.
func (h *harness) code() string {
	h.t.Helper()
	s := h.m.current()
	if s == nil {
		h.t.Fatal("no session")
	}
	for _, o := range h.sb.Outbox(s.recipient.To()) {
		if o.VerificationSID == s.ver.SID && o.Code != "" {
			return o.Code
		}
	}
	h.t.Fatalf("no code in the outbox for %s", s.recipient.To())
	return ""
}

// screen is the view's text without styling.
func (h *harness) screen() string { return ansi.Strip(h.m.View()) }

// wantScreen fails unless the screen contains every string.
func (h *harness) wantScreen(subs ...string) {
	h.t.Helper()
	scr := h.screen()
	for _, s := range subs {
		if !strings.Contains(scr, s) {
			h.t.Fatalf("screen lacks %q:\n%s", s, scr)
		}
	}
}

// flashes returns the texts of the FlashMsgs produced so far.
func (h *harness) flashes() []string {
	var out []string
	for _, m := range h.out {
		if f, ok := m.(common.FlashMsg); ok {
			out = append(out, f.Text)
		}
	}
	return out
}
