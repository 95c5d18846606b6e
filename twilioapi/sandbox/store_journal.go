package sandbox

import (
	"errors"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// changed notes that key of the map bucket changed in memory (set or
// deleted), for the next commit to write; the caller holds s.mu. Without a
// state file it does nothing.
func (s *Sandbox) changed(bucket, key string) {
	if s.store != nil {
		note(s.store.dirty, bucket, key)
	}
}

// changedItem notes that element i of the list bucket changed in place;
// the caller holds s.mu. Appends and trims need no note: the commit sees
// them from the list's length and first key.
func (s *Sandbox) changedItem(bucket string, first uint64, i int) {
	if s.store != nil {
		note(s.store.dirtyItems, bucket, first+uint64(i))
	}
}

// note adds key to the set of bucket in sets.
func note[K comparable](sets map[string]map[K]struct{}, bucket string, key K) {
	keys := sets[bucket]
	if keys == nil {
		keys = map[K]struct{}{}
		sets[bucket] = keys
	}
	keys[key] = struct{}{}
}

// batch is changes written in one transaction.
type batch struct {
	ops    []storeOp
	notify []Message
	done   chan struct{} // closed once written or failed
	err    error         // set before done is closed
}

// wait waits until b is written and returns why it could not be (nil: no
// batch, nothing to wait for).
func (b *batch) wait() error {
	if b == nil {
		return nil
	}
	<-b.done
	return b.err
}

// errSaving is the answer to a change that could not be made durable.
func errSaving(err error) *apiError {
	return errf(500, 20500, "Sandbox could not save its state: "+err.Error())
}

// commit queues the change just made (the records it touched, and any a
// read touched before it, such as a lazily expired verification) for the
// committer; the caller holds s.mu, so changes are queued in the order
// they were made. Under lockedDurable it returns at once and the request
// waits after unlocking; otherwise it waits here, with s.mu released
// meanwhile. A change that could not be written is answered with
// Twilio's 500, and by then memory is back to what the file holds.
func (s *Sandbox) commit() *apiError {
	st := s.store
	if st == nil {
		return nil
	}
	notify := st.notify
	st.notify = nil
	ops, err := st.collect(s.st)
	if err != nil {
		s.reload()
		return errSaving(err)
	}
	st.cmu.Lock()
	if st.closing {
		st.cmu.Unlock()
		return errSaving(errors.New("the sandbox is closed"))
	}
	if len(ops) == 0 && len(notify) == 0 {
		// Nothing to write (a Safe List entry added again): the answer
		// still waits for what the change read.
		b := st.lastQueued
		st.cmu.Unlock()
		return s.waitFor(b)
	}
	if st.open == nil {
		st.open = &batch{done: make(chan struct{})}
		st.cond.Signal()
	}
	b := st.open
	b.ops = append(b.ops, ops...)
	b.notify = append(b.notify, notify...)
	st.lastQueued = b
	st.cmu.Unlock()
	return s.waitFor(b)
}

// waitFor is commit's wait for b: at once under lockedDurable (which
// waits after unlocking), here otherwise, with s.mu released meanwhile.
func (s *Sandbox) waitFor(b *batch) *apiError {
	if s.store.deferWait {
		s.store.ticket = b
		return nil
	}
	s.mu.Unlock()
	err := b.wait()
	s.mu.Lock()
	if err != nil {
		return errSaving(err)
	}
	return nil
}

// lockedDurable is fill(b) under s.mu, answered only once every change it
// made or saw is durable: it waits, after unlocking, for the batch of its
// change or, when it changed nothing, for the newest queued batch (what
// it read may be in it). When that batch could not be written, the answer
// is the 500 instead.
func (s *Sandbox) lockedDurable(fill func(b []byte) ([]byte, int, *apiError), b []byte) ([]byte, int, *apiError) {
	b, status, aerr, ticket := s.fillLocked(fill, b)
	if err := ticket.wait(); err != nil {
		return b, 0, errSaving(err)
	}
	return b, status, aerr
}

// fillLocked runs fill under s.mu and returns the batch to wait for.
func (s *Sandbox) fillLocked(fill func(b []byte) ([]byte, int, *apiError), b []byte) (_ []byte, _ int, _ *apiError, ticket *batch) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.store
	if st == nil {
		b, status, aerr := fill(b)
		return b, status, aerr, nil
	}
	st.deferWait, st.ticket = true, nil
	defer func() { st.deferWait, st.ticket = false, nil }()
	b, status, aerr := fill(b)
	ticket = st.ticket
	if ticket == nil {
		st.cmu.Lock()
		ticket = st.lastQueued
		st.cmu.Unlock()
	}
	return b, status, aerr, ticket
}

// runCommitter writes the queued batches, one transaction each, until
// Close; it runs in its own goroutine from New on.
func (s *Sandbox) runCommitter() {
	st := s.store
	defer close(st.done)
	for {
		st.cmu.Lock()
		for st.open == nil && !st.closing {
			st.cond.Wait()
		}
		b, hook := st.open, st.beforeCommit
		st.open = nil
		st.cmu.Unlock()
		if b == nil {
			return // closing, and nothing left to write
		}
		err := st.db.Update(func(tx *bolt.Tx) error {
			if hook != nil {
				if err := hook(tx); err != nil {
					return err
				}
			}
			return apply(tx, b.ops)
		})
		if err != nil {
			s.failBatch(b, err)
			continue
		}
		if len(b.notify) > 0 {
			// Before the answers: a subscriber has the message by the
			// time the client hears of its verification.
			s.mu.Lock()
			for _, m := range b.notify {
				s.fanOut(m)
			}
			s.mu.Unlock()
		}
		close(b.done)
	}
}

// failBatch handles a batch that could not be written: memory goes back
// to what the file holds, and b fails with every change queued after it
// (each may build on b's), before any of their requests is answered.
func (s *Sandbox) failBatch(b *batch, err error) {
	st := s.store
	s.mu.Lock()
	s.reload()
	st.cmu.Lock()
	rest := st.open
	st.open, st.lastQueued = nil, nil
	st.cmu.Unlock()
	s.mu.Unlock()
	for _, f := range []*batch{b, rest} {
		if f != nil {
			f.err = err
			close(f.done)
		}
	}
}

// reload replaces the in-memory state by what the file holds and forgets
// every change not yet written; the caller holds s.mu. Should the file
// itself be unreadable, memory is left as it is.
func (s *Sandbox) reload() {
	st := s.store
	st.dirty = map[string]map[string]struct{}{}
	st.dirtyItems = map[string]map[uint64]struct{}{}
	st.attemptJournal = map[string]*Attempt{}
	st.notify = nil
	loaded, err := st.load()
	if err != nil || loaded == nil {
		return
	}
	// Seeded attempts are not in the file: they stay.
	var seeded []attemptRec
	for _, r := range s.attempts.recs {
		if r.seeded {
			seeded = append(seeded, r)
		}
	}
	s.st.replaceWith(loaded)
	clear(s.pending)
	clear(s.bySNA)
	clear(s.perSvc)
	s.reindex() // loads the log from the file's attempts
	if len(seeded) > 0 {
		s.attempts.recs = append(s.attempts.recs, seeded...)
		slices.SortFunc(s.attempts.recs, compareRecs)
		for _, r := range seeded {
			s.attempts.seq = max(s.attempts.seq, r.seq)
		}
	}
	s.sweepAt = 0
}

// replaceWith makes st hold what o holds. The account is the same and is
// read without the lock (authorization), so it is not written; every
// other field is (TestReplaceWithCopiesEveryField).
func (st *state) replaceWith(o *state) {
	st.Seq = o.Seq
	st.Services, st.Verifications, st.SafeList = o.Services, o.Verifications, o.SafeList
	st.Closed, st.Outbox, st.Attempts = o.Closed, o.Outbox, o.Attempts
	st.Entities, st.RateLimits, st.Guard = o.Entities, o.RateLimits, o.Guard
	st.Webhooks, st.MessagingConfigs = o.Webhooks, o.MessagingConfigs
	st.closedFirst, st.outboxFirst = o.closedFirst, o.outboxFirst
}
