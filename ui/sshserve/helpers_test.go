package sshserve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui"
)

// newSigner is a fresh ed25519 key.
func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// allowlistOf lists the signers' public keys.
func allowlistOf(t testing.TB, signers ...gossh.Signer) *Allowlist {
	t.Helper()
	var b bytes.Buffer
	for _, s := range signers {
		b.Write(gossh.MarshalAuthorizedKey(s.PublicKey()))
	}
	a, err := ParseAllowlist(b.Bytes(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// SyncBuffer is a bytes.Buffer safe for concurrent writers and readers
// (exported for this package's external tests).
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a running server on 127.0.0.1:0 with one allowed user
// key and a debug log in memory.
type testServer struct {
	*Server
	addr string
	key  gossh.Signer
	log  *SyncBuffer
	// served is Serve's result once it returns.
	served chan error
}

// startServer serves an allowlisted demo (unless edit changes o) until
// the test ends.
func startServer(t testing.TB, edit func(*Options)) *testServer {
	t.Helper()
	ts := &testServer{key: newSigner(t), log: &SyncBuffer{}, served: make(chan error, 1)}
	o := Options{HostKey: newSigner(t), Logger: ui.NewLogger(ts.log)}
	o.Allowlist = allowlistOf(t, ts.key)
	if edit != nil {
		edit(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Server, ts.addr = srv, ln.Addr().String()
	go func() { ts.served <- srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ts
}

// dial connects as user with the given auth methods.
func dial(addr, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: user, Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
}

// dialKey connects as user with one key, failing the test on error.
func dialKey(t testing.TB, addr, user string, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := dial(addr, user, gossh.PublicKeys(key))
	if err != nil {
		t.Fatalf("dial as %s: %v", user, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// console is one interactive session seen from the client: a PTY, the
// output kept for polling.
type console struct {
	t     testing.TB
	sess  *gossh.Session
	stdin io.WriteCloser
	out   *SyncBuffer
	done  chan error
}

// openConsole starts a shell session on c with a w×h PTY and env.
func openConsole(t testing.TB, c *gossh.Client, w, h int, env ...string) *console {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &SyncBuffer{}
	sess.Stdout, sess.Stderr = out, out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	cs := &console{t: t, sess: sess, stdin: in, out: out, done: make(chan error, 1)}
	go func() { cs.done <- sess.Wait() }()
	t.Cleanup(func() { _ = sess.Close() })
	return cs
}

// text is everything the session printed, escape sequences removed.
func (c *console) text() string { return ansi.Strip(c.out.String()) }

// waitFor polls the output until it contains s.
func (c *console) waitFor(s string, timeout time.Duration) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for !strings.Contains(c.text(), s) {
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out after %v waiting for %q; output:\n%s", timeout, s, tail(c.text()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// press types keys.
func (c *console) press(keys string) {
	c.t.Helper()
	if _, err := io.WriteString(c.stdin, keys); err != nil {
		c.t.Fatalf("press %q: %v", keys, err)
	}
}

// exitStatus waits for the session to end and returns its exit status.
func (c *console) exitStatus(timeout time.Duration) int {
	c.t.Helper()
	select {
	case err := <-c.done:
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		}
		c.t.Fatalf("session ended without a status: %v", err)
	case <-time.After(timeout):
		c.t.Fatalf("session still running after %v; output:\n%s", timeout, tail(c.text()))
	}
	return -1
}

// tail is the end of a long output, for failure messages.
func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}

// deskSandbox is a sandbox on loopback (stopped by t.Cleanup) and the
// credentials of a saved profile "desk" pointing at it, for support desk
// mode; o must carry the auth token.
func deskSandbox(t testing.TB, o sandbox.Options) (*sandbox.Sandbox, keyring.Credentials) {
	t.Helper()
	sb, err := sandbox.New(o)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := sandbox.Listen(sb, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = hs.Close() })
	return sb, keyring.Credentials{Source: keyring.SourceFlag, Profile: keyring.Profile{Name: "desk"},
		AccountSID: sb.AccountSID(), AuthToken: o.AuthToken, BaseURL: hs.URL()}
}
