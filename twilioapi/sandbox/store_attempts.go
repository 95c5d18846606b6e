package sandbox

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The attempts log (attempts.go) is stored one record per live attempt,
// keyed by its VL sid; seeded attempts are never stored. Each stored
// record carries an order key, given when the log got it, so a load puts
// attempts of the same second back in the order they happened.

// storedAttempt is an attempt as the store keeps it.
type storedAttempt struct {
	Attempt
	Order int64 `json:"order"`
}

// attemptChanged is the attempts log's hook (attemptLog.changed) with a
// state file: it notes r, added or changed, or gone (trimmed), for the
// next commit; the caller holds s.mu.
func (s *Sandbox) attemptChanged(r *attemptRec, gone bool) {
	if r.seeded {
		return
	}
	st := s.store
	if gone {
		st.attemptJournal[r.sid] = nil
		return
	}
	if _, ok := st.attemptOrder[r.sid]; !ok {
		st.lastOrder++
		st.attemptOrder[r.sid] = st.lastOrder
	}
	a := r.export()
	st.attemptJournal[r.sid] = &a
}

// collectAttempts appends the ops for the attempts noted since the last
// collect, and forgets them.
func (s *store) collectAttempts(ops []storeOp) ([]storeOp, error) {
	for sid, a := range s.attemptJournal {
		if a == nil {
			ops = append(ops, storeOp{bucket: bucketAttempts, key: []byte(sid)})
			delete(s.attemptOrder, sid)
			continue
		}
		raw, err := json.Marshal(storedAttempt{*a, s.attemptOrder[sid]})
		if err != nil {
			return nil, err
		}
		ops = append(ops, storeOp{bucketAttempts, []byte(sid), raw})
	}
	clear(s.attemptJournal)
	return ops, nil
}

// loadAttempts reads the stored attempts into st.Attempts, oldest first,
// for the attempts log to load.
func (s *store) loadAttempts(tx *bolt.Tx, st *state) error {
	b := tx.Bucket([]byte(bucketAttempts))
	if b == nil {
		return fmt.Errorf("no %s bucket", bucketAttempts)
	}
	var all []storedAttempt
	s.attemptOrder, s.lastOrder = map[string]int64{}, 0
	err := b.ForEach(func(k, v []byte) error {
		var a storedAttempt
		if err := strictJSON(v, &a); err != nil {
			return fmt.Errorf("attempt %s: %w", k, err)
		}
		if a.SID != string(k) {
			return fmt.Errorf("attempt entry %s is inconsistent", k)
		}
		all = append(all, a)
		s.attemptOrder[a.SID] = a.Order
		s.lastOrder = max(s.lastOrder, a.Order)
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(all, func(a, b storedAttempt) int {
		return cmp.Or(cmp.Compare(a.DateCreated.Unix(), b.DateCreated.Unix()), cmp.Compare(a.Order, b.Order))
	})
	st.Attempts = make([]Attempt, len(all))
	for i, a := range all {
		st.Attempts[i] = a.Attempt
	}
	return nil
}

// live is the log's attempts that are not seeded, oldest first: what the
// store holds of it.
func (l *attemptLog) live() []Attempt {
	var out []Attempt
	for i := range l.recs {
		if !l.recs[i].seeded {
			out = append(out, l.recs[i].export())
		}
	}
	return out
}
