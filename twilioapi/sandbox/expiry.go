package sandbox

import (
	"net/http"
	"strconv"
	"time"
)

// minSweep is the number of pending verifications below which expired ones
// are simply left for the next touch to close.
const minSweep = 1024

// MaxPendingPerService caps the pending verifications of one service. A
// start for a new destination beyond it answers 429 with code 20429 and a
// Retry-After of when the service's oldest pending verification expires.
// Twilio documents no such cap and no error for it; the sandbox needs one
// to keep its memory bounded, and answers with the semantics of 60203
// (429, wait until a verification expires) under Twilio's generic
// "too many requests" code, because 60203 names a per-verification limit.
const MaxPendingPerService = 10000

// Retention is how long the sandbox keeps what is over: closed
// verifications, delivery attempts and outbox messages older than this
// (by the sandbox's clock) are dropped by the sweep, besides the count caps
// in sandbox.go. Twilio keeps them far longer; a test backend has no use
// for them after a day. SeedAttempts' made-up history is exempt: it is
// meant to span 30 days.
const Retention = 24 * time.Hour

// maybeSweepExpired closes pending verifications whose ten minutes are up,
// once the pending index has doubled since the last sweep; the caller
// holds s.mu.
//
// Expiry is otherwise lazy: a verification is closed when it is next
// fetched, checked or restarted. A client that starts verifications for
// ever-new destinations and never checks them (a test suite using random
// numbers) would then keep every one pending for ever, and memory and the
// state file would grow without bound. Sweeping when the index doubles
// keeps the cost amortised O(1) per start; the timer (server.go) and clock
// moves (clock.go) catch the rest.
func (s *Sandbox) maybeSweepExpired() {
	if len(s.pending) < s.sweepAt {
		return
	}
	s.expirePending(s.clock())
}

// expirePending closes every pending verification whose time is up and
// resets the doubling threshold; the caller holds s.mu. It reports whether
// anything changed.
func (s *Sandbox) expirePending(now time.Time) bool {
	changed := false
	for _, v := range s.pending {
		if !now.Before(v.ExpiresAt) {
			s.closeVerification(v, statusExpired, v.ExpiresAt) // deleting during range is fine
			changed = true
		}
	}
	s.sweepAt = max(2*len(s.pending), minSweep)
	return changed
}

// sweep expires what is due and drops what is past Retention, then saves
// the state if that changed anything. The timer and clock moves call it.
func (s *Sandbox) sweep() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	changed := s.expirePending(now)
	if s.dropRetired(now.Add(-Retention)) {
		changed = true
	}
	s.shrinkMaps()
	if changed {
		_ = s.commit() // a failed save is retried by the next change; nothing to answer here
	}
}

// dropRetired drops closed verifications, live attempts and outbox
// messages from before cutoff; the caller holds s.mu. All three are kept
// in time order, oldest first.
func (s *Sandbox) dropRetired(cutoff time.Time) bool {
	n := 0
	for ; n < len(s.st.Closed); n++ {
		if v, ok := s.st.Verifications[s.st.Closed[n]]; ok {
			if !v.DateUpdated.Before(cutoff) {
				break
			}
			if v.Status != statusPending {
				delete(s.st.Verifications, v.SID)
				s.changed(bucketVerifications, v.SID)
			}
		}
	}
	a := s.attempts.dropLiveBefore(cutoff.Unix())
	m := 0
	for m < len(s.st.Outbox) && s.st.Outbox[m].DateCreated.Before(cutoff) {
		m++
	}
	s.st.Closed = dropFront(s.st.Closed, n)
	s.st.Outbox = dropFront(s.st.Outbox, m)
	s.st.closedFirst += uint64(n) // the lists' store keys (store_buckets.go)
	s.st.outboxFirst += uint64(m)
	return n+a+m > 0
}

// dropLiveBefore drops the live attempts (not SeedAttempts' made-up
// history, which deliberately spans 30 days) dated before cutoff, and
// reports how many went; the caller holds s.mu. The log stays in order.
func (l *attemptLog) dropLiveBefore(cutoff int64) int {
	kept := l.recs[:0]
	for _, r := range l.recs {
		if r.seeded || r.date >= cutoff {
			kept = append(kept, r)
		} else if l.changed != nil {
			l.changed(&r, true)
		}
	}
	dropped := len(l.recs) - len(kept)
	if dropped == 0 {
		return 0
	}
	clear(l.recs[len(kept):])
	if len(kept) < cap(l.recs)/4 {
		kept = append(make([]attemptRec, 0, len(kept)), kept...)
	}
	l.recs = kept
	return dropped
}

// dropFront removes the first n elements of s. When that empties most of
// the array it copies the rest into a right-sized new one, so the memory
// of a burst is given back rather than pinned by the old array.
func dropFront[T any](s []T, n int) []T {
	if n == 0 {
		return s
	}
	rest := s[n:]
	if len(rest) < cap(s)/4 {
		return append(make([]T, 0, len(rest)), rest...)
	}
	clear(s[:n])
	return rest
}

// pendingCapError is the answer to a new start in a service that has
// MaxPendingPerService pending verifications: nil when expiring the
// overdue ones made room, else 429 with a Retry-After of when the
// service's oldest one expires. The caller holds s.mu.
func (s *Sandbox) pendingCapError(serviceSID string, now time.Time) *apiError {
	s.expirePending(now)
	if s.perSvc[serviceSID] < s.pendingCap {
		return nil
	}
	first := now.Add(CodeLifetime)
	for _, v := range s.pending {
		if v.ServiceSID == serviceSID && v.ExpiresAt.Before(first) {
			first = v.ExpiresAt
		}
	}
	e := errf(http.StatusTooManyRequests, 20429, "Too many requests: the service has "+strconv.Itoa(s.pendingCap)+" pending verifications; wait for one to expire, or check or cancel some")
	e.retryAfter = first.Sub(now)
	return e
}

// shrinkMaps rebuilds the pending index and the verification map once
// they hold under a quarter of their high-water mark: Go maps never give
// back the memory of deleted entries, so after a burst (a load test's
// 200,000 verifications, expired and retired) the sandbox would otherwise
// keep the burst's footprint for ever. The caller holds s.mu.
func (s *Sandbox) shrinkMaps() {
	if h := s.high.pending; h > minSweep && len(s.pending) < h/4 {
		s.pending = copyMap(s.pending)
		s.high.pending = len(s.pending)
		// The burst's numbers filled the number and country caches too;
		// their strings, scattered over the heap, would pin megabytes of
		// spans.
		s.numbers.mu.Lock()
		s.numbers.m = nil
		s.numbers.mu.Unlock()
		s.countries.mu.Lock()
		s.countries.m = nil
		s.countries.mu.Unlock()
	}
	if h := s.high.verifications; h > minSweep && len(s.st.Verifications) < h/4 {
		s.st.Verifications = copyMap(s.st.Verifications)
		s.high.verifications = len(s.st.Verifications)
	}
}

// copyMap is a right-sized copy of m (maps.Clone keeps m's table size).
func copyMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
