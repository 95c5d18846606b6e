package sshserve_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

const wait = 20 * time.Second

// codeInOutbox is a delivered code on the outbox line.
var codeInOutbox = regexp.MustCompile(`✉ code \d{4,10} · \+14155550100 sms`)

// TestE2EServeOverOpenSSH drives `twilio-verify serve` with the real
// OpenSSH client in tmux: an authorised key gets the console, switches
// views, follows a window resize; two sessions on one demo server do not
// see each other's sessions or outbox; past --max-sessions a visitor is
// told the server is full; q (after the pending-verification question)
// ends a session with status 0; SIGTERM tells the remaining session and
// closes it after the grace period; the debug log and the audit trail
// name the operator.
func TestE2EServeOverOpenSSH(t *testing.T) {
	sshPath := requireOpenSSH(t)
	bin := tmuxtest.Build(t, tmuxtest.ConsolePackage)
	dir := t.TempDir()
	alice := keygen(t, dir, "alice")
	logPath := filepath.Join(dir, "serve.log")
	state := t.TempDir()
	srv, out := startServe(t, bin, []string{"TWILIO_VERIFY_STATE_DIR=" + state}, "--authorized-keys", alice+".pub", "--max-sessions", "2",
		"--shutdown-grace", "3s", "--log", logPath)
	if srv == nil {
		t.Fatalf("serve did not start:\n%s", out)
	}

	// The console, a view switch, a resize.
	one := srv.visit(sshPath, alice, "alice", 100, 30)
	one.WaitFor("Sandbox Demo", wait)
	one.SendKeys("2")
	one.WaitFor("No sessions yet", wait)
	if top := firstLine(one.Screen()); utf8.RuneCountInString(top) != 100 || !strings.HasSuffix(top, "twilio-verify") {
		t.Fatalf("at 100 columns the tab bar is %q", top)
	}
	one.Resize(72, 20)
	one.WaitUntil(func(sc string) bool {
		top := firstLine(sc)
		rows := strings.Split(sc, "\n")
		// The tab bar spans the new width; the help line is the 20th row.
		return utf8.RuneCountInString(top) == 72 && strings.HasSuffix(top, "twilio-verify") &&
			len(rows) == 20 && strings.HasPrefix(rows[19], "n new session")
	}, wait, "the layout at 72×20")
	one.Resize(100, 30)
	one.WaitUntil(func(sc string) bool { return utf8.RuneCountInString(firstLine(sc)) == 100 }, wait, "the layout back at 100 columns")

	// A second visitor: their own sandbox.
	two := srv.visit(sshPath, alice, "alice", 100, 30)
	two.WaitFor("Sandbox Demo", wait)
	two.SendKeys("2")
	two.WaitFor("No sessions yet", wait)

	one.SendKeys("n")
	one.WaitFor("New session", wait)
	one.Type("+14155550100")
	one.WaitFor("valid number", wait)
	one.SendKeys("Enter")
	one.WaitFor("PENDING", wait)
	one.WaitUntil(codeInOutbox.MatchString, wait, "the code on session one's outbox line")
	// Two outbox polls (1.5 s each) later, session two still has none.
	time.Sleep(3500 * time.Millisecond)
	sc := two.Screen()
	if !strings.Contains(sc, "✉ outbox: empty") || !strings.Contains(sc, "No sessions yet") || strings.Contains(sc, "+14155550100") {
		t.Fatalf("session two sees session one's verification:\n%s", sc)
	}

	// The third visitor is one too many.
	three := srv.visit(sshPath, alice, "alice", 100, 30)
	three.WaitFor("sorry, the server is full (2 sessions at once); please try again in a few minutes.", wait)
	three.WaitExit(wait)
	if st := three.ExitStatus(); st != 1 {
		t.Errorf("refused visitor: ssh exit %d", st)
	}

	// q asks about the pending verification; y ends the session cleanly.
	one.SendKeys("Escape")
	one.WaitGone("Code ›", wait)
	one.SendKeys("q")
	one.WaitFor("A verification is still pending", wait)
	one.SendKeys("y")
	one.WaitExit(wait)
	if st := one.ExitStatus(); st != 0 {
		t.Errorf("quit: ssh exit %d; screen:\n%s", st, one.Screen())
	}

	// SIGTERM: session two is told, then closed after the grace period.
	code, out := srv.stop(syscall.SIGTERM, 30*time.Second)
	two.WaitExit(wait)
	sc = two.Screen()
	if !strings.Contains(sc, "twilio-verify: server shutting down.") {
		t.Errorf("session two was not told:\n%s", sc)
	}
	if code != 0 || !strings.Contains(out, "Shutting down: 1 session(s) get 3s to finish") {
		t.Errorf("serve: exit %d\n%s", code, out)
	}

	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if want := `operator="alice (` + fingerprint(t, alice+".pub") + `)"`; !strings.Contains(string(log), want) {
		t.Errorf("the log lacks %s:\n%s", want, log)
	}
	if !strings.Contains(string(log), "ssh server shutting down") {
		t.Errorf("the log lacks the shutdown")
	}
	// The audit trail names the visitor and their key.
	trail, err := os.ReadFile(filepath.Join(state, "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := `"operator":"alice","key_fingerprint":"` + fingerprint(t, alice+".pub") + `"`
	if !strings.Contains(string(trail), want) || !strings.Contains(string(trail), `"action":"verification.start"`) {
		t.Errorf("the audit trail lacks the visitor's send (%s):\n%s", want, trail)
	}
}

// TestE2EServeRefusesOpenSSH: an unknown key, and a client that will only
// use a password or keyboard-interactive, are turned away by the real
// OpenSSH client's own account of it: the server offers publickey alone,
// and no password prompt ever appears.
func TestE2EServeRefusesOpenSSH(t *testing.T) {
	sshPath := requireOpenSSH(t)
	bin := tmuxtest.Build(t, tmuxtest.ConsolePackage)
	dir := t.TempDir()
	alice, stranger := keygen(t, dir, "alice"), keygen(t, dir, "stranger")
	srv, out := startServe(t, bin, nil, "--authorized-keys", alice+".pub")
	if srv == nil {
		t.Fatalf("serve did not start:\n%s", out)
	}

	s := srv.visit(sshPath, stranger, "mallory", 100, 10)
	s.WaitFor("Permission denied (publickey)", wait)
	s.WaitExit(wait)
	if st := s.ExitStatus(); st != 255 {
		t.Errorf("unknown key: ssh exit %d", st)
	}

	s = srv.visit(sshPath, alice, "mallory", 100, 10,
		"-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "NumberOfPasswordPrompts=1",
		"-o", "PubkeyAuthentication=no")
	s.WaitFor("Permission denied (publickey)", wait)
	s.WaitExit(wait)
	if sc := s.Screen(); strings.Contains(strings.ToLower(sc), "password:") {
		t.Errorf("a password was asked for:\n%s", sc)
	}
	if st := s.ExitStatus(); st != 255 {
		t.Errorf("password: ssh exit %d", st)
	}
	if code, out := srv.stop(syscall.SIGINT, 30*time.Second); code != 0 {
		t.Errorf("serve: exit %d\n%s", code, out)
	}
}

// TestE2EServeHostKey: the host key is created once in the state dir
// (mode 0600), the same key is served after a restart, and a key file
// others may read is refused with a clear error.
func TestE2EServeHostKey(t *testing.T) {
	bin := tmuxtest.Build(t, tmuxtest.ConsolePackage)
	state := t.TempDir()
	env := []string{"TWILIO_VERIFY_STATE_DIR=" + state}
	key := filepath.Join(state, "ssh_host_ed25519_key")

	var prints []string
	for i := 0; i < 2; i++ {
		srv, out := startServe(t, bin, env, "--open-demo")
		if srv == nil {
			t.Fatalf("start %d:\n%s", i+1, out)
		}
		prints = append(prints, srv.hostKey)
		if code, out := srv.stop(syscall.SIGTERM, 30*time.Second); code != 0 {
			t.Fatalf("stop %d: exit %d\n%s", i+1, code, out)
		}
	}
	if prints[0] != prints[1] {
		t.Fatalf("host key changed across restarts: %s then %s", prints[0], prints[1])
	}
	fi, err := os.Stat(key)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key file: %v %v", fi, err)
	}
	if got := fingerprint(t, key); got != prints[0] {
		t.Fatalf("served %s, the file is %s", prints[0], got)
	}

	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	srv, out := startServe(t, bin, env, "--open-demo")
	if srv != nil {
		t.Fatalf("served with a 0644 host key:\n%s", out)
	}
	if !strings.Contains(out, "mode 0644") || !strings.Contains(out, "chmod 600") {
		t.Fatalf("unclear refusal:\n%s", out)
	}
}
