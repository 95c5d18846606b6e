package sessions

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// t0 is the fixed start of every test clock.
var t0 = viewtest.FixedNow

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
	return newHarnessWith(t, width, height, sandbox.Options{})
}

// newHarnessWith is newHarness on a sandbox built from opts (its clock is
// always the harness's manual clock).
func newHarnessWith(t testing.TB, width, height int, opts sandbox.Options) *harness {
	t.Helper()
	clk := sandbox.NewManualClock(t0)
	opts.Clock = clk.Now
	cl, sb := apitest.Start(t, opts)
	c := viewtest.Common(cl, func(c *common.Common) { c.Clock = clk.Now })
	h := &harness{t: t, clk: clk, sb: sb, client: cl, c: c}
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

// run executes cmd synchronously (viewtest.Run): results go back into
// Update, timers are recorded, anything else is collected.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	for _, msg := range viewtest.Run(h.t, cmd) {
		switch msg := msg.(type) {
		case scheduledMsg:
			h.ticks = append(h.ticks, msg)
		case common.ResultMsg:
			h.send(msg)
		default:
			h.out = append(h.out, msg)
		}
	}
}

// key presses one key ("enter", "esc", "n", "ctrl+l", …).
func (h *harness) key(k string) {
	h.t.Helper()
	h.send(viewtest.Key(k))
}

// typeText types s one key at a time.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, k := range viewtest.Type(s) {
		h.send(k)
	}
}

// fill types into form fields: key, text, key, text…
func (h *harness) fill(pairs ...string) {
	h.t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		h.m.form.form.FocusKey(pairs[i])
		h.typeText(pairs[i+1])
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
