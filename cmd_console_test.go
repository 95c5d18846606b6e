package main

import (
	"strings"
	"testing"
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
	root := newRootCmd()
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
