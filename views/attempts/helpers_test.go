package attempts

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

// t0 is the fixed clock of every test: the sandbox's and the view's.
var t0 = viewtest.FixedNow

// harness is the view on a real sandbox over loopback, both on one
// manual clock.
type harness struct {
	*viewtest.Harness[Model]
	clk    *sandbox.ManualClock
	sb     *sandbox.Sandbox
	client *twilioapi.Client
	c      *common.Common
	// base is the sandbox's URL (its answers' URLs start with it).
	base string
}

// newHarness starts a sandbox with seeded attempts (0 for none) and the
// view at w×h.
func newHarness(t testing.TB, seeded, w, h int) *harness {
	t.Helper()
	clk := sandbox.NewManualClock(t0)
	sb, srv := apitest.Serve(t, sandbox.Options{Clock: clk.Now, SeedAttempts: seeded})
	cl := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	c := viewtest.Common(cl, func(c *common.Common) { c.Clock = clk.Now })
	return &harness{Harness: viewtest.NewHarness[Model](t, c, Entry(), w, h), clk: clk, sb: sb, client: cl, c: c, base: srv.URL()}
}

// wait lets the budget refill: it moves the clock to the oldest wake
// timer and fires it, and reports whether there was one.
func (h *harness) wait() bool {
	for i, tm := range h.Timers {
		if _, ok := tm.Msg.(wakeMsg); ok {
			h.Timers = append(h.Timers[:i:i], h.Timers[i+1:]...)
			h.clk.Advance(tm.After)
			h.Send(tm.Msg)
			return true
		}
	}
	return false
}

// settle fires wake timers until nothing waits for the budget.
func (h *harness) settle() {
	for h.wait() {
	}
}

// summary is Twilio's summary of f, asked directly.
func (h *harness) summary(f twilioapi.AttemptsSummaryFilter) twilioapi.AttemptsSummary {
	h.T().Helper()
	s, err := h.client.AttemptsSummary(context.Background(), f)
	if err != nil {
		h.T().Fatal(err)
	}
	return s
}

// out returns the messages of type T the view's commands produced.
func out[T any](h *harness) []T {
	var got []T
	for _, m := range h.Out {
		if v, ok := m.(T); ok {
			got = append(got, v)
		}
	}
	return got
}

// keys presses keys in order.
func (h *harness) keys(ks ...string) {
	h.T().Helper()
	for _, k := range ks {
		h.Key(k)
	}
}

// fillFilter opens the filter form, sets fields (key, text pairs; the
// text replaces the field's value) and applies it.
func (h *harness) fillFilter(pairs ...string) {
	h.T().Helper()
	h.Key("f")
	for i := 0; i+1 < len(pairs); i += 2 {
		fl := h.M.form.form.Field(pairs[i])
		if fl == nil {
			h.T().Fatalf("no field %s", pairs[i])
		}
		if fl.Kind == common.FieldChoice {
			h.M.form.form.FocusKey(pairs[i])
			for n := 0; n < len(fl.Choices) && h.M.form.form.Get(pairs[i]) != pairs[i+1]; n++ {
				h.Key("right")
			}
			continue
		}
		h.M.form.form.FocusKey(pairs[i])
		h.M.form.form.Field(pairs[i]).Input.SetValue("")
		h.Type(pairs[i+1])
	}
	h.Key("ctrl+s")
}

// send delivers a message and runs what follows.
func (h *harness) send(msg tea.Msg) { h.Send(msg) }
