//go:build unix

package keyring

import (
	"os"
	"syscall"
	"testing"
)

// inode identifies the file at path, to tell a rename from a rewrite.
func inode(t *testing.T, path string) uint64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}
