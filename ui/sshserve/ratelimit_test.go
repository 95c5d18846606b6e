package sshserve

import (
	"net"
	"testing"
	"time"
)

// TestAuthLimiter: burst attempts at once, then one per interval, per
// address; other addresses are not affected; memory stays bounded.
func TestAuthLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newAuthLimiter(3, time.Second, func() time.Time { return now })
	for i := 0; i < 3; i++ {
		if !l.Allow("10.0.0.1") {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if l.Allow("10.0.0.1") || !l.Blocked("10.0.0.1") {
		t.Fatal("a fourth attempt allowed at once")
	}
	if !l.Allow("10.0.0.2") || l.Blocked("10.0.0.3") {
		t.Fatal("another address limited")
	}
	now = now.Add(time.Second)
	if !l.Allow("10.0.0.1") || l.Allow("10.0.0.1") {
		t.Fatal("not exactly one token back after one interval")
	}
	now = now.Add(time.Hour)
	for i := 0; i < maxBuckets+10; i++ {
		l.Allow(net.IPv4(10, 1, byte(i>>8), byte(i)).String())
	}
	if len(l.buckets) > maxBuckets+1 {
		t.Fatalf("%d buckets kept", len(l.buckets))
	}
}

// TestRemoteIP: every connection from one host (an IPv6 /64) shares a
// bucket.
func TestRemoteIP(t *testing.T) {
	if got := remoteIP(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5555}); got != "127.0.0.1" {
		t.Errorf("tcp: %q", got)
	}
	a := remoteIP(&net.TCPAddr{IP: net.ParseIP("2001:db8::1"), Port: 1})
	if b := remoteIP(&net.TCPAddr{IP: net.ParseIP("2001:db8::ffff:2"), Port: 2}); a != b || a != "2001:db8::/64" {
		t.Errorf("ipv6 hosts in one /64: %q %q", a, b)
	}
	if got := remoteIP(nil); got != "" {
		t.Errorf("nil: %q", got)
	}
}
