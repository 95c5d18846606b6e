package cli

import (
	"strings"
	"testing"
)

// TestTimeFlagErrorsNameTheFlag: a bad --until is reported as --until (it
// read "--until: --since …"), and a bad --since as --since, once.
func TestTimeFlagErrorsNameTheFlag(t *testing.T) {
	_, url, _ := scriptEnv(t)
	for _, tc := range []struct{ flag, value string }{
		{"--until", "bogus"}, {"--until", "-3h"}, {"--since", "bogus"}, {"--since", "-3h"},
	} {
		r := cli(t, url, 2, "attempts", "list", tc.flag, tc.value)
		other := "--since"
		if tc.flag == other {
			other = "--until"
		}
		if strings.Count(r.stderr, tc.flag) != 1 || strings.Contains(r.stderr, other) {
			t.Errorf("attempts list %s %s: %q", tc.flag, tc.value, r.stderr)
		}
	}
	r := execCLI(t, "", "audit", "--since", "-1h")
	expectCode(t, r, 2, "audit", "--since", "-1h")
	if strings.Count(r.stderr, "--since") != 1 {
		t.Errorf("audit --since -1h: %q", r.stderr)
	}
}
