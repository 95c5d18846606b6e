package sshserve

import (
	"net"
	"sync"
	"time"
)

// authLimiter is a token bucket per remote IP for authentication
// attempts: each attempt (each key offered) takes a token, tokens come
// back at a steady rate, and an address with none left is refused before
// its key is even looked at. It bounds how fast one address can probe
// the allowlist, across as many connections as it opens.
type authLimiter struct {
	mu      sync.Mutex
	every   time.Duration // one token back per every
	burst   int
	buckets map[string]*bucket
	now     func() time.Time
}

// bucket is one address's tokens as of last.
type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets bounds the limiter's memory: past it, addresses whose
// buckets are full again are forgotten (they would start full anyway),
// and if none is, the one least recently seen.
const maxBuckets = 4096

func newAuthLimiter(burst int, every time.Duration, now func() time.Time) *authLimiter {
	return &authLimiter{every: every, burst: burst, buckets: map[string]*bucket{}, now: now}
}

// refill brings b up to date and returns it (nil when ip has none).
func (l *authLimiter) refill(ip string, t time.Time) *bucket {
	b := l.buckets[ip]
	if b == nil {
		return nil
	}
	if l.every > 0 {
		b.tokens += float64(t.Sub(b.last)) / float64(l.every)
	}
	if b.tokens > float64(l.burst) {
		b.tokens = float64(l.burst)
	}
	b.last = t
	return b
}

// Allow takes one token for ip and reports whether there was one.
func (l *authLimiter) Allow(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.now()
	b := l.refill(ip, t)
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.forgetFull(t)
		}
		b = &bucket{tokens: float64(l.burst), last: t}
		l.buckets[ip] = b
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Blocked reports whether ip has no token left (nothing is taken): such
// an address is turned away as soon as it connects.
func (l *authLimiter) Blocked(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(ip, l.now())
	return b != nil && b.tokens < 1
}

// forgetFull drops the buckets that have refilled completely, or, when
// none has, the least recently used one.
func (l *authLimiter) forgetFull(t time.Time) {
	oldest, oldestAt := "", t
	for ip, b := range l.buckets {
		if b.last.Before(oldestAt) || oldest == "" {
			oldest, oldestAt = ip, b.last
		}
		if b := l.refill(ip, t); b.tokens >= float64(l.burst) {
			delete(l.buckets, ip)
		}
	}
	if len(l.buckets) >= maxBuckets {
		delete(l.buckets, oldest)
	}
}

// remoteIP is the address part of a remote address ("" when unknown),
// so all connections from one host share a bucket; for IPv6 it is the
// /64, which one host usually has whole.
func remoteIP(a net.Addr) string {
	if a == nil {
		return ""
	}
	if t, ok := a.(*net.TCPAddr); ok {
		if t.IP.To4() == nil && len(t.IP) == net.IPv6len {
			return t.IP.Mask(net.CIDRMask(64, 128)).String() + "/64"
		}
		return t.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}
