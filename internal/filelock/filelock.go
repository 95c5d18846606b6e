// Package filelock takes exclusive advisory locks (flock) on files and
// directories, for writers that must not interleave: audit appends and
// rotations, and the read-change-write of config.toml. Where flock does
// not exist the locks are no-ops.
package filelock

import "os"

// Dir locks directory dir for a read-change-write of files in it (those
// are replaced by rename, so the files themselves cannot hold the lock),
// waiting for other holders in this process or others. unlock releases
// it.
func Dir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := Lock(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() { Unlock(f); _ = f.Close() }, nil
}
