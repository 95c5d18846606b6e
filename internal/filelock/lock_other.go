//go:build !unix

package filelock

import "os"

// Lock is a no-op where flock does not exist: writers are not serialised
// there.
func Lock(*os.File) error { return nil }

// Unlock releases Lock.
func Unlock(*os.File) {}
