//go:build !unix

package ui

import (
	"errors"
	"fmt"
	"os"
)

// errSymlink is what openNoFollow fails with on a symbolic link.
var errSymlink = errors.New("is a symbolic link")

// openNoFollow refuses a symbolic link, then opens path. Without
// O_NOFOLLOW the check and the open are two steps.
func openNoFollow(path string, flag int, perm os.FileMode) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return nil, fmt.Errorf("open %s: %w", path, errSymlink)
	}
	return os.OpenFile(path, flag, perm)
}
