package cli

import (
	"strings"
	"testing"
)

// TestMissingServiceHint: a 20404 for a service SID that does not exist
// (deleted, or another account's) came with the hint about verifications
// ("Verify removes a verification once it is approved…"), which sends the
// user looking for the wrong thing. Commands addressing a service get a
// hint about the service.
func TestMissingServiceHint(t *testing.T) {
	_, url, _ := scriptEnv(t)
	gone := strings.TrimSpace(cli(t, url, 0, "services", "create", "--name", "Gone", "--quiet").stdout)
	cli(t, url, 0, "services", "delete", gone)
	for _, args := range [][]string{
		{"services", "get", gone}, {"services", "update", gone, "--name", "Back"}, {"services", "delete", gone},
		{"send", "--to", mobile, "--service", gone},
	} {
		r := cli(t, url, 1, args...)
		if !strings.Contains(r.stderr, "Twilio error 20404") || !strings.Contains(r.stderr, "hint: No Verify service") ||
			strings.Contains(r.stderr, "removes a verification") {
			t.Errorf("%q: %s", args, r.stderr)
		}
	}
}
