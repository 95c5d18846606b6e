package twilioapi

import "sync"

// phoneCacheSize bounds the per-client cache of normalised destinations.
const phoneCacheSize = 1024

// phoneCache remembers what normalizeTo answered for recent destinations.
// phonenumbers' parse + validity check is regexp-heavy (~15 µs) and a
// console, like a test suite, sends and checks the same few numbers over
// and over. Only successes are cached; the map is dropped when full rather
// than tracking recency (simple, and a miss only costs a parse).
type phoneCache struct {
	mu sync.RWMutex // read-mostly: parallel calls look up without blocking each other
	m  map[string]string
}

// normalize is normalizeTo through the cache.
func (pc *phoneCache) normalize(to string, email bool) (string, error) {
	key := to
	if email {
		key = "@" + to // never shares an entry with a phone input
	}
	pc.mu.RLock()
	out, ok := pc.m[key]
	pc.mu.RUnlock()
	if ok {
		return out, nil
	}
	out, err := normalizeTo(to, email)
	if err != nil {
		return "", err
	}
	pc.mu.Lock()
	if pc.m == nil || len(pc.m) >= phoneCacheSize {
		pc.m = make(map[string]string, 64)
	}
	pc.m[key] = out
	pc.mu.Unlock()
	return out, nil
}
