//go:build !unix

package keyring

import "testing"

// inode is unavailable here: the rename check is skipped.
func inode(t *testing.T, path string) uint64 {
	t.Skip("no inode numbers on this platform")
	return 0
}
