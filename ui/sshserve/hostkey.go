package sshserve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"

	"github.com/twilio-verify/twilio-verify/internal/atomicfile"
)

// HostKeyFileName is the host key's name inside the state directory
// (audit.StateDir: the audit trail's directory).
const HostKeyFileName = "ssh_host_ed25519_key"

// LoadOrCreateHostKey reads the server's ed25519 host key from path, or,
// when there is none, creates one there (mode 0600, its directory 0700)
// so that the fingerprint visitors pin stays the same across restarts. A
// key file that others can read or write is refused: its key could be
// copied to impersonate the server.
func LoadOrCreateHostKey(path string) (gossh.Signer, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createHostKey(path)
	case err != nil:
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("host key %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("host key %s has mode %04o: it must be private to its owner (chmod 600 %s)", path, perm, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, nil
}

// createHostKey makes a new ed25519 key and writes it to path in the
// OpenSSH format, atomically.
func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "twilio-verify serve host key")
	if err != nil {
		return nil, fmt.Errorf("encode host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key directory: %w", err)
	}
	// Create, not Write: a server started at the same moment may have
	// created the key first, and then both must serve that one.
	switch err := atomicfile.Create(path, pem.EncodeToMemory(block)); {
	case errors.Is(err, fs.ErrExist):
		return LoadOrCreateHostKey(path)
	case err != nil:
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	return gossh.NewSignerFromKey(priv)
}
