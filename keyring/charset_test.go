package keyring

import (
	"regexp"
	"strings"
	"testing"
)

// The byte loops accept exactly what the patterns they stand for accept
// (the patterns live here, compiled only by the tests).
var charsetRules = []struct {
	name    string
	pattern *regexp.Regexp
	check   func(string) bool
}{
	{"profile name", regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`), validProfileName},
	{"hex", regexp.MustCompile(`^[0-9a-fA-F]+$`), validHex},
	{"secret", regexp.MustCompile(`^[A-Za-z0-9]{1,256}$`), validSecret},
	{"region", regexp.MustCompile(`^[a-z0-9-]{0,32}$`), validRegion},
}

func checkCharsets(t *testing.T, s string) {
	for _, r := range charsetRules {
		if got, want := r.check(s), r.pattern.MatchString(s); got != want {
			t.Errorf("%s %q: %v, the pattern says %v", r.name, s, got, want)
		}
	}
}

func TestCharsetsMatchPatterns(t *testing.T) {
	for _, s := range []string{"", "a", "A", "0", "-", ".a", "a.b_c-d", "US", "us", "USA", "ie1", "us-east-1", "abcdef0123",
		"ABCDEFG", "a b", "a\n", "é", strings.Repeat("a", 32), strings.Repeat("a", 33), strings.Repeat("a", 64),
		strings.Repeat("a", 65), strings.Repeat("Z", 256), strings.Repeat("Z", 257)} {
		checkCharsets(t, s)
	}
}

func FuzzCharsets(f *testing.F) {
	for _, s := range []string{"prod", "ie1", "US", "0123abcdef", "x.y_z"} {
		f.Add(s)
	}
	f.Fuzz(checkCharsets)
}
