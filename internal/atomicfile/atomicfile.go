// Package atomicfile writes private files so that a crash or a concurrent
// reader sees either the old file or the new one, never a half-written one.
// The keyring's config.toml, the Safe List numbers, the sandbox's CA and the
// SSH host key use it.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write replaces path with data, mode 0600: it writes a temporary file in
// the same directory, syncs it, renames it over path and syncs the
// directory. The directory must exist.
func Write(path string, data []byte) error {
	return write(path, data, os.Rename)
}

// Create writes data to path, mode 0600, as Write does, but only when
// path does not exist yet: the complete file is linked into place, which
// fails with an error matching fs.ErrExist when another writer got there
// first. Two processes creating the same key at once thus agree on one.
func Create(path string, data []byte) error {
	return write(path, data, func(tmp, path string) error {
		err := os.Link(tmp, path)
		_ = os.Remove(tmp)
		return err
	})
}

// write writes data to a synced temporary file beside path and puts it in
// place with place(tmp, path).
func write(path string, data []byte, place func(tmp, path string) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	// CreateTemp already uses 0600; Chmod makes it explicit and survives a
	// future change there.
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = place(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Sync the directory so the rename itself survives a crash; failure
	// here is not worth failing the write for.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
