package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// The scripting commands as a script runs them: the built binary, one
// process per command, against `twilio-verify sandbox` running in another
// process.

const (
	e2eAccount = "AC0123456789abcdef0123456789abcdef"
	e2eToken   = "e2eToken0123456789"
)

// binEnv is a clean environment for the binary: the sandbox's
// credentials, private config and state directories.
func binEnv(t testing.TB) []string {
	dir := t.TempDir()
	return []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "TWILIO_VERIFY_CONFIG_DIR=" + filepath.Join(dir, "config"),
		"TWILIO_VERIFY_STATE_DIR=" + filepath.Join(dir, "state"), "TWILIO_ACCOUNT_SID=" + e2eAccount, "TWILIO_AUTH_TOKEN=" + e2eToken}
}

func TestCommandsBinaryAgainstServedSandbox(t *testing.T) {
	bin := buildBinary(t)
	// (Killed by startSandboxBinary's cleanup if the test fails first.)
	base, stop := startSandboxBinary(t, bin, "--account-sid", e2eAccount, "--auth-token", e2eToken)
	env := binEnv(t)
	url := []string{"--sandbox-url", base}

	r := runBin(t, bin, env, append([]string{"send", "--to", mobile, "--quiet"}, url...)...)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "VE") {
		t.Fatalf("send: %+v", r)
	}
	c, err := twilioapi.New(twilioapi.Config{AccountSID: e2eAccount, AuthToken: e2eToken, BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	msgs, err := c.Outbox(context.Background(), mobile)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("outbox: %v %v", msgs, err)
	}
	wrong := "000000"
	if msgs[0].Code == wrong {
		wrong = "111111"
	}
	if r := runBin(t, bin, env, append([]string{"check", "--to", mobile, "--code", wrong, "--quiet"}, url...)...); r.code != 3 {
		t.Fatalf("wrong code: %+v, want exit 3", r)
	}
	if r := runBin(t, bin, env, append([]string{"check", "--to", mobile, "--code", msgs[0].Code, "--json"}, url...)...); r.code != 0 || !strings.Contains(r.stdout, `"status": "approved"`) {
		t.Fatalf("right code: %+v", r)
	}
	if r := runBin(t, bin, env, append([]string{"status", "--to", mobile}, url...)...); r.code != 1 || !strings.Contains(r.stderr, "20404") {
		t.Fatalf("status after approval: %+v", r)
	}
	r = runBin(t, bin, env, "audit")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 4 || strings.Contains(r.stdout, msgs[0].Code) || strings.Contains(r.stdout, mobile) {
		t.Fatalf("audit: %+v", r)
	}

	// --sandbox: a sandbox of the command's own, no other process.
	if r := runBin(t, bin, env, "services", "list", "--sandbox", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"friendly_name": "Sandbox Demo"`) {
		t.Fatalf("--sandbox: %+v", r)
	}
	// The sandbox stopped: a network failure.
	stop(syscall.SIGTERM)
	if r := runBin(t, bin, env, append([]string{"services", "list"}, url...)...); r.code != 4 {
		t.Fatalf("stopped sandbox: %+v, want exit 4", r)
	}
}

// Every command has examples in its help, and cobra's completion scripts
// are there for bash, zsh and fish.
func TestCommandsHelpAndCompletion(t *testing.T) {
	credEnv(t)
	for _, cmd := range [][]string{{"services"}, {"services", "list"}, {"services", "get"}, {"services", "create"},
		{"services", "update"}, {"services", "delete"}, {"send"}, {"check"}, {"status"}, {"cancel"}, {"lookup"}, {"audit"}, {"attempts"}, {"attempts", "list"}} {
		r := execCLI(t, "", append(cmd, "--help")...)
		if r.code != 0 || !strings.Contains(r.stdout, "Examples:") {
			t.Errorf("%v --help: exit %d, no examples:\n%s", cmd, r.code, r.stdout)
		}
	}
	for shell, marker := range map[string]string{"bash": "complete -o default", "zsh": "#compdef twilio-verify", "fish": "complete -c twilio-verify"} {
		r := execCLI(t, "", "completion", shell)
		if r.code != 0 || !strings.Contains(r.stdout, marker) {
			t.Errorf("completion %s: exit %d, no %q", shell, r.code, marker)
		}
	}
}

// BenchmarkSendCheckPair is what a script pays per verification: `send`
// then `check` as two processes against a running sandbox (ms/pair, wall
// time of both processes).
func BenchmarkSendCheckPair(b *testing.B) {
	bin := buildBinary(b)
	base, stop := startSandboxBinary(b, bin, "--account-sid", e2eAccount, "--auth-token", e2eToken)
	defer stop(syscall.SIGTERM)
	env := binEnv(b)
	r := runBin(b, bin, env, "services", "create", "--name", "Bench", "--custom-code", "--quiet", "--sandbox-url", base)
	if r.code != 0 {
		b.Fatalf("create: %+v", r)
	}
	svc := strings.TrimSpace(r.stdout)
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		// Each check approves, so each send starts a new verification.
		const to = mobile
		start := time.Now()
		if r := runBin(b, bin, env, "send", "--to", to, "--custom-code", "4321", "--service", svc, "--quiet", "--sandbox-url", base); r.code != 0 {
			b.Fatalf("send: %+v", r)
		}
		if r := runBin(b, bin, env, "check", "--to", to, "--code", "4321", "--service", svc, "--quiet", "--sandbox-url", base); r.code != 0 {
			b.Fatalf("check: %+v", r)
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/pair")
}

// BenchmarkVersionStart is the cost of starting the binary at all:
// `twilio-verify version` (ms/run, wall time).
func BenchmarkVersionStart(b *testing.B) {
	bin := buildBinary(b)
	env := binEnv(b)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if r := runBin(b, bin, env, "version"); r.code != 0 {
			b.Fatalf("version: %+v", r)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/run")
}
