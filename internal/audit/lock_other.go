//go:build !unix

package audit

import "os"

// lockFile is a no-op where flock does not exist: appends are still whole
// lines within one process, but rotation is not serialised across
// processes.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}
