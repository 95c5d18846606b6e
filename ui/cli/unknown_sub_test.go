package cli

import (
	"strings"
	"testing"
)

// TestUnknownSubcommandIsUsage: a mistyped subcommand of a command group
// (`services lst`) printed the group's help and exited 0, so a script's
// typo passed as success. It is a usage error (exit 2) naming the word,
// with a suggestion when one is close; the bare group still shows its help.
func TestUnknownSubcommandIsUsage(t *testing.T) {
	credEnv(t)
	for _, args := range [][]string{
		{"services", "lst"}, {"attempts", "lits"}, {"totp", "enrol"}, {"completion", "bsh"}, {"profiles", "defualt"},
	} {
		r := execCLI(t, "", args...)
		expectCode(t, r, 2, args...)
		if !strings.Contains(r.stderr, `unknown command "`+args[1]+`"`) || r.stdout != "" {
			t.Errorf("%q: stdout %q, stderr %q", args, r.stdout, r.stderr)
		}
	}
	r := execCLI(t, "", "services", "lst")
	if !strings.Contains(r.stderr, "(did you mean ") || !strings.Contains(r.stderr, "list?)") {
		t.Errorf("services lst suggests nothing: %q", r.stderr)
	}
	for _, group := range []string{"services", "attempts", "totp", "completion"} {
		r := execCLI(t, "", group)
		expectCode(t, r, 0, group)
		if !strings.Contains(r.stdout, "Available Commands:") {
			t.Errorf("%s: no help: %q", group, r.stdout)
		}
	}
}

// TestProfilesSaysHowToRemoveOne: `profiles remove NAME` (what other
// tools call it) is refused, and the usage it prints says that logout
// removes a profile, as `profiles --help` does.
func TestProfilesSaysHowToRemoveOne(t *testing.T) {
	credEnv(t)
	r := execCLI(t, "", "profiles", "remove", "staging")
	expectCode(t, r, 2, "profiles", "remove")
	if !strings.Contains(r.stderr, "twilio-verify logout staging") {
		t.Errorf("profiles remove does not point at logout: %q", r.stderr)
	}
	r = execCLI(t, "", "profiles", "--help")
	if !strings.Contains(r.stdout, "`twilio-verify logout NAME`") {
		t.Errorf("profiles --help does not say how to remove a profile: %q", r.stdout)
	}
}
