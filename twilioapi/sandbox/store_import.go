package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// importedSuffix names the backup an import keeps of a JSON state file.
const importedSuffix = ".json-imported"

// importingPath is where an import builds the store before it replaces
// the JSON file.
func importingPath(path string) string { return path + ".importing" }

// importJSON converts the JSON state file at path (what earlier sandboxes
// wrote) into a store, once:
//
//  1. the JSON is read and validated; a file that breaks the rules is
//     refused and left as it is;
//  2. the store is built in PATH.importing, in one transaction;
//  3. the JSON is kept as PATH.json-imported (a hard link, mode 0600: it
//     holds codes), so the user can go back to an earlier version;
//  4. PATH.importing is renamed over PATH.
//
// A crash before step 4 leaves PATH as JSON and the import is redone at
// the next start (a stale PATH.importing is rebuilt from scratch, then
// renamed); after step 4 the store is complete.
func importJSON(path string) (*store, *state, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("sandbox: reading state file: %w", err)
	}
	st, err := decodeJSONState(path, b)
	if err != nil {
		return nil, nil, err
	}
	tmp := importingPath(path)
	db, err := openBolt(tmp)
	if _, busy := err.(inUseError); busy {
		return nil, nil, inUseError(path) // another sandbox is importing it
	}
	if err != nil {
		// Built by an import that crashed while creating it: start over.
		if rerr := os.Remove(tmp); rerr != nil {
			return nil, nil, err
		}
		if db, err = openBolt(tmp); err != nil {
			return nil, nil, err
		}
	}
	if cur, _ := os.ReadFile(path); !bytes.Equal(cur, b) {
		// Another sandbox imported it meanwhile: use its store.
		_ = db.Close()
		_ = os.Remove(tmp)
		return openStore(path)
	}
	s := newStore(db, path)
	fail := func(err error) (*store, *state, error) {
		_ = db.Close()
		_ = os.Remove(tmp)
		return nil, nil, err
	}
	if err := s.writeAll(st, st.Attempts); err != nil {
		return fail(err)
	}
	if err := keepBackup(path, b); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fail(fmt.Errorf("sandbox: importing state file: %w", err))
	}
	syncDir(filepath.Dir(path))
	return s, st, nil
}

// keepBackup links the JSON file at path (content b) to its backup name,
// mode 0600. A backup already there with the same content is what an
// interrupted import left; one with other content is not overwritten.
func keepBackup(path string, b []byte) error {
	backup := path + importedSuffix
	err := os.Link(path, backup)
	if errors.Is(err, fs.ErrExist) {
		old, rerr := os.ReadFile(backup)
		if rerr != nil || !bytes.Equal(old, b) {
			return fmt.Errorf("sandbox: cannot import the JSON state file %s: %s exists with other content; move it away", path, backup)
		}
		err = nil
	}
	if err != nil {
		return fmt.Errorf("sandbox: importing state file: %w", err)
	}
	if err := os.Chmod(backup, 0o600); err != nil {
		return fmt.Errorf("sandbox: importing state file: %w", err)
	}
	return nil
}

// syncDir makes a rename in dir survive a crash; a failure is not worth
// failing for (the rename itself succeeded).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
