package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// readme is the README's text.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// oneLine makes every run of white space in s one space, so a phrase
// matches across line breaks.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// --help and the README say the same about read-only mode, the mouse and
// the debug log.
func TestHelpAgreesWithREADME(t *testing.T) {
	doc := oneLine(readme(t))
	for _, phrase := range []string{readOnlyRefuses, mouseCovers, logFileRule} {
		if !strings.Contains(doc, phrase) {
			t.Errorf("README lacks %q", phrase)
		}
	}
	for args, phrases := range map[string][]string{
		"--help":         {readOnlyRefuses, mouseCovers, logFileRule},
		"serve --help":   {readOnlyRefuses, logFileRule},
		"login --help":   {readOnlyRefuses},
		"sandbox --help": {"--state FILE", "--auth-token-file FILE"},
	} {
		r := execCLI(t, "", strings.Fields(args)...)
		help := oneLine(r.stdout)
		for _, phrase := range phrases {
			if !strings.Contains(help, phrase) {
				t.Errorf("twilio-verify %s lacks %q:\n%s", args, phrase, r.stdout)
			}
		}
	}
}

// synopsisRE matches the README's command lines (indented code) and their
// indented continuation lines.
var synopsisRE = regexp.MustCompile(`(?m)^    (?:twilio-verify|go run \.)( .*(?:\n {10,}\[.*)*)$`)

var flagRE = regexp.MustCompile(`--([a-z][a-z0-9-]*)`)

// Every flag a README command line shows exists on that command (or on
// one of its subcommands, for lines like "services list|get|create").
func TestREADMEFlagsExist(t *testing.T) {
	root := newRootCmd(testVersion)
	lines := synopsisRE.FindAllStringSubmatch(readme(t), -1)
	if len(lines) < 15 {
		t.Fatalf("found only %d command lines in the README", len(lines))
	}
	for _, m := range lines {
		line, _, _ := strings.Cut(m[1], "#")
		cmd := root
		for _, w := range strings.Fields(line) {
			sub, _, err := cmd.Find([]string{w})
			if err != nil || sub == cmd {
				break
			}
			cmd = sub
		}
		for _, f := range flagRE.FindAllStringSubmatch(line, -1) {
			if !hasFlag(cmd, f[1]) {
				t.Errorf("README: `%s`: %s has no --%s", oneLine(m[0]), cmd.CommandPath(), f[1])
			}
		}
	}
}

// hasFlag reports whether c or one of its subcommands takes --name.
func hasFlag(c *cobra.Command, name string) bool {
	if c.Flags().Lookup(name) != nil || c.InheritedFlags().Lookup(name) != nil {
		return true
	}
	for _, sub := range c.Commands() {
		if hasFlag(sub, name) {
			return true
		}
	}
	return false
}
