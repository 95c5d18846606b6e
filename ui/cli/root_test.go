package cli

import (
	"context"
	"os"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binaries the end-to-end tests build.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }

// testVersion is the version the tests' command trees print.
const testVersion = "test-version"

// run executes args as main does, on the process's streams.
func run(args []string) int {
	return Execute(context.Background(), testVersion, args, os.Stdin, os.Stdout, os.Stderr)
}

// TestUsageErrorsExit2 checks that bad arguments, not only bad flags, are
// usage errors with exit code 2 on every command.
func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"version", "extra"},
		{"logout"},
		{"sandbox", "extra"},
		{"--bogus"},
		{"version", "--bogus"},
	} {
		if got := run(args); got != 2 {
			t.Errorf("run(%q) = %d, want 2", args, got)
		}
	}
}

// TestVersionFlag: `--version` (what most tools take) prints what the
// version command prints, instead of an unknown-flag usage error.
func TestVersionFlag(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		r := execCLI(t, "", args...)
		if r.code != 0 || r.stdout != "twilio-verify "+testVersion+"\n" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
}
