//go:build unix

package ui

import (
	"os"
	"syscall"
)

// errSymlink is what Linux fails an O_NOFOLLOW open of a symbolic link
// with (some BSDs say EMLINK: OpenLog then looks at the path itself).
var errSymlink = syscall.ELOOP

// openNoFollow is os.OpenFile with O_NOFOLLOW: a symbolic link as the last
// path element is refused by the kernel, with no window between a check
// and the open.
func openNoFollow(path string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag|syscall.O_NOFOLLOW, perm)
}
