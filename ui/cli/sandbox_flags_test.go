package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startSandboxCmd runs `sandbox --addr 127.0.0.1:0 args…` in-process until
// the test ends and returns its base URL and everything it printed so far.
func startSandboxCmd(t *testing.T, args ...string) (base string, out *syncBuffer) {
	t.Helper()
	base, out, cancel, done := serveSandboxCmd(t, args...)
	t.Cleanup(func() { stopSandboxCmd(t, cancel, done) })
	return base, out
}

// The auth token can come from a file or $TWILIO_AUTH_TOKEN, and then it
// is used but never printed.
func TestSandboxCmdAuthTokenOffCommandLine(t *testing.T) {
	sid := "AC" + strings.Repeat("3", 32)
	file := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(file, []byte("fileToken31\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TWILIO_AUTH_TOKEN", "envToken32")
	for _, tt := range []struct {
		name, token, source string
		args                []string
	}{
		{"file", "fileToken31", "from file " + file, []string{"--auth-token-file", file}},
		{"environment", "envToken32", "from $TWILIO_AUTH_TOKEN", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			base, out := startSandboxCmd(t, append([]string{"--account-sid", sid, "--empty"}, tt.args...)...)
			if strings.Contains(out.String(), tt.token) || !strings.Contains(out.String(), tt.source) {
				t.Fatalf("banner:\n%s", out.String())
			}
			if code, _ := sandboxCall(t, "GET", base+"/v2/Services", sid, tt.token, ""); code != 200 {
				t.Fatalf("the %s token was refused: %d", tt.name, code)
			}
		})
	}
	// --auth-token still wins over the environment, and printing it is fine.
	base, out := startSandboxCmd(t, "--account-sid", sid, "--auth-token", "flagToken33")
	if code, _ := sandboxCall(t, "GET", base+"/v2/Services", sid, "flagToken33", ""); code != 200 || !strings.Contains(out.String(), "flagToken33") {
		t.Fatalf("--auth-token: %d\n%s", code, out.String())
	}
	for _, args := range [][]string{
		{"sandbox", "--auth-token", "a1", "--auth-token-file", file},
		{"sandbox", "--addr", "127.0.0.1:0", "--auth-token-file", filepath.Join(t.TempDir(), "missing")},
	} {
		if r := execCLI(t, "", args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
}

// --manual-clock freezes the clock until POST /sandbox/v1/Clock moves it.
func TestSandboxCmdManualClock(t *testing.T) {
	sid, token := "AC"+strings.Repeat("4", 32), "clockToken34"
	base, out := startSandboxCmd(t, "--account-sid", sid, "--auth-token", token, "--manual-clock")
	if !strings.Contains(out.String(), "Clock        manual: ") {
		t.Fatalf("banner:\n%s", out.String())
	}
	now := func(method, body string) string {
		t.Helper()
		code, b := sandboxCall(t, method, base+"/sandbox/v1/Clock", sid, token, body)
		var c struct{ Now string }
		if code != 200 || json.Unmarshal(b, &c) != nil {
			t.Fatalf("clock: %d %s", code, b)
		}
		return c.Now
	}
	// That the frozen clock stays put is the sandbox package's test
	// (TestManualClockOption); here: the flag reaches it, and it moves
	// exactly as told.
	first := now("GET", "")
	t0, _ := time.Parse(time.RFC3339, first)
	if moved := now("POST", `{"advance_seconds":600}`); moved != t0.Add(10*time.Minute).Format(time.RFC3339) {
		t.Fatalf("advance: %s → %s", first, moved)
	}
}
