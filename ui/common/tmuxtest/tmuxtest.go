// Package tmuxtest drives a real binary inside tmux for end-to-end tests:
// build the binary once per test binary, start it in a private tmux
// server at a given size, send keys, and poll the screen with
// capture-pane.
//
//	bin := tmuxtest.Build(t, "./testdata/echoapp")
//	s := tmuxtest.Start(t, tmuxtest.Options{Binary: bin, Width: 100, Height: 30})
//	// or, for the console on its sandbox in a clean environment:
//	s = tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox"}, Width: 100, Height: 30})
//	s.WaitFor("Sandbox Demo", 5*time.Second)
//	s.Type("hello"); s.SendKeys("Enter")
//
// Tests skip when tmux is missing, unless TWILIO_VERIFY_REQUIRE_INTEGRATION=1,
// when a missing tmux fails the test.
package tmuxtest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// RequireEnv is the variable that turns skips into failures.
const RequireEnv = "TWILIO_VERIFY_REQUIRE_INTEGRATION"

// Require skips (or, under TWILIO_VERIFY_REQUIRE_INTEGRATION=1, fails) the
// test when tmux is not installed, and returns its path.
func Require(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("tmux")
	if err != nil {
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("tmux is required (%s=1): %v", RequireEnv, err)
		}
		t.Skipf("tmux not installed: %v", err)
	}
	return p
}

// builds caches one build per package path for the life of the test
// binary. It is test-helper state, never used by the program itself.
var builds struct {
	sync.Mutex
	dir  string
	bins map[string]string
}

// Main runs a package's tests and then removes the binaries Build made
// (tens of megabytes each): call it from TestMain in every package that
// uses Build, or each test run leaves them in the temp dir.
func Main(m *testing.M) int {
	code := m.Run()
	builds.Lock()
	defer builds.Unlock()
	if builds.dir != "" {
		_ = os.RemoveAll(builds.dir)
		builds.dir, builds.bins = "", nil
	}
	return code
}

// Build compiles the main package pkg (an import path, or "." style path
// relative to the test's working directory) once per test binary and
// returns the binary's path. Packages that call it must run their tests
// through Main, which removes the binaries afterwards.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	builds.Lock()
	defer builds.Unlock()
	if b, ok := builds.bins[pkg]; ok {
		return b
	}
	if builds.dir == "" {
		d, err := os.MkdirTemp("", "tmuxtest-bin-")
		if err != nil {
			t.Fatalf("tmuxtest: %v", err)
		}
		builds.dir = d
		builds.bins = map[string]string{}
	}
	out := filepath.Join(builds.dir, fmt.Sprintf("bin%d", len(builds.bins)))
	cmd := exec.Command("go", "build", "-o", out, pkg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tmuxtest: go build %s: %v\n%s", pkg, err, stderr.String())
	}
	builds.bins[pkg] = out
	return out
}

// Options say what to start and how big the terminal is.
type Options struct {
	Binary string
	Args   []string
	// Env is added to the program's environment (TERM is xterm-256color
	// unless set here).
	Env []string
	// Dir is the working directory ("" = a fresh temp dir).
	Dir string
	// Width and Height default to 80×24.
	Width, Height int
}

// Session is one program running in a private tmux server.
type Session struct {
	t      testing.TB
	tmux   string
	socket string
	// socketPath is the server's socket file, removed on Close (tmux
	// leaves it behind after kill-server).
	socketPath string
	closed     bool
}

// Start runs the binary in a new private tmux server (its own socket, so
// parallel tests and the user's tmux never meet) and registers Close as
// a cleanup.
func Start(t testing.TB, o Options) *Session {
	t.Helper()
	tm := Require(t)
	if o.Width == 0 {
		o.Width = 80
	}
	if o.Height == 0 {
		o.Height = 24
	}
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	s := &Session{t: t, tmux: tm, socket: fmt.Sprintf("tmuxtest-%d-%d", os.Getpid(), time.Now().UnixNano())}
	env := []string{"TERM=xterm-256color"}
	env = append(env, o.Env...)
	var sh strings.Builder
	sh.WriteString("cd " + shellQuote(o.Dir) + " && env")
	for _, e := range env {
		sh.WriteString(" " + shellQuote(e))
	}
	sh.WriteString(" " + shellQuote(o.Binary))
	for _, a := range o.Args {
		sh.WriteString(" " + shellQuote(a))
	}
	// The shell waits for the program and prints its exit status; tmux's
	// own pane_dead_status is unreliable here (it may never reap the
	// child). The pane then stays open until Close.
	sh.WriteString(`; st=$?; printf '\n` + exitMarker + `%d\n' "$st"; exec sleep 86400`)
	s.run("-f", "/dev/null", "new-session", "-d", "-s", "T",
		"-x", fmt.Sprint(o.Width), "-y", fmt.Sprint(o.Height), sh.String())
	s.socketPath = strings.TrimSpace(s.run("display-message", "-p", "#{socket_path}"))
	t.Cleanup(s.Close)
	return s
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// run runs a tmux command on the private socket and fails the test on error.
func (s *Session) run(args ...string) string {
	s.t.Helper()
	out, err := s.try(args...)
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (s *Session) try(args ...string) (string, error) {
	cmd := exec.Command(s.tmux, append([]string{"-L", s.socket}, args...)...)
	cmd.Env = append(os.Environ(), "TMUX=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// SendKeys sends tmux key names ("Enter", "Escape", "C-s", "Tab", "BTab",
// "Up") or literal single characters, each as one key press.
func (s *Session) SendKeys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.run("send-keys", "-t", "T", k)
	}
}

// Resize changes the window's size, as a user dragging the terminal:
// the program sees SIGWINCH (or, over SSH, a window-change request).
func (s *Session) Resize(width, height int) {
	s.t.Helper()
	s.run("resize-window", "-t", "T", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height))
}

// Type sends text literally, as typed characters.
func (s *Session) Type(text string) {
	s.t.Helper()
	s.run("send-keys", "-t", "T", "-l", text)
}

// Click presses and releases the left mouse button at column x, row y
// (0-based), as an xterm reports it in SGR mode; the program must have
// turned mouse reporting on.
func (s *Session) Click(x, y int) {
	s.t.Helper()
	s.run("send-keys", "-t", "T", "-l", fmt.Sprintf("\x1b[<0;%d;%dM\x1b[<0;%d;%dm", x+1, y+1, x+1, y+1))
}

// Screen returns the visible pane as plain text (no ANSI), one line per
// row, trailing spaces trimmed.
func (s *Session) Screen() string {
	s.t.Helper()
	out, err := s.try("capture-pane", "-p", "-t", "T")
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// WaitFor polls the screen every 100 ms until it contains text, and
// returns that screen. It fails the test, printing the last screen, on
// timeout.
func (s *Session) WaitFor(text string, timeout time.Duration) string {
	s.t.Helper()
	return s.WaitUntil(func(sc string) bool { return strings.Contains(sc, text) }, timeout, fmt.Sprintf("%q", text))
}

// WaitGone polls until text is no longer on screen.
func (s *Session) WaitGone(text string, timeout time.Duration) string {
	s.t.Helper()
	return s.WaitUntil(func(sc string) bool { return !strings.Contains(sc, text) }, timeout, fmt.Sprintf("%q to disappear", text))
}

// WaitUntil polls the screen every 100 ms until ok returns true.
func (s *Session) WaitUntil(ok func(screen string) bool, timeout time.Duration, what string) string {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		sc := s.Screen()
		if ok(sc) {
			return sc
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("tmuxtest: timed out after %v waiting for %s; screen:\n%s", timeout, what, sc)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// exitMarker precedes the exit status the wrapper shell prints.
const exitMarker = "__tmuxtest_exit="

var exitRe = regexp.MustCompile(exitMarker + `(\d+)`)

// exitStatus is the program's exit status once it has ended.
func (s *Session) exitStatus() (int, bool) {
	out, err := s.try("capture-pane", "-p", "-t", "T")
	if err != nil {
		return -1, true // the server is gone
	}
	m := exitRe.FindStringSubmatch(out)
	if m == nil {
		return -1, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, true
}

// Exited reports whether the program has ended.
func (s *Session) Exited() bool {
	_, done := s.exitStatus()
	return done
}

// WaitExit polls until the program ends, failing the test on timeout.
func (s *Session) WaitExit(timeout time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for !s.Exited() {
		if time.Now().After(deadline) {
			s.t.Fatalf("tmuxtest: program still running after %v; screen:\n%s", timeout, s.Screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// ExitStatus is the program's exit status once it has ended (-1 before).
func (s *Session) ExitStatus() int {
	n, _ := s.exitStatus()
	return n
}

// Close kills the private tmux server (and the program in it). It is safe
// to call twice.
func (s *Session) Close() {
	if s.closed {
		return
	}
	s.closed = true
	_, _ = s.try("kill-server")
	if s.socketPath != "" {
		_ = os.Remove(s.socketPath)
	}
}

// ScreenANSI returns the visible pane with its colours and styles (ANSI
// escape sequences), for screenshots.
func (s *Session) ScreenANSI() string {
	s.t.Helper()
	return s.run("capture-pane", "-e", "-p", "-t", "T")
}
