package ui

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// The monkey test's knobs: the default is a short run for every
// `go test`; -monkey.events=100000 is the long one.
var (
	monkeyEvents = flag.Int("monkey.events", 3000, "monkey test: how many random events to send")
	// The default seed is fixed, so `go test ./...` (and CI) replays the
	// same stream every time; -monkey.seed=0 explores a new one.
	monkeySeed = flag.Uint64("monkey.seed", 1, "monkey test: the seed to replay (0 picks one from the clock)")
	// No budget by default: a step's time depends on the machine (a GC
	// or a loaded CI box paused one Update for 0.5 s), so `go test ./...`
	// reports the times and asserts none; ask for one on an idle machine.
	monkeyBudget = flag.Duration("monkey.budget", 0,
		"monkey test: the longest Update+View a step may take, 0 for none (16ms is 60 fps on an idle machine)")
)

// TestMonkey drives the whole program (the root model on a real sandbox
// behind the real client) with a seeded random stream of key presses,
// pastes, clicks, wheel turns, resizes and fired timers while the sandbox
// injects latency, 500/503, 429 with Retry-After and dropped connections.
// It passes when nothing panics (a view panic the shell caught and
// logged counts), every frame fits the window exactly, no goroutine and
// no call is left behind, and the program still quits; with
// -monkey.budget, no step's Update+View takes longer. It logs p50, p99
// and the slowest step.
// A failure prints the seed: -monkey.seed=S replays it.
func TestMonkey(t *testing.T) {
	seed := *monkeySeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	replay := fmt.Sprintf("go test ./ui -run 'TestMonkey$' -monkey.seed=%d -monkey.events=%d", seed, *monkeyEvents)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("replay with: %s", replay)
		}
	})
	// Exports the stream may start land in a scratch directory, never in
	// the package's.
	t.Chdir(t.TempDir())
	checkGoroutines(t)
	mk := newMonkey(t, seed)
	for i := range *monkeyEvents {
		if i%250 == 0 {
			mk.sb.SetFaults(mk.faultPhase())
		}
		msg := mk.in.next()
		if mk.in.r.IntN(20) == 0 {
			if tm, ok := mk.takeTimer(); ok {
				mk.clk.Advance(tm.After)
				msg = tm.Msg
			}
		}
		mk.last = append(mk.last[max(0, len(mk.last)-19):], describe(msg))
		if mk.deliver(i, msg) {
			t.Fatalf("event %d: the program quit without a quit key; last events:\n%s", i, strings.Join(mk.last, "\n"))
		}
		if p := mk.log.panics(); len(p) > 0 {
			t.Fatalf("event %d: %s; last events:\n%s", i, p[0], strings.Join(mk.last, "\n"))
		}
	}
	mk.sb.SetFaults(sandbox.Faults{})
	mk.quit()
	mk.report()
	if n := mk.c.InFlight(); n != 0 {
		t.Errorf("%d calls still registered in flight after the run", n)
	}
}

// monkey is the program under the monkey test.
type monkey struct {
	*console
	c   *common.Common
	in  *monkeyInput
	log *panicLog
	// timers are timers the program started and the test may fire.
	timers []viewtest.Timer
	// frames are each step's Update+View time; worst is the slowest
	// step's event.
	frames  []time.Duration
	slowest time.Duration
	worst   string
	last    []string
}

// newMonkey builds the program as newConsole does, with a client whose
// retries stay short (a 429's Retry-After of 1 s is not waited for, so
// the run does not sleep) and a logger that records panics.
func newMonkey(t *testing.T, seed uint64) *monkey {
	clk := sandbox.NewManualClock(viewtest.FixedNow)
	sb, srv := apitest.Serve(t, sandbox.Options{Clock: clk.Now})
	sb.SeedAttempts(200, seed)
	cl := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL(),
		Retry: twilioapi.RetryPolicy{Attempts: 3, Budget: 50 * time.Millisecond, Base: 2 * time.Millisecond}})
	log := &panicLog{}
	c, err := NewCommon(CommonOptions{Ctx: context.Background(), Client: cl, Sandbox: true, Clock: clk.Now,
		Logger: slog.New(log), CallTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	mk := &monkey{c: c, log: log, in: newMonkeyInput(seed, c.Keys)}
	mk.console = &console{tb: t, clk: clk, sb: sb, onTimer: mk.keepTimer}
	c.Timer = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return viewtest.Timer{After: d, Msg: msg} }
	}
	c.Width, c.Height = 100, 30
	mk.m = New(c, Options{Mouse: true})
	mk.deliverCmd(-1, mk.m.Init())
	mk.deliver(-1, tea.WindowSizeMsg{Width: 100, Height: 30})
	return mk
}

// faultPhase picks the sandbox's misbehaviour for the next events: none,
// latency, server errors, rate limits, dropped connections or a mix.
func (mk *monkey) faultPhase() sandbox.Faults {
	r := mk.in.r
	switch r.IntN(6) {
	case 0:
		return sandbox.Faults{}
	case 1:
		return sandbox.Faults{Latency: time.Duration(1+r.IntN(5)) * time.Millisecond}
	case 2:
		return sandbox.Faults{ErrorShare: 0.2}
	case 3:
		return sandbox.Faults{RateLimitShare: 0.2, RetryAfter: time.Second}
	case 4:
		return sandbox.Faults{DropShare: 0.2}
	}
	return sandbox.Faults{Latency: time.Millisecond, ErrorShare: 0.1, RateLimitShare: 0.05, DropShare: 0.05}
}

// keepTimer remembers a timer the program started (the newest 256).
func (mk *monkey) keepTimer(tm viewtest.Timer) {
	if len(mk.timers) >= 256 {
		mk.timers = mk.timers[1:]
	}
	mk.timers = append(mk.timers, tm)
}

// takeTimer removes and returns a random remembered timer.
func (mk *monkey) takeTimer() (viewtest.Timer, bool) {
	if len(mk.timers) == 0 {
		return viewtest.Timer{}, false
	}
	i := mk.in.r.IntN(len(mk.timers))
	tm := mk.timers[i]
	mk.timers = slices.Delete(mk.timers, i, i+1)
	return tm, true
}

// deliver sends msg through the root Update and plays out what follows,
// timing each step's Update and View. It reports whether the program
// quit.
func (mk *monkey) deliver(event int, msg tea.Msg) bool {
	return mk.deliverCmd(event, func() tea.Msg { return msg })
}

// deliverCmd runs cmd and delivers its messages as deliver does.
func (mk *monkey) deliverCmd(event int, cmd tea.Cmd) bool {
	mk.tb.Helper()
	queue := mk.exec(cmd)
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			mk.tb.Fatalf("event %d: the program keeps sending itself messages", event)
		}
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
		start := time.Now()
		tm, next := mk.m.Update(msg)
		mk.m = tm.(Model)
		u := time.Since(start)
		d := u + mk.viewTime()
		over := func() bool { return *monkeyBudget > 0 && d > *monkeyBudget }
		if over() {
			// The machine may have paused the test: View is pure, so
			// draw again; only a frame that is slow every time counts.
			d = u + min(mk.viewTime(), mk.viewTime(), mk.viewTime())
		}
		if over() {
			mk.tb.Fatalf("event %d: %s took %s, Update %s (budget %s, -monkey.budget) at %dx%d:\n%s",
				event, describe(msg), d, u, *monkeyBudget, mk.c.Width, mk.c.Height, mk.screen())
		}
		if d > mk.slowest {
			mk.slowest = d
			mk.worst = fmt.Sprintf("event %d, %s at %dx%d", event, describe(msg), mk.c.Width, mk.c.Height)
		}
		mk.frames = append(mk.frames, d)
		if p := frameProblem(mk.m.Render(), mk.c.Width, mk.c.Height); p != "" {
			mk.tb.Fatalf("event %d: after %s the frame does not fit: %s; last events:\n%s",
				event, describe(msg), p, strings.Join(mk.last, "\n"))
		}
		queue = append(queue, mk.exec(next)...)
	}
	return false
}

// viewTime is how long one View of the program takes.
func (mk *monkey) viewTime() time.Duration {
	start := time.Now()
	_ = mk.m.View()
	return time.Since(start)
}

// quit leaves as a user would: esc closes what is open, then the quit
// key (and yes if the program asks); if a field still takes q as
// typing, force-quit must work.
func (mk *monkey) quit() {
	km := mk.c.Keys
	for range 4 {
		mk.deliver(-1, viewtest.Key(km.Back.Keys()[0]))
	}
	if mk.deliver(-1, viewtest.Key(km.Quit.Keys()[0])) {
		return
	}
	if mk.m.dialog != nil && mk.deliver(-1, viewtest.Key(km.Confirm.Keys()[0])) {
		return
	}
	mk.tb.Logf("q and y did not quit (a field may take them as typing); trying force-quit:\n%s", mk.screen())
	if !mk.deliver(-1, viewtest.Key(km.ForceQuit.Keys()[0])) {
		mk.tb.Fatalf("the program does not answer force-quit:\n%s", mk.screen())
	}
}

// report logs the step times: how many, the median, p99 and the worst.
func (mk *monkey) report() {
	fs := slices.Clone(mk.frames)
	slices.Sort(fs)
	pct := func(p float64) time.Duration { return fs[min(len(fs)-1, int(p*float64(len(fs))))] }
	mk.tb.Logf("%d events, %d steps (Update+View): p50 %s, p99 %s, max %s (%s); %d timers started",
		*monkeyEvents, len(fs), pct(0.5), pct(0.99), fs[len(fs)-1], mk.worst, mk.dropped)
	if fs[len(fs)-1] > 16*time.Millisecond {
		mk.tb.Logf("note: the slowest step is over one 60 fps frame (16 ms) on this machine")
	}
}

// checkGoroutines fails the test when it leaves goroutines behind: it
// counts them now and, once every cleanup registered after it has run
// (servers closed, clients closed), waits up to 5 s for the count to
// settle back.
func checkGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			n := runtime.NumGoroutine()
			if n <= before {
				return
			}
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("%d goroutines before, %d after settling:\n%s", before, n, buf)
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

// panicLog is a slog handler that keeps the panics the program logged
// (the shell's "view panicked", Call's "call panicked").
type panicLog struct {
	mu   sync.Mutex
	msgs []string
}

// Enabled implements slog.Handler: only errors matter here.
func (l *panicLog) Enabled(_ context.Context, lv slog.Level) bool { return lv >= slog.LevelError }

// Handle implements slog.Handler.
func (l *panicLog) Handle(_ context.Context, r slog.Record) error {
	if !strings.Contains(r.Message, "panicked") {
		return nil
	}
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, "\n%s: %s", a.Key, a.Value)
		return true
	})
	l.mu.Lock()
	l.msgs = append(l.msgs, b.String())
	l.mu.Unlock()
	return nil
}

// WithAttrs implements slog.Handler.
func (l *panicLog) WithAttrs([]slog.Attr) slog.Handler { return l }

// WithGroup implements slog.Handler.
func (l *panicLog) WithGroup(string) slog.Handler { return l }

// panics are the panics logged so far.
func (l *panicLog) panics() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.msgs)
}
