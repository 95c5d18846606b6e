package sshserve

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui"
)

// TestConsoleOverSSH: the console comes up at the PTY's size, a key
// switches views, a window change reaches it, q ends the session with
// status 0, and the debug log names the operator by user and key.
func TestConsoleOverSSH(t *testing.T) {
	ts := startServer(t, nil)
	c := openConsole(t, dialKey(t, ts.addr, "alice", ts.key), 100, 30)
	c.waitFor("Sandbox Demo", wait)
	c.press("2")
	c.waitFor("No sessions yet", wait)
	if err := c.sess.WindowChange(20, 61); err != nil {
		t.Fatal(err)
	}
	// At 61 columns the tab bar's title ends at column 61: the status
	// row is padded to exactly the new width.
	c.waitFor("2 Sessions", wait)
	c.press("q")
	if st := c.exitStatus(wait); st != 0 {
		t.Fatalf("exit status %d", st)
	}
	fp := gossh.FingerprintSHA256(ts.key.PublicKey())
	log := ts.log.String()
	for _, want := range []string{"ssh session started", `operator="alice (` + fp + `)"`, "width=61 height=20", "ssh session ended"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// TestMaxSessionsRefusesPolitely: past MaxSessions a visitor reads why
// and gets exit status 1; once a slot frees up, the next one gets in.
func TestMaxSessionsRefusesPolitely(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.MaxSessions = 1 })
	cl := dialKey(t, ts.addr, "alice", ts.key)
	first := openConsole(t, cl, 80, 24)
	first.waitFor("Sandbox Demo", wait)

	second := openConsole(t, cl, 80, 24)
	if st := second.exitStatus(wait); st != 1 {
		t.Fatalf("second session: status %d", st)
	}
	if !strings.Contains(second.text(), "the server is full (1 sessions at once)") {
		t.Fatalf("second session output: %q", second.text())
	}

	first.press("q")
	first.exitStatus(wait)
	third := openConsole(t, cl, 80, 24)
	third.waitFor("Sandbox Demo", wait)
}

// panicModel panics on the first key.
type panicModel struct{}

func (panicModel) Init() tea.Cmd { return nil }
func (panicModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		panic("boom")
	}
	return panicModel{}, nil
}
func (panicModel) View() tea.View {
	v := tea.NewView("press a key to crash")
	v.AltScreen = true
	return v
}

// TestPanicEndsOnlyItsSession: a console that panics (in Update, caught by
// Bubble Tea) and a build that panics (caught by the handler) each end
// their own session with a message, the terminal restored; a session
// running beside them goes on, and new ones still start.
func TestPanicEndsOnlyItsSession(t *testing.T) {
	ts := startServer(t, func(o *Options) {
		o.build = func(bo ui.BuildOptions) (*tea.Program, func(), error) {
			switch bo.Operator.User {
			case "crash-build":
				panic("build exploded")
			case "crash-update":
				p := tea.NewProgram(panicModel{}, append([]tea.ProgramOption{tea.WithContext(bo.Ctx),
					tea.WithInput(bo.Input), tea.WithOutput(bo.Output),
					tea.WithWindowSize(bo.Width, bo.Height)}, bo.Extra...)...)
				return p, func() {}, nil
			}
			return ui.Build(bo)
		}
	})
	bystander := openConsole(t, dialKey(t, ts.addr, "alice", ts.key), 100, 30)
	bystander.waitFor("Sandbox Demo", wait)

	c := openConsole(t, dialKey(t, ts.addr, "crash-update", ts.key), 80, 24)
	c.waitFor("press a key to crash", wait)
	c.press("x")
	if st := c.exitStatus(wait); st != 1 {
		t.Errorf("crash-update: status %d", st)
	}
	out := c.out.String()
	if !strings.Contains(out, "this session crashed") || !strings.Contains(out, "\x1b[?1049l") {
		t.Errorf("crash-update: no message or no terminal restore: %q", tail(out))
	}

	c = openConsole(t, dialKey(t, ts.addr, "crash-build", ts.key), 80, 24)
	if st := c.exitStatus(wait); st != 1 {
		t.Errorf("crash-build: status %d", st)
	}
	if !strings.Contains(c.text(), "this session crashed") {
		t.Errorf("crash-build: %q", c.text())
	}
	if !strings.Contains(ts.log.String(), "build exploded") {
		t.Errorf("the panic is not in the log")
	}

	bystander.press("2")
	bystander.waitFor("No sessions yet", wait)
	again := openConsole(t, dialKey(t, ts.addr, "alice", ts.key), 80, 24)
	again.waitFor("Sandbox Demo", wait)
	if n := ts.Sessions(); n != 2 {
		t.Errorf("%d sessions running, want 2", n)
	}
}

// TestIdleTimeout: a visitor who types keeps the session; one who stops
// is told and disconnected after the idle timeout.
func TestIdleTimeout(t *testing.T) {
	const idle = 700 * time.Millisecond
	ts := startServer(t, func(o *Options) { o.IdleTimeout = idle })
	c := openConsole(t, dialKey(t, ts.addr, "alice", ts.key), 80, 24)
	c.waitFor("Sandbox Demo", wait)
	// Typing for twice the timeout keeps it open.
	for i := 0; i < 7; i++ {
		c.press([]string{"2", "1"}[i%2])
		time.Sleep(idle / 4)
	}
	select {
	case err := <-c.done:
		t.Fatalf("ended while typing: %v", err)
	default:
	}
	c.exitStatus(wait)
	if !strings.Contains(c.text(), "closed after no input for 700ms") {
		t.Fatalf("no idle message: %q", tail(c.text()))
	}
}

// TestShutdownTellsSessions: Shutdown refuses new connections, shows the
// notice in each console's status line, and after the grace period ends
// the sessions with "server shutting down"; Serve returns nil.
func TestShutdownTellsSessions(t *testing.T) {
	ts := startServer(t, nil)
	c := openConsole(t, dialKey(t, ts.addr, "alice", ts.key), 120, 30)
	c.waitFor("Sandbox Demo", wait)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- ts.Shutdown(ctx) }()
	c.waitFor("The server is shutting down: this session closes in", wait)
	c.exitStatus(wait)
	if !strings.Contains(c.text(), "twilio-verify: server shutting down.") {
		t.Fatalf("no goodbye: %q", tail(c.text()))
	}
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if err := <-ts.served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if cl, err := dial(ts.addr, "alice", gossh.PublicKeys(ts.key)); err == nil {
		_ = cl.Close()
		t.Fatal("connected after Shutdown")
	}
}

// TestShutdownWithoutSessionsIsQuick: with nobody connected, Shutdown
// does not wait for the grace period.
func TestShutdownWithoutSessionsIsQuick(t *testing.T) {
	ts := startServer(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- ts.Shutdown(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(wait):
		t.Fatal("Shutdown waited with no session open")
	}
}

// TestSupportDeskMode: a live account (here a sandbox profile reached
// over HTTP, as a real account would be) is served with the visitor as
// the operator: the log records who, and neither the screen nor the log
// carries the secret.
func TestSupportDeskMode(t *testing.T) {
	const token = "supportDeskToken1234567890abcdef"
	sb, creds := deskSandbox(t, sandbox.Options{AuthToken: token})

	ts := startServer(t, func(o *Options) { o.Live, o.Creds = true, creds })
	c := openConsole(t, dialKey(t, ts.addr, "bob", ts.key), 110, 30)
	c.waitFor("Sandbox Demo", wait)
	c.waitFor("AC…"+sb.AccountSID()[30:], wait) // the profile's account
	c.press("q")
	c.exitStatus(wait)

	fp := gossh.FingerprintSHA256(ts.key.PublicKey())
	log := ts.log.String()
	if !strings.Contains(log, `msg=credentials`) || !strings.Contains(log, `operator="bob (`+fp+`)"`) || !strings.Contains(log, "profile=desk") {
		t.Errorf("the log does not record the operator on the profile:\n%s", log)
	}
	if strings.Contains(log, token) || strings.Contains(c.out.String(), token) {
		t.Error("the secret reached the log or the visitor")
	}
}

// TestSessionsShareNothing: two demo sessions get two sandboxes: a
// service created in one is not in the other.
func TestSessionsShareNothing(t *testing.T) {
	ts := startServer(t, nil)
	cl := dialKey(t, ts.addr, "alice", ts.key)
	a, b := openConsole(t, cl, 100, 30), openConsole(t, cl, 100, 30)
	a.waitFor("Sandbox Demo", wait)
	b.waitFor("Sandbox Demo", wait)
	a.press("n")
	a.waitFor("New service", wait)
	a.press("Only In A\x13") // ctrl+s saves
	a.waitFor("created service Only In A", wait)
	b.press("r")
	b.waitFor("1/1", wait)
	if strings.Contains(b.text(), "Only In A") {
		t.Fatal("session b sees session a's service")
	}
}

// TestGoroutinesReturnAfterSessions: five sessions that open, type and
// close leave no goroutine behind (sandboxes, programs, watchers).
func TestGoroutinesReturnAfterSessions(t *testing.T) {
	ts := startServer(t, nil)
	settle := func() int {
		runtime.GC()
		time.Sleep(50 * time.Millisecond)
		return runtime.NumGoroutine()
	}
	base := settle()
	var clients []*gossh.Client
	for i := 0; i < 5; i++ {
		cl, err := dial(ts.addr, fmt.Sprint("v", i), gossh.PublicKeys(ts.key))
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, cl)
		c := openConsole(t, cl, 100, 30)
		c.waitFor("Sandbox Demo", wait)
		c.press("2")
		c.waitFor("No sessions yet", wait)
		c.press("q")
		c.exitStatus(wait)
	}
	for _, cl := range clients {
		_ = cl.Close()
	}
	deadline := time.Now().Add(wait)
	n := settle()
	for n > base && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		n = settle()
	}
	if n > base {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines, %d before the sessions:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
	if ts.Sessions() != 0 {
		t.Fatalf("%d sessions still tracked", ts.Sessions())
	}
}

// TestSessionsKeepTheServersTime: a session's program counts down on the
// clock of the API it talks to (ui.Build learns it from the answers'
// Date headers) unless the server was given a clock: the default,
// time.Now, used to be handed to every session, so over SSH countdowns
// and TOTP codes followed the host's clock, skewed or not.
func TestSessionsKeepTheServersTime(t *testing.T) {
	for _, c := range []struct {
		name  string
		clock func() time.Time
	}{{"no clock given", nil}, {"a clock given", func() time.Time { return time.Unix(1e9, 0) }}} {
		t.Run(c.name, func(t *testing.T) {
			built := make(chan ui.BuildOptions, 1)
			ts := startServer(t, func(o *Options) {
				o.Clock = c.clock
				o.build = func(bo ui.BuildOptions) (*tea.Program, func(), error) {
					built <- bo
					return ui.Build(bo)
				}
			})
			openConsole(t, dialKey(t, ts.addr, "alice", ts.key), 100, 30).waitFor("Sandbox Demo", wait)
			bo := <-built
			switch {
			case c.clock == nil && bo.Clock != nil:
				t.Errorf("the session was given the host's clock (%s), not the server's", bo.Clock())
			case c.clock != nil && (bo.Clock == nil || !bo.Clock().Equal(c.clock())):
				t.Errorf("the session's clock is not the one given")
			}
		})
	}
}
