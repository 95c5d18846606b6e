package sshserve

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"os"

	gossh "golang.org/x/crypto/ssh"
)

// Allowlist is the set of public keys allowed in, from an
// authorized_keys file. Options (from=, command=…) in the file are
// ignored: a listed key gets the console, nothing else.
type Allowlist struct {
	// keys are the keys in wire format (ssh.PublicKey.Marshal).
	keys [][]byte
}

// LoadAllowlist reads an authorized_keys file: one key per line, blank
// lines and # comments skipped. A line that is not a key, or a file with
// no key at all, is an error (a typo must not silently lock everyone out
// or, worse, be mistaken for an allowlist).
func LoadAllowlist(path string) (*Allowlist, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	return ParseAllowlist(data, path)
}

// ParseAllowlist parses authorized_keys content; name is used in errors.
func ParseAllowlist(data []byte, name string) (*Allowlist, error) {
	a := &Allowlist{}
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("authorized keys %s line %d: %w", name, n+1, err)
		}
		a.keys = append(a.keys, key.Marshal())
	}
	if len(a.keys) == 0 {
		return nil, fmt.Errorf("authorized keys %s: no keys", name)
	}
	return a, nil
}

// Len is the number of keys.
func (a *Allowlist) Len() int { return len(a.keys) }

// Allows reports whether key is in the list. Every entry is compared, in
// constant time, whatever matches: how long the answer takes says nothing
// about which keys are listed.
func (a *Allowlist) Allows(key gossh.PublicKey) bool {
	if a == nil || key == nil {
		return false
	}
	k := key.Marshal()
	found := 0
	for _, allowed := range a.keys {
		found |= subtle.ConstantTimeCompare(k, allowed)
	}
	return found == 1
}
