package sshserve

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestHostKeyConcurrentFirstStart: two servers started at once on a state
// directory without a key (a demo and a support desk, say) end up with
// the same key, the one on disk; otherwise one of them serves a key that
// no longer exists, and its fingerprint changes at its next start.
func TestHostKeyConcurrentFirstStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", HostKeyFileName)
	const n = 8
	prints := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			s, err := LoadOrCreateHostKey(path)
			if err != nil {
				t.Error(err)
				return
			}
			prints[i] = gossh.FingerprintSHA256(s.PublicKey())
		})
	}
	wg.Wait()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := gossh.ParsePrivateKey(data)
	if err != nil {
		t.Fatal(err)
	}
	want := gossh.FingerprintSHA256(onDisk.PublicKey())
	for i, p := range prints {
		if p != want {
			t.Errorf("server %d serves %s, the file holds %s", i, p, want)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
