package cli

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSandboxCmdSeedsAttempts(t *testing.T) {
	sid, token := "AC"+strings.Repeat("2", 32), "seedtoken7"
	root := newRootCmd(testVersion)
	var out syncBuffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs([]string{"sandbox", "--addr", "127.0.0.1:0", "--account-sid", sid, "--auth-token", token, "--seed-attempts", "250"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("sandbox did not shut down")
		}
	}()
	urlRE := regexp.MustCompile(`Base URL\s+(http://127\.0\.0\.1:\d+)`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if base == "" {
		t.Fatalf("no base URL printed:\n%s", out.String())
	}
	code, body := sandboxCall(t, "GET", base+"/v2/Attempts/Summary", sid, token, "")
	if code != 200 || !strings.Contains(string(body), `"total_attempts":250`) {
		t.Fatalf("summary after --seed-attempts 250: %d %s", code, body)
	}
}
