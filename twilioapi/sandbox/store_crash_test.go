package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// helperStateEnv names the state file of a sandbox served by this test
// binary in a child process (TestStoreHelperProcess).
const helperStateEnv = "SANDBOX_TEST_HELPER_STATE"

// Credentials of the child sandboxes.
const (
	helperAccount = "AC0123456789abcdef0123456789abcdef"
	helperToken   = "helpertoken1"
)

// TestStoreHelperProcess is not a test: run as a child with helperStateEnv
// set, it serves a sandbox on that state file, prints its URL and serves
// until killed.
func TestStoreHelperProcess(t *testing.T) {
	path := os.Getenv(helperStateEnv)
	if path == "" {
		t.Skip("runs only as a child process")
	}
	sb, err := New(Options{StatePath: path, AccountSID: helperAccount, AuthToken: helperToken})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	srv, err := Listen(sb, "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	fmt.Println(srv.URL())
	select {}
}

// child is a sandbox served by a child process.
type child struct {
	cmd    *exec.Cmd
	url    string
	stderr strings.Builder
}

// startChild runs a sandbox on path in a child process; with wantURL it
// waits for the URL, otherwise for the process to exit.
func startChild(t *testing.T, path string, wantURL bool) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^TestStoreHelperProcess$")}
	c.cmd.Env = append(os.Environ(), helperStateEnv+"="+path)
	c.cmd.Stderr = &c.stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if !wantURL {
		return c
	}
	if err != nil || !strings.HasPrefix(line, "http://") {
		_ = c.cmd.Wait()
		t.Fatalf("child sandbox: %q %v; stderr: %s", line, err, c.stderr.String())
	}
	c.url = strings.TrimSpace(line)
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return c
}

// acked is what the sandbox acknowledged to the clients: every
// verification it answered 201 for, and those it answered approved.
type acked struct {
	mu       sync.Mutex
	started  map[string]string // VE sid → To
	approved map[string]bool
}

// load runs clients concurrent clients against url until ctx ends, each
// starting verifications for new numbers and checking half of them with
// the right code (read from the outbox over HTTP).
func load(ctx context.Context, url string, clients int, next *atomic.Int64, a *acked) {
	hc := &http.Client{Timeout: 5 * time.Second}
	demo := demoOf(ctx, hc, url)
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				n := next.Add(1)
				to := fmt.Sprintf("+1500%03d%04d", 200+n/10000, n%10000)
				var v struct{ Sid, Status string }
				if postForm(ctx, hc, url, "/v2/Services/"+demo+"/Verifications", "Channel=sms&To="+escape(to), &v) != 201 {
					continue
				}
				a.mu.Lock()
				a.started[v.Sid] = to
				a.mu.Unlock()
				if n%2 == 1 {
					continue
				}
				code := outboxCode(ctx, hc, url, to)
				var c struct{ Status string }
				if postForm(ctx, hc, url, "/v2/Services/"+demo+"/VerificationCheck", "To="+escape(to)+"&Code="+code, &c) == 200 && c.Status == "approved" {
					a.mu.Lock()
					a.approved[v.Sid] = true
					a.mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
}

// TestStoreSurvivesKill9: a sandbox killed with SIGKILL under load, over
// and over, loses nothing it acknowledged and leaves nothing but its state
// file behind; a second sandbox on the same file meanwhile is refused.
func TestStoreSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	a := &acked{started: map[string]string{}, approved: map[string]bool{}}
	var next atomic.Int64
	for round := range 4 {
		c := startChild(t, path, true)
		if round == 0 {
			second := startChild(t, path, false)
			err := second.cmd.Wait()
			if err == nil || !strings.Contains(second.stderr.String(), "is in use by another sandbox") {
				t.Fatalf("second sandbox on the same file: %v, stderr %q", err, second.stderr.String())
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { load(ctx, c.url, 8, &next, a); close(done) }()
		time.Sleep(time.Duration(150+round*70) * time.Millisecond)
		_ = c.cmd.Process.Signal(syscall.SIGKILL) // in the middle of the load
		_ = c.cmd.Wait()
		cancel()
		<-done
		wantOnlyFiles(t, dir, "state.db")
	}

	s, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if len(a.started) < 50 || len(a.approved) < 20 {
		t.Fatalf("too little load to prove anything: %d started, %d approved", len(a.started), len(a.approved))
	}
	for sid, to := range a.started {
		v, ok := s.st.Verifications[sid]
		if !ok || v.To != to {
			t.Fatalf("acknowledged verification %s to %s lost after kill -9", sid, to)
		}
		if a.approved[sid] && v.Status != statusApproved {
			t.Fatalf("acknowledged approval of %s lost: %s", sid, v.Status)
		}
	}
	t.Logf("%d verifications and %d approvals acknowledged across 4 kills, all kept", len(a.started), len(a.approved))
}

// postForm POSTs a form to the child sandbox and decodes its answer into
// out; it returns the status (0 on a transport error).
func postForm(ctx context.Context, hc *http.Client, base, path, body string, out any) int {
	req, err := http.NewRequestWithContext(ctx, "POST", base+path, strings.NewReader(body))
	if err != nil {
		return 0
	}
	req.SetBasicAuth(helperAccount, helperToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return doJSON(hc, req, out)
}

func doJSON(hc *http.Client, req *http.Request, out any) int {
	resp, err := hc.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || json.Unmarshal(b, out) != nil {
		return 0
	}
	return resp.StatusCode
}

// demoOf is the SID of the child's demo service.
func demoOf(ctx context.Context, hc *http.Client, base string) string {
	var list struct{ Services []struct{ Sid string } }
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/v2/Services", nil)
	req.SetBasicAuth(helperAccount, helperToken)
	if doJSON(hc, req, &list) != 200 || len(list.Services) == 0 {
		return "VA-unknown"
	}
	return list.Services[0].Sid
}

// outboxCode is the newest code delivered to to.
func outboxCode(ctx context.Context, hc *http.Client, base, to string) string {
	var m struct{ Messages []struct{ Code string } }
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/sandbox/v1/Messages?To="+escape(to), nil)
	req.SetBasicAuth(helperAccount, helperToken)
	if doJSON(hc, req, &m) != 200 || len(m.Messages) == 0 {
		return "0000"
	}
	return m.Messages[0].Code
}

func escape(s string) string { return url.QueryEscape(s) }
