package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// TestCLIEndToEnd builds the real binary and drives login → profiles →
// logout against a sandbox on loopback, first with no D-Bus session bus at
// all, then with the real Secret Service of the session (CI: an unlocked
// gnome-keyring inside dbus-run-session).
func TestCLIEndToEnd(t *testing.T) {
	bin := buildBinary(t)
	sb, url := startSandbox(t)

	t.Run("no session bus", func(t *testing.T) {
		dir := t.TempDir()
		emptyPath := t.TempDir() // no dbus-launch: godbus cannot autolaunch a bus
		env := []string{"HOME=" + t.TempDir(), "PATH=" + emptyPath, "TWILIO_VERIFY_CONFIG_DIR=" + dir,
			"TWILIO_ACCOUNT_SID=" + sb.AccountSID(), "TWILIO_AUTH_TOKEN=" + sb.AuthToken()}
		if _, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid())); err == nil {
			env = append(env, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(emptyPath, "nobus"))
		}
		r := runBin(t, bin, env, "login", "--from-env", "--sandbox-url", url, "--profile", "nobus")
		if r.code != 1 || !strings.Contains(r.stderr, "no keyring available") || !strings.Contains(r.stderr, "TWILIO_ACCOUNT_SID") {
			t.Fatalf("exit %d:\n%s", r.code, r.stderr)
		}
		assertNoSecretInDir(t, dir, sb.AuthToken())
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("config dir not empty: %v", entries)
		}
		r = runBin(t, bin, env, "profiles")
		if r.code != 0 || !strings.Contains(r.stdout, "No profiles yet") {
			t.Errorf("profiles: %d %s %s", r.code, r.stdout, r.stderr)
		}
	})

	t.Run("real keyring", func(t *testing.T) {
		if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
			if os.Getenv("TWILIO_VERIFY_REQUIRE_INTEGRATION") == "1" {
				t.Fatal("integration required: no DBUS_SESSION_BUS_ADDRESS (run inside dbus-run-session with an unlocked gnome-keyring)")
			}
			t.Skip("no DBUS_SESSION_BUS_ADDRESS")
		}
		secretTool, stErr := exec.LookPath("secret-tool")
		if stErr != nil && os.Getenv("TWILIO_VERIFY_REQUIRE_INTEGRATION") == "1" {
			t.Fatal("integration required: secret-tool (libsecret-tools) not installed")
		}
		// lookup returns the stored secret, "" when there is none. Callers
		// check secretTool first (only a run that does not require the
		// integration goes on without it).
		lookup := func(name string) string {
			out, _ := exec.Command(secretTool, "lookup", "service", keyring.ServiceName, "username", name).Output()
			return strings.TrimSpace(string(out))
		}
		dir := t.TempDir()
		tok := fmt.Sprintf("e2e-%d-tok", os.Getpid())
		key := fmt.Sprintf("e2e-%d-key", os.Getpid())
		t.Cleanup(func() {
			if secretTool != "" {
				for _, n := range []string{tok, key} {
					exec.Command(secretTool, "clear", "service", keyring.ServiceName, "username", n).Run()
				}
			}
		})
		base := []string{"TWILIO_VERIFY_CONFIG_DIR=" + dir}
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "TWILIO_") {
				base = append(base, kv)
			}
		}
		tokEnv := append(append([]string{}, base...), "TWILIO_ACCOUNT_SID="+sb.AccountSID(), "TWILIO_AUTH_TOKEN="+sb.AuthToken())
		skSID, skSecret := sb.IssueAPIKey()
		keyEnv := append(append([]string{}, base...), "TWILIO_ACCOUNT_SID="+sb.AccountSID(), "TWILIO_API_KEY="+skSID, "TWILIO_API_SECRET="+skSecret)

		// 1. login with the auth token from the environment.
		r := runBin(t, bin, tokEnv, "login", "--from-env", "--sandbox-url", url, "--profile", tok)
		if r.code != 0 {
			t.Fatalf("login: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if secretTool != "" && lookup(tok) != sb.AuthToken() {
			t.Fatal("after login: the keyring does not hold the auth token")
		}
		cfg, err := keyring.LoadConfig(dir)
		if p, ok := cfg.Profile(tok); err != nil || !ok || p.AccountSID != sb.AccountSID() || cfg.Default != tok {
			t.Fatalf("after login: config %+v %v", cfg, err)
		}
		checkMode(t, keyring.ConfigPath(dir))

		// 2. login with an API key; a wrong token is refused with 20003.
		if r := runBin(t, bin, keyEnv, "login", "--from-env", "--api-key", "--sandbox-url", url, "--profile", key); r.code != 0 {
			t.Fatalf("login --api-key: exit %d\n%s", r.code, r.stderr)
		}
		if secretTool != "" && lookup(key) != skSecret {
			t.Fatal("after login --api-key: the keyring does not hold the key secret")
		}
		bad := append(append([]string{}, base...), "TWILIO_ACCOUNT_SID="+sb.AccountSID(), "TWILIO_AUTH_TOKEN="+strings.Repeat("f", 32))
		if r := runBin(t, bin, bad, "login", "--from-env", "--sandbox-url", url, "--profile", "e2e-wrong"); r.code != 1 || !strings.Contains(r.stderr, "20003") {
			t.Fatalf("wrong token: exit %d\n%s", r.code, r.stderr)
		}
		if secretTool != "" && lookup("e2e-wrong") != "" {
			t.Fatal("wrong token was saved in the keyring")
		}

		// 3. profiles lists both, with the keyring holding their secrets.
		r = runBin(t, bin, base, "profiles")
		if r.code != 0 {
			t.Fatalf("profiles: exit %d\n%s", r.code, r.stderr)
		}
		for _, row := range [][]string{{tok, twilioapi.MaskSID(sb.AccountSID()), "auth token", "*", "yes", "sandbox " + url}, {key, "API key " + twilioapi.MaskSID(skSID), "yes", "sandbox " + url}} {
			if !lineWith(r.stdout, row...) {
				t.Errorf("profiles has no row with %q:\n%s", row, r.stdout)
			}
		}
		if r := runBin(t, bin, base, "profiles", "default", key); r.code != 0 {
			t.Fatalf("profiles default: %d %s", r.code, r.stderr)
		}

		// 4. logout removes the secret and the profile.
		for _, n := range []string{tok, key} {
			if r := runBin(t, bin, base, "logout", n); r.code != 0 {
				t.Fatalf("logout %s: exit %d\n%s", n, r.code, r.stderr)
			}
			if secretTool != "" && lookup(n) != "" {
				t.Fatalf("after logout %s: secret still in the keyring", n)
			}
			cfg, _ := keyring.LoadConfig(dir)
			if _, ok := cfg.Profile(n); ok {
				t.Fatalf("after logout %s: profile still in config", n)
			}
		}
		r = runBin(t, bin, base, "profiles")
		if !strings.Contains(r.stdout, "No profiles yet") {
			t.Errorf("profiles after logout:\n%s", r.stdout)
		}

		// 5. No secret ever reached a file.
		for _, s := range []string{sb.AuthToken(), skSecret} {
			assertNoSecretInDir(t, dir, s)
		}
	})
}

// runBin runs the binary with exactly env, bounded in time.
func runBin(t testing.TB, bin string, env []string, args ...string) cliResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader("")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%v hung", args)
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{out.String(), errb.String()} {
		for _, kv := range env {
			if k, v, _ := strings.Cut(kv, "="); (k == "TWILIO_AUTH_TOKEN" || k == "TWILIO_API_SECRET") && v != "" && strings.Contains(s, v) {
				t.Errorf("%v printed %s", args, k)
			}
		}
	}
	return cliResult{out.String(), errb.String(), code}
}

// lineWith reports whether some line of s contains every field.
func lineWith(s string, fields ...string) bool {
	for _, line := range strings.Split(s, "\n") {
		ok := true
		for _, f := range fields {
			ok = ok && strings.Contains(line, f)
		}
		if ok {
			return true
		}
	}
	return false
}

func checkMode(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s mode %v, want 0600", path, fi.Mode().Perm())
	}
}
