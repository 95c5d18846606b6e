package sessions

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// t0 is the fixed start of every test clock.
var t0 = viewtest.FixedNow

// harness is the view (viewtest.Harness) with the sandbox behind a real
// twilio-go client over loopback and an injected manual clock.
type harness struct {
	*viewtest.Harness[Model]
	clk    *sandbox.ManualClock
	sb     *sandbox.Sandbox
	client *twilioapi.Client
	c      *common.Common
	svc    twilioapi.Service
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
	h := &harness{Harness: viewtest.NewHarness[Model](t, c, Entry(), width, height), clk: clk, sb: sb, client: cl, c: c}
	page, err := cl.ListServicesPage(context.Background(), 50, "")
	if err != nil || len(page.Services) == 0 {
		t.Fatalf("no demo service: %v", err)
	}
	h.svc = page.Services[0]
	h.Send(common.ServiceSelectedMsg{Service: h.svc})
	return h
}

// key presses one key ("enter", "esc", "n", "ctrl+l", …).
func (h *harness) key(k string) { h.Key(k) }

// typeText types s one key at a time.
func (h *harness) typeText(s string) { h.Type(s) }

// send delivers msg and runs the resulting Cmds to completion.
func (h *harness) send(msg tea.Msg) { h.Send(msg) }

// fill types into form fields: key, text, key, text…
func (h *harness) fill(pairs ...string) {
	h.T().Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		h.M.form.form.FocusKey(pairs[i])
		h.typeText(pairs[i+1])
	}
}

// newSession opens the form, types to, picks channel and sends.
func (h *harness) newSession(to string, channel twilioapi.Channel) {
	h.T().Helper()
	h.key("n")
	h.typeText(to)
	if channel != "" {
		h.M.form.form.FocusKey(fieldChannel)
		for i := 0; i < len(channelChoices()) && h.M.form.form.Get(fieldChannel) != string(channel); i++ {
			h.key("right")
		}
		if got := h.M.form.form.Get(fieldChannel); got != string(channel) {
			h.T().Fatalf("channel picker: got %q, want %q", got, channel)
		}
	}
	h.key("enter")
}

// wrongCheckInFlight sends a code to the sandbox's mobile, types a wrong
// code and presses enter without running the check: it returns the
// session and the check's Cmd, for keys pressed while it is in flight.
func (h *harness) wrongCheckInFlight() (*session, tea.Cmd) {
	h.T().Helper()
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	h.typeText("111111")
	var cmd tea.Cmd
	h.M, cmd = h.M.update(keyOf("enter"))
	return s, cmd
}

// fireTicks delivers the timers armed so far (after the clock moved) and
// clears them; it returns how many fired.
func (h *harness) fireTicks() int {
	ticks := h.Timers
	h.Timers = nil
	for _, tk := range ticks {
		h.send(tk.Msg)
	}
	return len(ticks)
}

// code is the code the sandbox delivered for the selected session.
func (h *harness) code() string {
	h.T().Helper()
	s := h.M.current()
	if s == nil {
		h.T().Fatal("no session")
	}
	for _, o := range h.sb.Outbox(s.recipient.To()) {
		if o.VerificationSID == s.ver.SID && o.Code != "" {
			return o.Code
		}
	}
	h.T().Fatalf("no code in the outbox for %s", s.recipient.To())
	return ""
}

// screen is the view's text without styling.
func (h *harness) screen() string { return h.Screen() }

// wantScreen fails unless the screen contains every string.
func (h *harness) wantScreen(subs ...string) {
	h.T().Helper()
	h.WantScreen(subs...)
}

// flashes returns the texts of the FlashMsgs produced so far.
func (h *harness) flashes() []string {
	var out []string
	for _, m := range h.Out {
		if f, ok := m.(common.FlashMsg); ok {
			out = append(out, f.Text)
		}
	}
	return out
}
