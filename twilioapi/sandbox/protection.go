package sandbox

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// protection is the sandbox's memory of recent starts, for the Service Rate
// Limits and the Fraud Guard burst rule. It is deliberately not in the
// state file: like Twilio's counters it only matters for minutes to hours.
type protection struct {
	hits   map[hitKey][]time.Time // rate limit + key value → starts, oldest first; under s.mu
	bursts map[burstKey]*burst    // Fraud Guard at max; under s.mu (fraudguard.go)
	gate   startGate              // starts in flight per destination; own lock
}

// hitKey is one distinct value of one rate limit's key.
type hitKey struct{ rateLimit, value string }

// maxHitKeys triggers a sweep of values no bucket can count any more, so a
// client sending ever new values (IP addresses) cannot grow memory without
// bound.
const maxHitKeys = 50000

// screening is what checking a start found that sending it must record:
// the rate-limit values it counts against and the Fraud Guard burst prefix
// it adds to.
type screening struct {
	rates []rateUse
	burst *burstKey
}

// rateUse is one RateLimits entry of a start, resolved to its rate limit.
type rateUse struct {
	rl    *rateLimit
	value string
}

// resolveRateLimits parses a start's RateLimits JSON object and resolves
// each key to the service's rate limit of that unique name. A key the
// service has no rate limit for is refused: Twilio answers an error for it
// (the code is unverified; 60200 naming the parameter is the plausible
// one), and accepting it would hide a typo that disables the limit.
func (s *Sandbox) resolveRateLimits(sv *service, raw string) ([]rateUse, *apiError) {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(raw), &m) != nil || m == nil {
		return nil, errInvalid("RateLimits")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a stable order for the error message
	limits := s.serviceRateLimits(sv.SID)
	uses := make([]rateUse, 0, len(keys))
	for _, k := range keys {
		value, ok := rateValue(m[k])
		if !ok {
			return nil, errf(http.StatusBadRequest, 60200, "Invalid parameter: RateLimits (the value of "+strconv.Quote(k)+" must be a string or a number)")
		}
		var rl *rateLimit
		for _, c := range limits {
			if c.UniqueName == k {
				rl = c
			}
		}
		if rl == nil {
			return nil, errf(http.StatusBadRequest, 60200, "Invalid parameter: RateLimits (the service has no rate limit with unique name "+strconv.Quote(k)+")")
		}
		uses = append(uses, rateUse{rl: rl, value: value})
	}
	return uses, nil
}

// rateValue reads a RateLimits value: a string, or a number taken as its
// text.
func rateValue(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return "", false
}

// checkRateLimits refuses a start one of whose buckets is full: Max starts
// with the same value within the last Interval seconds answer 429/20429
// with Retry-After (until the oldest of them leaves the interval) and
// Twilio-Reached-Rate-Limit (the rate limit's unique name; the header's
// exact content is unverified). The caller holds s.mu.
func (s *Sandbox) checkRateLimits(uses []rateUse, now time.Time) *apiError {
	for _, u := range uses {
		hits := s.prot.hits[hitKey{u.rl.SID, u.value}]
		for _, b := range creationOrder(u.rl.Buckets, nil) {
			since := now.Add(-time.Duration(b.Interval) * time.Second)
			i := sort.Search(len(hits), func(i int) bool { return hits[i].After(since) })
			if n := len(hits) - i; n >= b.Max {
				e := errf(http.StatusTooManyRequests, 20429, "Too many requests")
				e.retryAfter = hits[len(hits)-b.Max].Sub(since)
				e.rateLimit = u.rl.UniqueName
				return e
			}
		}
	}
	return nil
}

// recordScreened counts a start that was sent against its rate limits and
// its Fraud Guard burst prefix; the caller holds s.mu.
func (s *Sandbox) recordScreened(sc screening, now time.Time) {
	for _, u := range sc.rates {
		if s.prot.hits == nil {
			s.prot.hits = map[hitKey][]time.Time{}
		}
		if len(s.prot.hits) >= maxHitKeys {
			s.sweepHits(now)
		}
		k := hitKey{u.rl.SID, u.value}
		hits := append(s.prot.hits[k], now)
		// Drop what no bucket reaches back to.
		since := now.Add(-time.Duration(longestInterval(u.rl)) * time.Second)
		i := sort.Search(len(hits), func(i int) bool { return hits[i].After(since) })
		s.prot.hits[k] = hits[i:]
	}
	if sc.burst != nil {
		s.prot.addBurst(*sc.burst, now)
	}
}

// longestInterval is the longest bucket interval of rl, in seconds.
func longestInterval(rl *rateLimit) int {
	n := 0
	for _, b := range rl.Buckets {
		n = max(n, b.Interval)
	}
	return n
}

// sweepHits forgets values whose every start is older than their rate
// limit's longest interval.
func (s *Sandbox) sweepHits(now time.Time) {
	for k, hits := range s.prot.hits {
		rl := s.st.RateLimits[k.rateLimit]
		if rl == nil || len(hits) == 0 || !hits[len(hits)-1].After(now.Add(-time.Duration(longestInterval(rl))*time.Second)) {
			delete(s.prot.hits, k)
		}
	}
}

// forgetRateLimit drops the counters of a deleted rate limit.
func (p *protection) forgetRateLimit(sid string) {
	for k := range p.hits {
		if k.rateLimit == sid {
			delete(p.hits, k)
		}
	}
}

// maxConcurrentStarts is how many starts to one destination may be in
// flight at once; the next answers 429/60212 "Too many concurrent requests
// for phone number". Twilio does not publish its number (unverified).
const maxConcurrentStarts = 3

// startGate counts the starts in flight per destination. It has its own
// lock because it is taken before s.mu: a start waiting for the sandbox is
// exactly a concurrent one.
type startGate struct {
	mu sync.Mutex
	n  map[string]int
}

// enter admits one more start to "to", or reports false when
// maxConcurrentStarts are already in flight.
func (g *startGate) enter(to string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n[to] >= maxConcurrentStarts {
		return false
	}
	if g.n == nil {
		g.n = map[string]int{}
	}
	g.n[to]++
	return true
}

func (g *startGate) leave(to string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n[to] <= 1 {
		delete(g.n, to)
		return
	}
	g.n[to]--
}

// inFlight is how many starts to "to" are in flight (tests).
func (g *startGate) inFlight(to string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n[to]
}

// gatedStart is createVerification behind the concurrency gate.
func (s *Sandbox) gatedStart(w http.ResponseWriter, r *http.Request, serviceSID string, f form) {
	to := strings.ToLower(strings.TrimSpace(f.str("To")))
	if to != "" {
		if !s.prot.gate.enter(to) {
			e := errf(http.StatusTooManyRequests, 60212, "Too many concurrent requests for phone number")
			e.retryAfter = time.Second
			writeError(w, e)
			return
		}
		defer s.prot.gate.leave(to)
	}
	s.createVerification(w, r, serviceSID, f)
}
