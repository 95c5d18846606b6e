package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The state file (Options.StatePath) is a bbolt database: one record per
// service, verification, Safe List entry, outbox message, attempt and
// closed-verification entry, each in its bucket (store_buckets.go). A
// change writes only the records it touched, in a transaction it shares
// with the changes made concurrently (store_journal.go), so a change costs
// the same with 50,000 stored verifications as with none; bbolt's
// copy-on-write pages and two-phase meta update mean a crash at any
// instant leaves the last committed state, and no temporary file, behind.

// storeLockWait is how long opening waits for another process's lock on
// the state file before saying it is in use: long enough to ride out a
// sandbox that is just exiting, short enough to fail at once for a user.
const storeLockWait = 250 * time.Millisecond

// storeFormat is the version of the store's layout, in the meta bucket.
const storeFormat = "1"

// store is an open state file, what the sandbox changed in memory since
// it last collected the changes, and the batches of changes on their way
// to the file.
//
// Changes are group-committed: a change is collected and queued under
// Sandbox.mu (commit), and its request waits, without the lock, until the
// committer goroutine has written it; the committer writes everything
// queued meanwhile in one transaction, so concurrent clients share one
// fsync instead of queueing for one each. Nothing is answered before it is
// durable, and a request that read a change waits for that change too.
type store struct {
	db   *bolt.DB
	path string

	// Guarded by Sandbox.mu:

	// staged is, per list, the keys [first, end) the file will hold once
	// every queued batch is written; stagedSeq likewise.
	staged    map[string]keyRange
	stagedSeq int64
	// dirty holds, per map bucket, the keys changed since the last
	// collect; dirtyItems, per list bucket, the keys of elements changed
	// in place.
	dirty      map[string]map[string]struct{}
	dirtyItems map[string]map[uint64]struct{}
	// scanned holds, per scanned map bucket, the encoding of each record
	// as last written.
	scanned map[string]map[string][]byte
	// attempts: what changed in the attempts log (nil: dropped), and the
	// order key of each stored attempt (store_attempts.go).
	attemptJournal map[string]*Attempt
	attemptOrder   map[string]int64
	lastOrder      int64
	// notify holds the messages delivered by the change being collected:
	// subscribers hear of them once it is durable.
	notify []Message
	// deferWait is set while a change runs under lockedDurable, which
	// waits for ticket, the batch of its change, after unlocking.
	deferWait bool
	ticket    *batch

	// Guarded by cmu:

	cmu  sync.Mutex
	cond *sync.Cond // signalled when open fills or closing is set
	// open collects the changes queued while the previous batch is
	// written; lastQueued is the newest batch that received a change.
	open, lastQueued *batch
	closing          bool
	// beforeCommit, when set, runs inside each write transaction; an
	// error from it fails the write (tests inject failures here).
	beforeCommit func(*bolt.Tx) error

	done chan struct{} // closed when the committer has stopped
}

// keyRange is the keys [first, end) of a list's stored elements.
type keyRange struct{ first, end uint64 }

// openStore opens the state file at path, creating it when missing and
// importing it once when it is a JSON state file of an earlier sandbox.
// It returns the state it holds, or nil for a new file. The file is
// locked for as long as the store is open: a second sandbox on it fails
// with an error that says so.
func openStore(path string) (*store, *state, error) {
	head, err := readHead(path)
	if err != nil {
		return nil, nil, err
	}
	if isJSON(head) {
		return importJSON(path)
	}
	db, err := openBolt(path)
	if err != nil {
		return nil, nil, err
	}
	s := newStore(db, path)
	st, err := s.load()
	if err != nil {
		_ = db.Close()
		return nil, nil, err
	}
	// A crash in the middle of an import leaves its file; the import is
	// redone from the JSON, so a leftover next to a store is stale.
	_ = os.Remove(importingPath(path))
	return s, st, nil
}

func newStore(db *bolt.DB, path string) *store {
	s := &store{
		db: db, path: path,
		staged:     map[string]keyRange{},
		dirty:      map[string]map[string]struct{}{},
		dirtyItems: map[string]map[uint64]struct{}{},
		scanned:    map[string]map[string][]byte{},
		done:       make(chan struct{}),

		attemptJournal: map[string]*Attempt{},
		attemptOrder:   map[string]int64{},
	}
	s.cond = sync.NewCond(&s.cmu)
	return s
}

// readHead reads the first bytes of path (nil when it does not exist or is
// empty).
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading state file: %w", err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("sandbox: reading state file: %w", err)
	}
	return head[:n], nil
}

// isJSON reports whether a file starting with head is a JSON state file:
// its first byte that is not white space opens an object. A bbolt file
// starts with a page header, whose first byte is 0. A file of only white
// space counts as JSON, so that it is refused as an empty state file.
func isJSON(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	return len(head) > 0 && (len(t) == 0 || t[0] == '{')
}

// openBolt opens (or creates, mode 0600) the bbolt file at path, holding
// its lock. An empty file, which is all a crash during creation can leave,
// is initialised like a missing one.
func openBolt(path string) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout: storeLockWait,
		// The free-page list is rebuilt when opening instead of being
		// written by every transaction: commits stay small as the file
		// grows.
		NoFreelistSync: true,
		FreelistType:   bolt.FreelistMapType,
	})
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return nil, inUseError(path)
	case errors.As(err, new(*fs.PathError)):
		return nil, fmt.Errorf("sandbox: opening state file: %w", err)
	case err != nil:
		// Everything else bbolt says is about the content: not one of its
		// files, or a damaged one.
		return nil, errCorrupt(path, "not a sandbox state file: "+err.Error())
	}
	// A file created by an earlier version with a wider mode is narrowed:
	// pending codes are in it.
	if err := os.Chmod(path, 0o600); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sandbox: opening state file: %w", err)
	}
	return db, nil
}

// inUseError is the error for a state file another sandbox holds.
type inUseError string

func (path inUseError) Error() string {
	return fmt.Sprintf("sandbox: state file %s is in use by another sandbox (stop it, or give this one another --state file)", string(path))
}

// close closes the file of a store whose committer never ran.
func (s *store) close() error { return s.db.Close() }

// Close writes what is queued, stops the committer and releases the
// state file (its lock, so another sandbox may open it). A sandbox without
// Options.StatePath has nothing to release. Changes after Close are
// answered with a 500.
func (s *Sandbox) Close() error {
	s.closeIntercept()
	st := s.store
	if st == nil {
		return nil
	}
	st.cmu.Lock()
	if st.closing {
		st.cmu.Unlock()
		<-st.done
		return nil
	}
	st.closing = true
	st.cond.Broadcast()
	st.cmu.Unlock()
	<-st.done
	return st.db.Close()
}
