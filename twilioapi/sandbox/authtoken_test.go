package sandbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadAuthToken(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == AuthTokenEnv {
				return v
			}
			return ""
		}
	}
	good := write("token", "fileToken123\n")
	for _, tt := range []struct {
		name, file, env, token, source, err string
	}{
		{"file, newline trimmed", good, "envToken", "fileToken123", "file " + good, ""},
		{"environment", "", " envToken9 ", "envToken9", "$TWILIO_AUTH_TOKEN", ""},
		{"neither", "", "", "", "", ""},
		{"missing file", filepath.Join(dir, "nope"), "", "", "", "no such file"},
		{"empty file", write("empty", " \n"), "", "", "", "is empty"},
		{"bad characters", write("bad", "to-ken"), "", "", "", "letters and digits"},
		{"bad environment", "", "a b", "", "", "letters and digits"},
		{"huge file", write("huge", strings.Repeat("a", maxTokenFile+1)), "", "", "", "larger than"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tok, src, err := ReadAuthToken(tt.file, env(tt.env))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || tok != tt.token || src != tt.source {
				t.Fatalf("%q %q %v", tok, src, err)
			}
		})
	}
	// The token works end to end: clients authenticate with it.
	tok, _, err := ReadAuthToken(good, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, Options{AuthToken: tok})
	if _, err := e.v.FetchService(e.demo); err != nil || e.sb.AuthToken() != "fileToken123" {
		t.Fatalf("%v", err)
	}
}
