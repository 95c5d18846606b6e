package cli

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
)

// TestConsoleFlagConflicts: contradictory flags are usage errors (exit
// 2), found before any terminal or network is touched.
func TestConsoleFlagConflicts(t *testing.T) {
	for _, args := range [][]string{
		{"--sandbox", "--profile", "prod"},
		{"--mouse", "--no-mouse"},
		{"--bogus"},
		{"extra-arg"},
	} {
		if got := run(args); got != 2 {
			t.Errorf("run(%q) = %d, want 2", args, got)
		}
	}
}

// TestConsoleBadLogPath: a --log path that cannot be opened fails before
// the console starts.
func TestConsoleBadLogPath(t *testing.T) {
	t.Setenv("TWILIO_VERIFY_CONFIG_DIR", t.TempDir())
	if got := run([]string{"--sandbox", "--log", t.TempDir() + "/no/such/dir/log"}); got != 1 {
		t.Fatalf("unopenable log: exit %d, want 1", got)
	}
}

// TestConsoleHelpListsFlags documents the flags in --help.
func TestConsoleHelpListsFlags(t *testing.T) {
	root := newRootCmd(testVersion)
	var b strings.Builder
	root.SetOut(&b)
	root.SetArgs([]string{"--help"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"--sandbox", "--profile", "--read-only", "--mouse", "--no-mouse", "--log"} {
		if !strings.Contains(b.String(), f) {
			t.Errorf("help lacks %s:\n%s", f, b.String())
		}
	}
}

// TestConsolePanicIsAFailure: a panic Bubble Tea caught ends Run with
// ErrProgramKilled wrapped around ErrProgramPanic; that must exit non-zero
// with a message, while a plain kill (a signal) is a normal end.
func TestConsolePanicIsAFailure(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{tea.ErrProgramKilled, false},
		{fmt.Errorf("%w: %w", tea.ErrProgramKilled, tea.ErrProgramPanic), true},
		{errors.New("open /dev/tty: no such device"), true},
	}
	for _, c := range cases {
		if got := failed(c.err); got != c.want {
			t.Errorf("failed(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// TestConsoleExtraArgIsUsage: the root command's argument check is a usage
// error like every other command's (exit 2, usage printed once), and opens
// nothing.
func TestConsoleExtraArgIsUsage(t *testing.T) {
	r := execCLI(t, "", "extra")
	if r.code != 2 || strings.Count(r.stderr, "Usage:") != 1 || !strings.Contains(r.stderr, `unknown command "extra"`) {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
}

// TestAccountHintFitsTheConfig: with no profile at all the console's
// sandbox says to log in; with profiles but no default one, to open one
// (logging in again would not be the answer).
func TestAccountHintFitsTheConfig(t *testing.T) {
	if h := accountHint(keyring.Config{}); len(h) == 0 || !strings.Contains(h[0], "twilio-verify login") {
		t.Errorf("no profiles: %q", h)
	}
	cfg := keyring.Config{Profiles: []keyring.Profile{{Name: "live"}}}
	for _, h := range accountHint(cfg) {
		if !strings.Contains(h, "--profile NAME") || strings.Contains(h, "login") {
			t.Errorf("profiles without a default: %q", h)
		}
	}
}
