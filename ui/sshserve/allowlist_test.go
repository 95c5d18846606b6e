package sshserve

import (
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestAllowlist: comments, blank lines and per-key options are fine; the
// listed keys are allowed, others and nil are not.
func TestAllowlist(t *testing.T) {
	a, b, other := newSigner(t), newSigner(t), newSigner(t)
	file := "# team\n\n" + string(gossh.MarshalAuthorizedKey(a.PublicKey())) +
		`from="10.0.0.1",no-pty ` + strings.TrimSpace(string(gossh.MarshalAuthorizedKey(b.PublicKey()))) + " bob@laptop\n"
	l, err := ParseAllowlist([]byte(file), "keys")
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != 2 || !l.Allows(a.PublicKey()) || !l.Allows(b.PublicKey()) {
		t.Fatalf("listed keys refused (%d keys)", l.Len())
	}
	if l.Allows(other.PublicKey()) || l.Allows(nil) {
		t.Fatal("an unlisted key allowed")
	}
	var none *Allowlist
	if none.Allows(a.PublicKey()) {
		t.Fatal("a nil allowlist allows")
	}
}

// TestAllowlistErrors: a bad line names its line; a file without keys
// is an error, not an empty list.
func TestAllowlistErrors(t *testing.T) {
	if _, err := ParseAllowlist([]byte("# nothing\n\n"), "keys"); err == nil || !strings.Contains(err.Error(), "no keys") {
		t.Errorf("empty: %v", err)
	}
	k := string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey()))
	if _, err := ParseAllowlist([]byte(k+"ssh-ed25519 AAAAnotbase64!!\n"), "keys"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: %v", err)
	}
	if _, err := LoadAllowlist(t.TempDir() + "/missing"); err == nil {
		t.Error("a missing file loaded")
	}
}

// FuzzParseAllowlist: any input either fails or yields keys that allow
// themselves and nothing it did not list.
func FuzzParseAllowlist(f *testing.F) {
	f.Add([]byte("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb1Cs/kX3dXzd4jA+0e1s2dC5R0Rk6x0qQ6Bz9Tn1Xh a@b\n"))
	f.Add([]byte("# c\n\nno-pty ssh-rsa AAAA x\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseAllowlist(data, "fuzz")
		if err != nil {
			return
		}
		if l.Len() == 0 {
			t.Fatal("no error and no keys")
		}
		for _, raw := range l.keys {
			k, err := gossh.ParsePublicKey(raw)
			if err != nil {
				t.Fatalf("stored key does not parse: %v", err)
			}
			if !l.Allows(k) {
				t.Fatal("a listed key is refused")
			}
		}
	})
}
