package cli

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestSandboxCmdBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"sandbox", "--bogus"},
		{"sandbox", "--account-sid", "ACnope"},
		{"sandbox", "--auth-token", "not/alnum"},
		{"sandbox", "--addr", "nohostport"},
		{"sandbox", "--seed-attempts", "-1"},
		{"sandbox", "--events-url", "http://example.com/events"},
		{"sandbox", "--events-url", "not a url"},
		{"sandbox", "--ca-cert", "ca.pem"},
		{"sandbox", "extra-arg"},
	} {
		r := execCLI(t, "", args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
		// The usage is printed once, whichever check refused the line.
		if n := strings.Count(r.stderr, "Usage:"); n != 1 {
			t.Errorf("%v: usage printed %d times:\n%s", args, n, r.stderr)
		}
	}
	// A bad argument count deeper in the tree is a usage error too.
	if r := execCLI(t, "", "profiles", "default"); r.code != 2 || strings.Count(r.stderr, "Usage:") != 1 {
		t.Errorf("profiles default: exit %d\n%s", r.code, r.stderr)
	}
	corrupt := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(corrupt, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"sandbox", "--addr", "127.0.0.1:0", "--state", corrupt}); code != 1 {
		t.Errorf("corrupt state: exit %d, want 1", code)
	}
}

func TestSandboxCmdServesUntilCancelled(t *testing.T) {
	sid, token := "AC"+strings.Repeat("1", 32), "cmdtoken42"
	base, out, cancel, done := serveSandboxCmd(t, "--account-sid", sid, "--auth-token", token, "--empty")
	for _, want := range []string{sid, token, "NewApiServiceWithClient", "+14155550104", "+14155550105", "bounce@example.com"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q", want)
		}
	}
	if code, body := sandboxCall(t, "GET", base+"/v2/Services", sid, token, ""); code != 200 || !strings.Contains(string(body), `"services":[]`) {
		t.Fatalf("GET /v2/Services with --empty: %d %s", code, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sandbox did not shut down")
	}
	if _, err := http.Get(base + "/v2/Services"); err == nil {
		t.Fatal("still serving after shutdown")
	}
}

// sandboxCall makes one request with HTTP Basic credentials (a form body
// when body is not empty) and returns the status and the body.
func sandboxCall(t *testing.T, method, url, user, pass, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(user, pass)
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestVersionCmd(t *testing.T) {
	r := execCLI(t, "", "version")
	if r.code != 0 || r.stdout != "twilio-verify "+testVersion+"\n" {
		t.Fatalf("version: exit %d %q", r.code, r.stdout)
	}
	if r := execCLI(t, "", "version", "--bogus"); r.code != 2 {
		t.Fatalf("version --bogus: exit %d", r.code)
	}
}
