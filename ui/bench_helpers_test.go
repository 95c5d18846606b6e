package ui

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
	"github.com/twilio-verify/twilio-verify/views/sessions"
)

// console is the whole program's root model, built as runConsole and
// NewProgram build it, on a sandbox behind the real twilio-go client over
// loopback. It plays Bubble Tea's event loop synchronously: every message
// goes through the root Update, every Cmd it returns is run and its
// messages are fed back in turn, except timers, which are dropped (a
// benchmark setup must not sleep, and a dropped poll or blink changes
// nothing the frame is measured on).
type console struct {
	tb  testing.TB
	clk *sandbox.ManualClock
	sb  *sandbox.Sandbox
	m   Model
	// dropped counts the timer Cmds not run (the setup test reports it).
	dropped int
	// onTimer, when set, receives the timers instead of dropping them
	// (the monkey test fires some of them later).
	onTimer func(viewtest.Timer)
}

// cmdList is the type behind tea.BatchMsg and tea.Sequence's message.
var cmdList = reflect.TypeOf([]tea.Cmd(nil))

// newConsole starts a sandbox (its clock and the program's are one manual
// clock, so countdowns and expiry do not move under the benchmark) and
// builds the root model at w×h the way runConsole does for --sandbox, then
// runs its Init (the first service list, the service auto-selection, the
// first outbox poll).
func newConsole(tb testing.TB, w, h int) *console {
	tb.Helper()
	clk := sandbox.NewManualClock(viewtest.FixedNow)
	cl, sb := apitest.Start(tb, sandbox.Options{Clock: clk.Now})
	c, err := NewCommon(CommonOptions{Ctx: context.Background(), Client: cl, Sandbox: true, Clock: clk.Now})
	if err != nil {
		tb.Fatal(err)
	}
	c.Timer = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return viewtest.Timer{After: d, Msg: msg} }
	}
	// NewProgram with a size sets it on Common before New; the program
	// then delivers the WindowSizeMsg.
	c.Width, c.Height = w, h
	con := &console{tb: tb, clk: clk, sb: sb, m: New(c, Options{})}
	con.loop(con.m.Init())
	con.send(tea.WindowSizeMsg{Width: w, Height: h})
	return con
}

// send delivers msg through the root Update and plays out what follows.
func (c *console) send(msg tea.Msg) {
	c.tb.Helper()
	c.loop(func() tea.Msg { return msg })
}

// loop runs cmd and delivers its messages, and the messages of the Cmds
// those return, until nothing is left, in the order they come.
func (c *console) loop(cmd tea.Cmd) {
	c.tb.Helper()
	queue := c.exec(cmd)
	for n := 0; len(queue) > 0; n++ {
		if n > 100000 {
			c.tb.Fatal("console: the program keeps sending itself messages")
		}
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			c.tb.Fatal("console: the program quit")
		}
		tm, next := c.m.Update(msg)
		c.m = tm.(Model)
		queue = append(queue, c.exec(next)...)
	}
}

// exec runs cmd (and every Cmd it batches or sequences) and returns their
// messages; timers are dropped, program-internal requests (the background
// colour query) are answered by nobody, as on a terminal that stays silent.
func (c *console) exec(cmd tea.Cmd) []tea.Msg {
	c.tb.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(viewtest.Timeout):
		c.tb.Fatalf("console: a command did not answer in %s (a timer not started with Common.After?)", viewtest.Timeout)
	}
	if msg == nil {
		return nil
	}
	if tm, ok := msg.(viewtest.Timer); ok {
		c.dropped++
		if c.onTimer != nil {
			c.onTimer(tm)
		}
		return nil
	}
	v := reflect.ValueOf(msg)
	if v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
		var out []tea.Msg
		for _, sub := range v.Convert(cmdList).Interface().([]tea.Cmd) {
			out = append(out, c.exec(sub)...)
		}
		return out
	}
	if t := reflect.TypeOf(msg); t.PkgPath() == "charm.land/bubbletea/v2" && !exported(t.Name()) {
		return nil
	}
	return []tea.Msg{msg}
}

// exported reports whether a type name is exported.
func exported(name string) bool { return name != "" && strings.ToUpper(name[:1]) == name[:1] }

// key presses one key ("2", "n", "enter", "esc", "up").
func (c *console) key(k string) {
	c.tb.Helper()
	c.send(viewtest.Key(k))
}

// typeText types s one key at a time.
func (c *console) typeText(s string) {
	c.tb.Helper()
	for _, k := range viewtest.Type(s) {
		c.send(k)
	}
}

// screen is the whole frame without styling.
func (c *console) screen() string { return ansi.Strip(c.m.Render()) }

// benchNumber is the i-th customer: a distinct valid US number the
// sandbox treats as a mobile, so every send gets its own verification.
func benchNumber(i int) string { return fmt.Sprintf("+1212555%04d", i) }

// openSessions switches to the Sessions tab and opens n sessions as a user
// does: n, the number typed, enter (the send), esc (out of the code field
// the send focused). It fails on an error dialog, so a refused send
// cannot leave fewer sessions behind unnoticed.
func (c *console) openSessions(n int) {
	c.tb.Helper()
	c.key("2")
	if c.m.ActiveID() != sessions.ID {
		c.tb.Fatalf("console: 2 did not open Sessions:\n%s", c.screen())
	}
	for i := 0; i < n; i++ {
		c.key("n")
		c.typeText(benchNumber(i))
		c.key("enter")
		if c.m.dialog != nil {
			c.tb.Fatalf("console: send %d to %s opened a dialog:\n%s", i, benchNumber(i), c.screen())
		}
		c.key("esc")
	}
	// The sandbox outbox line is polled on a timer the loop dropped: one
	// poll now, so the frame shows the latest message as a user sees it.
	c.send(outboxTickMsg{})
}
