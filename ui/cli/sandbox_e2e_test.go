package cli

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// buildBinary builds the twilio-verify binary (the module's main package)
// once per test run (tmuxtest.Build caches and, through TestMain, removes
// it).
func buildBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	return tmuxtest.Build(t, tmuxtest.ConsolePackage)
}

// TestSandboxBinaryStopsOnSignal runs the real `twilio-verify sandbox`,
// changes its state over HTTP, then sends SIGTERM (and, separately,
// SIGINT): the process must shut down gracefully with exit code 0, leave
// a private state file without the auth token, and a restart on that file
// must find the change.
func TestSandboxBinaryStopsOnSignal(t *testing.T) {
	bin := buildBinary(t)
	const sid, token = "AC0123456789abcdef0123456789abcdef", "sigtermToken42"
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			state := filepath.Join(t.TempDir(), "state.json")
			base, stop := startSandboxBinary(t, bin, "--state", state, "--account-sid", sid, "--auth-token", token)
			if code, _ := sandboxCall(t, "POST", base+"/v2/Services", sid, token, "FriendlyName=Survives+restart"); code != 201 {
				t.Fatalf("create service: %d", code)
			}

			code, out := stop(sig)
			if code != 0 || !strings.Contains(out, "Shutting down") {
				t.Fatalf("after %v: exit %d\n%s", sig, code, out)
			}
			if _, err := http.Get(base + "/v2/Services"); err == nil {
				t.Fatal("still serving after exit")
			}
			fi, err := os.Stat(state)
			if err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("state file: %v %v", fi, err)
			}
			if b, _ := os.ReadFile(state); strings.Contains(string(b), token) {
				t.Fatal("the auth token is in the state file")
			}

			// No --account-sid: the account comes from the state file.
			base, stop = startSandboxBinary(t, bin, "--state", state, "--auth-token", token)
			_, body := sandboxCall(t, "GET", base+"/v2/Services", sid, token, "")
			var list struct {
				Services []struct {
					FriendlyName string `json:"friendly_name"`
				} `json:"services"`
			}
			_ = json.Unmarshal(body, &list)
			if len(list.Services) != 2 || list.Services[0].FriendlyName != "Sandbox Demo" || list.Services[1].FriendlyName != "Survives restart" {
				t.Fatalf("after restart: %+v", list)
			}
			if code, out := stop(syscall.SIGTERM); code != 0 {
				t.Fatalf("second stop: exit %d\n%s", code, out)
			}
		})
	}
}

// startSandboxBinary starts `bin sandbox --addr 127.0.0.1:0 args…` with no
// TWILIO_* variables and waits for its base URL. stop sends sig and
// returns the exit code and everything printed.
func startSandboxBinary(t testing.TB, bin string, args ...string) (base string, stop func(syscall.Signal) (int, string)) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	exited := false
	t.Cleanup(func() {
		if !exited {
			_ = cmd.Process.Kill()
			<-done
		}
	})
	urlRE := regexp.MustCompile(`Base URL\s+(http://127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(30 * time.Second); base == "" && time.Now().Before(deadline); {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			exited = true
			t.Fatalf("sandbox exited early (%v):\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if base == "" {
		t.Fatalf("no base URL printed:\n%s", out.String())
	}
	stop = func(sig syscall.Signal) (int, string) {
		t.Helper()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		var err error
		select {
		case err = <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("no exit 30 s after %v:\n%s", sig, out.String())
		}
		exited = true
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode() // -1 when killed by the signal itself
		} else if err != nil {
			t.Fatal(err)
		}
		return code, out.String()
	}
	return base, stop
}
