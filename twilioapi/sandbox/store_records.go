package sandbox

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// load reads the whole state from the file, or nil for a new file. A file
// that breaks the rules (unknown format, an invalid account, a record that
// does not decode or names another key, a list with a gap) is refused.
func (s *store) load() (*state, error) {
	var st *state
	err := s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte(bucketMeta))
		if meta == nil {
			// A new file has no bucket at all (a crash before the first
			// write leaves it so); anything else is not a sandbox's.
			return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
				return fmt.Errorf("unknown bucket %q", name)
			})
		}
		if f := string(meta.Get(metaFormat)); f != storeFormat {
			return fmt.Errorf("unknown format %q", f)
		}
		account := string(meta.Get(metaAccount))
		if !ValidAccountSID(account) {
			return fmt.Errorf("no valid account_sid")
		}
		seq, err := strconv.ParseInt(string(meta.Get(metaSeq)), 10, 64)
		if err != nil {
			return fmt.Errorf("no valid seq")
		}
		st = newState(account)
		st.Seq = seq
		for _, mb := range mapBuckets {
			b := tx.Bucket([]byte(mb.name))
			if b == nil {
				return fmt.Errorf("no %s bucket", mb.name)
			}
			seen := map[string][]byte{}
			if err := b.ForEach(func(k, v []byte) error {
				if err := mb.set(st, string(k), v); err != nil {
					return fmt.Errorf("%s entry %s: %w", mb.name, k, err)
				}
				if mb.scan {
					seen[string(k)] = bytes.Clone(v)
				}
				return nil
			}); err != nil {
				return err
			}
			s.scanned[mb.name] = seen
		}
		if err := s.loadAttempts(tx, st); err != nil {
			return err
		}
		for _, lb := range listBuckets {
			r, err := loadList(tx, lb, st)
			if err != nil {
				return err
			}
			s.staged[lb.name] = r
		}
		return st.check()
	})
	if err != nil {
		return nil, errCorrupt(s.path, err.Error())
	}
	if st != nil {
		s.stagedSeq = st.Seq
	}
	return st, nil
}

// loadList replaces the list lb of st by what the file holds, and returns
// the stored key range.
func loadList(tx *bolt.Tx, lb listBucket, st *state) (keyRange, error) {
	b := tx.Bucket([]byte(lb.name))
	if b == nil {
		return keyRange{}, fmt.Errorf("no %s bucket", lb.name)
	}
	lb.reset(st)
	var r keyRange
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 {
			return keyRange{}, fmt.Errorf("%s key %x is not a position", lb.name, k)
		}
		key := binary.BigEndian.Uint64(k)
		if r.end == r.first {
			r = keyRange{key, key}
		} else if key != r.end {
			return keyRange{}, fmt.Errorf("%s has a gap before key %d", lb.name, key)
		}
		if err := lb.push(st, v); err != nil {
			return keyRange{}, fmt.Errorf("%s entry %d: %w", lb.name, key, err)
		}
		r.end++
	}
	*lb.first(st) = r.first
	return r, nil
}

// storeOp is one put (val not nil) or delete of a record.
type storeOp struct {
	bucket   string
	key, val []byte
}

// collect turns what changed in st since the last collect into the
// puts and deletes that make the file hold st, and forgets the changes;
// the caller holds Sandbox.mu. Records are encoded now, under the lock:
// memory moves on before they are written.
func (s *store) collect(st *state) ([]storeOp, error) {
	var ops []storeOp
	if st.Seq != s.stagedSeq {
		ops = append(ops, storeOp{bucketMeta, metaSeq, strconv.AppendInt(nil, st.Seq, 10)})
		s.stagedSeq = st.Seq
	}
	for _, mb := range mapBuckets {
		if mb.scan {
			var err error
			if ops, err = s.collectScanned(ops, mb, st); err != nil {
				return nil, err
			}
			continue
		}
		for k := range s.dirty[mb.name] {
			op := storeOp{bucket: mb.name, key: []byte(k)}
			if rec, ok := mb.get(st, k); ok {
				raw, err := json.Marshal(rec)
				if err != nil {
					return nil, err
				}
				op.val = raw
			}
			ops = append(ops, op)
		}
	}
	for _, lb := range listBuckets {
		var err error
		if ops, err = s.collectList(ops, lb, st); err != nil {
			return nil, err
		}
	}
	ops, err := s.collectAttempts(ops)
	if err != nil {
		return nil, err
	}
	clear(s.dirty)
	clear(s.dirtyItems)
	return ops, nil
}

// collectScanned appends the ops that bring the scanned bucket mb from
// what was last written to st.
func (s *store) collectScanned(ops []storeOp, mb mapBucket, st *state) ([]storeOp, error) {
	seen := s.scanned[mb.name]
	if seen == nil {
		seen = map[string][]byte{}
		s.scanned[mb.name] = seen
	}
	keys := mb.keys(st)
	for _, k := range keys {
		rec, _ := mb.get(st, k)
		raw, err := json.Marshal(rec)
		if err != nil {
			return nil, err
		}
		if old, ok := seen[k]; !ok || !bytes.Equal(old, raw) {
			ops = append(ops, storeOp{mb.name, []byte(k), raw})
			seen[k] = raw
		}
	}
	if len(seen) > len(keys) {
		for k := range seen {
			if _, ok := mb.get(st, k); !ok {
				ops = append(ops, storeOp{bucket: mb.name, key: []byte(k)})
				delete(seen, k)
			}
		}
	}
	return ops, nil
}

// collectList appends the ops that bring the list lb from what is staged
// to st: deletes of the trimmed elements, puts of the appended ones and of
// the ones changed in place.
func (s *store) collectList(ops []storeOp, lb listBucket, st *state) ([]storeOp, error) {
	old := s.staged[lb.name]
	first := *lb.first(st)
	end := first + uint64(lb.len(st))
	for k := old.first; k < min(first, old.end); k++ {
		ops = append(ops, storeOp{bucket: lb.name, key: listKey(k)})
	}
	put := func(k uint64) error {
		raw, err := json.Marshal(lb.get(st, int(k-first)))
		ops = append(ops, storeOp{lb.name, listKey(k), raw})
		return err
	}
	for k := max(first, old.end); k < end; k++ {
		if err := put(k); err != nil {
			return nil, err
		}
	}
	for k := range s.dirtyItems[lb.name] {
		if k >= first && k < min(end, old.end) {
			if err := put(k); err != nil {
				return nil, err
			}
		}
	}
	s.staged[lb.name] = keyRange{first, end}
	return ops, nil
}

// apply writes ops in tx.
func apply(tx *bolt.Tx, ops []storeOp) error {
	buckets := map[string]*bolt.Bucket{}
	for _, op := range ops {
		b := buckets[op.bucket]
		if b == nil {
			if b = tx.Bucket([]byte(op.bucket)); b == nil {
				return fmt.Errorf("no %s bucket", op.bucket)
			}
			buckets[op.bucket] = b
		}
		var err error
		if op.val == nil {
			err = b.Delete(op.key)
		} else {
			err = b.Put(op.key, op.val)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeAll makes the file hold st and nothing else, in one transaction:
// for a new file and for an import. It runs before the committer starts.
func (s *store) writeAll(st *state, attempts []Attempt) error {
	s.scanned = map[string]map[string][]byte{}
	s.attemptOrder, s.lastOrder = map[string]int64{}, 0
	s.attemptJournal = map[string]*Attempt{}
	for i := range attempts {
		s.attemptJournal[attempts[i].SID] = &attempts[i]
		s.lastOrder++
		s.attemptOrder[attempts[i].SID] = s.lastOrder
	}
	for _, mb := range mapBuckets {
		keys := map[string]struct{}{}
		for _, k := range mb.keys(st) {
			keys[k] = struct{}{}
		}
		s.dirty[mb.name] = keys
	}
	s.staged = map[string]keyRange{}
	s.stagedSeq = -1
	ops, err := s.collect(st)
	if err != nil {
		return fmt.Errorf("sandbox: writing state file: %w", err)
	}
	// In key order, each put appends to its page instead of shifting a
	// page's keys: importing 50,000 verifications takes a second, not a
	// minute.
	slices.SortFunc(ops, func(a, b storeOp) int {
		return cmp.Or(strings.Compare(a.bucket, b.bucket), bytes.Compare(a.key, b.key))
	})
	err = s.db.Update(func(tx *bolt.Tx) error {
		var names [][]byte
		if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, append([]byte(nil), name...))
			return nil
		}); err != nil {
			return err
		}
		for _, name := range names {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		for _, name := range bucketNames() {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte(bucketMeta))
		if err := meta.Put(metaFormat, []byte(storeFormat)); err != nil {
			return err
		}
		if err := meta.Put(metaAccount, []byte(st.AccountSID)); err != nil {
			return err
		}
		return apply(tx, ops)
	})
	if err != nil {
		return fmt.Errorf("sandbox: writing state file: %w", err)
	}
	return nil
}
