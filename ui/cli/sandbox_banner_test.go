package cli

import (
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/keyring"
)

// The banner's login line, typed as printed, saves a profile that talks
// to this sandbox: the way to use `twilio-verify sandbox` from the console.
func TestSandboxBannerLoginLineWorks(t *testing.T) {
	dir := credEnv(t)
	base, out := startSandboxCmd(t)
	var line string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.Contains(l, "twilio-verify login") {
			line = strings.TrimSpace(l)
		}
	}
	// VAR=value words, then the command and its arguments.
	words := strings.Fields(line)
	for len(words) > 0 && strings.Contains(words[0], "=") {
		k, v, _ := strings.Cut(words[0], "=")
		t.Setenv(k, v)
		words = words[1:]
	}
	if len(words) < 2 || words[0] != "twilio-verify" {
		t.Fatalf("no login line in the banner:\n%s", out.String())
	}
	if r := execCLI(t, "", words[1:]...); r.code != 0 {
		t.Fatalf("%s: exit %d\n%s%s", line, r.code, r.stdout, r.stderr)
	}
	cfg, err := keyring.LoadConfig(dir)
	if p, ok := cfg.Profile("sandbox"); err != nil || !ok || p.BaseURL != base {
		t.Fatalf("profile %+v, %v", p, err)
	}
	if !strings.Contains(out.String(), "twilio-verify --profile sandbox") {
		t.Errorf("the banner does not say how to open the console on the profile:\n%s", out.String())
	}
}
