package sshserve

import (
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

const wait = 15 * time.Second

// TestAuthPublicKeyOnly: the listed key gets the console; an unlisted
// key, a password, keyboard-interactive and no authentication at all are
// refused at the handshake.
func TestAuthPublicKeyOnly(t *testing.T) {
	ts := startServer(t, nil)

	c := openConsole(t, dialKey(t, ts.addr, "alice", ts.key), 100, 30)
	c.waitFor("Sandbox Demo", wait)

	refused := map[string][]gossh.AuthMethod{
		"unlisted key": {gossh.PublicKeys(newSigner(t))},
		"password":     {gossh.Password("hunter2")},
		"keyboard-interactive": {gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return []string{"hunter2"}, nil
		})},
		"none": nil,
	}
	for name, auth := range refused {
		cl, err := dial(ts.addr, "mallory", auth...)
		if err == nil {
			_ = cl.Close()
			t.Errorf("%s: got in", name)
			continue
		}
		if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Errorf("%s: %v", name, err)
		}
		// The server offers nothing but publickey: the client finds no
		// method it can use at all.
		if name != "unlisted key" && !strings.Contains(err.Error(), "no supported methods remain") {
			t.Errorf("%s: the server offered it: %v", name, err)
		}
	}
}

// TestOpenDemoTakesAnyKeyOnly: an open demo lets any key in, and still
// no password.
func TestOpenDemoTakesAnyKeyOnly(t *testing.T) {
	ts := startServer(t, func(o *Options) { o.Allowlist, o.OpenDemo = nil, true })
	c := openConsole(t, dialKey(t, ts.addr, "visitor", newSigner(t)), 90, 25)
	c.waitFor("Sandbox Demo", wait)
	if cl, err := dial(ts.addr, "visitor", gossh.Password("x")); err == nil {
		_ = cl.Close()
		t.Fatal("a password got into the open demo")
	}
}

// TestAuthRateLimit: once an address has spent its attempts, even the
// right key is refused (the connection is dropped before the handshake),
// until tokens come back.
func TestAuthRateLimit(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	ts := startServer(t, func(o *Options) { o.AuthBurst, o.AuthEvery, o.Clock = 3, time.Minute, clock })
	for i := 0; i < 3; i++ {
		if cl, err := dial(ts.addr, "mallory", gossh.PublicKeys(newSigner(t))); err == nil {
			_ = cl.Close()
			t.Fatal("an unlisted key got in")
		}
	}
	if cl, err := dial(ts.addr, "alice", gossh.PublicKeys(ts.key)); err == nil {
		_ = cl.Close()
		t.Fatal("the listed key got in past the rate limit")
	}
	if !strings.Contains(ts.log.String(), "too many authentication attempts") {
		t.Errorf("the refusal is not logged:\n%s", ts.log.String())
	}
	// Not a timing assertion: the limiter's clock is the test's.
	ts.limiter.mu.Lock()
	now = now.Add(2 * time.Minute)
	ts.limiter.mu.Unlock()
	cl := dialKey(t, ts.addr, "alice", ts.key)
	_ = cl.Close()
}

// TestMaxAuthTriesPerConnection: one connection cannot offer key after
// key: past MaxAuthTries the server hangs up, before the listed key;
// with room for four tries the same client gets in.
func TestMaxAuthTriesPerConnection(t *testing.T) {
	for _, tries := range []int{2, 4} {
		ts := startServer(t, func(o *Options) { o.MaxAuthTries = tries })
		keys := []gossh.Signer{newSigner(t), newSigner(t), newSigner(t), ts.key}
		cl, err := dial(ts.addr, "alice", gossh.PublicKeys(keys...))
		if got := err == nil; got != (tries == 4) {
			t.Errorf("MaxAuthTries %d: got in %v (%v)", tries, got, err)
		}
		if cl != nil {
			_ = cl.Close()
		}
	}
}

// TestSessionsNeedATerminal: a session without a PTY, or with a command,
// gets a message and exit status 1, not a console.
func TestSessionsNeedATerminal(t *testing.T) {
	ts := startServer(t, nil)
	cl := dialKey(t, ts.addr, "alice", ts.key)

	s, err := cl.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.CombinedOutput("")
	if err == nil || !strings.Contains(string(out), "connect with ssh -t") {
		t.Errorf("no PTY: %v %q", err, out)
	}

	s, err = cl.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm", 24, 80, nil); err != nil {
		t.Fatal(err)
	}
	out, err = s.CombinedOutput("cat /etc/passwd")
	if err == nil || !strings.Contains(string(out), "runs no commands") {
		t.Errorf("command: %v %q", err, out)
	}
}
