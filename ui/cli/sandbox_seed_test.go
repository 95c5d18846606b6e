package cli

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serveSandboxCmd runs `twilio-verify sandbox --addr 127.0.0.1:0 args…`
// until cancel, and returns the base URL it printed, its output, and the
// channel its end arrives on.
func serveSandboxCmd(t *testing.T, args ...string) (base string, out *syncBuffer, cancel context.CancelFunc, done chan error) {
	t.Helper()
	root := newRootCmd(testVersion)
	out = &syncBuffer{}
	root.SetOut(out)
	root.SetErr(out)
	root.SetArgs(append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...))
	ctx, cancel := context.WithCancel(context.Background())
	done = make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	urlRE := regexp.MustCompile(`Base URL\s+(http://127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("no base URL printed:\n%s", out.String())
	}
	return base, out, cancel, done
}

// stopSandboxCmd cancels a command started by serveSandboxCmd and waits
// for it to return.
func stopSandboxCmd(t *testing.T, cancel context.CancelFunc, done chan error) {
	t.Helper()
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Error("sandbox did not shut down")
	}
}

func TestSandboxCmdSeedsAttempts(t *testing.T) {
	sid, token := "AC"+strings.Repeat("2", 32), "seedtoken7"
	base, _ := startSandboxCmd(t, "--account-sid", sid, "--auth-token", token, "--seed-attempts", "250")
	code, body := sandboxCall(t, "GET", base+"/v2/Attempts/Summary", sid, token, "")
	if code != 200 || !strings.Contains(string(body), `"total_attempts":250`) {
		t.Fatalf("summary after --seed-attempts 250: %d %s", code, body)
	}
}
