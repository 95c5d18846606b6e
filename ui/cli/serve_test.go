package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/sshserve"
)

// TestServeUsageErrors: the security rules are usage errors (exit 2),
// found before anything is read or listens: a live profile needs an
// allowlist, an open demo must be asked for, and the flags must agree.
func TestServeUsageErrors(t *testing.T) {
	t.Setenv("TWILIO_VERIFY_STATE_DIR", t.TempDir())
	t.Setenv("TWILIO_VERIFY_CONFIG_DIR", t.TempDir())
	for _, args := range [][]string{
		{"serve"},
		{"serve", "--sandbox"},
		{"serve", "--profile", "prod"},
		{"serve", "--profile", "prod", "--open-demo"},
		{"serve", "--open-demo", "--authorized-keys", "keys"},
		{"serve", "--sandbox", "--profile", "prod", "--authorized-keys", "keys"},
		{"serve", "--open-demo", "--max-sessions", "0"},
		{"serve", "--open-demo", "--idle-timeout", "0s"},
		{"serve", "--open-demo", "--shutdown-grace", "-1s"},
		{"serve", "--open-demo", "--addr", "nowhere"},
		{"serve", "--open-demo", "extra"},
	} {
		if got := run(args); got != 2 {
			t.Errorf("run(%q) = %d, want 2", args, got)
		}
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("TWILIO_VERIFY_STATE_DIR"), sshserve.HostKeyFileName)); err == nil {
		t.Error("a usage error created the host key")
	}
}

// TestServeLoadErrors: what the flags name must load: an authorized_keys
// file, a profile, a private host key; each failure is exit 1.
func TestServeLoadErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TWILIO_VERIFY_CONFIG_DIR", dir)
	t.Setenv("TWILIO_VERIFY_STATE_DIR", t.TempDir())
	keys := filepath.Join(dir, "keys")
	if err := os.WriteFile(keys, []byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb1Cs/kX3dXzd4jA+0e1s2dC5R0Rk6x0qQ6Bz9Tn1Xh a@b\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	loose := filepath.Join(dir, "loose_key")
	if _, err := sshserve.LoadOrCreateHostKey(loose); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(loose, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"serve", "--authorized-keys", filepath.Join(dir, "missing")},
		{"serve", "--authorized-keys", keys, "--profile", "nosuchprofile"},
		{"serve", "--open-demo", "--host-key", loose},
	} {
		if got := run(append(args, "--addr", "127.0.0.1:0")); got != 1 {
			t.Errorf("run(%q) = %d, want 1", args, got)
		}
	}
}
