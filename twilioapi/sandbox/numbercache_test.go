package sandbox

import (
	"net/url"
	"strings"
	"testing"
)

// Only E.164-shaped strings reach the number cache: a 64 KB To (or any
// other junk) is refused without being remembered.
func TestNumberCacheKeepsOnlyE164(t *testing.T) {
	e := newEnv(t, Options{})
	huge := "+1" + strings.Repeat("5", maxBody-200)
	for _, to := range []string{huge, "not a number", "+1415555010x", NumberMobile} {
		e.raw("POST", "/v2/Services/"+e.demo+"/Verifications", "Channel=sms&To="+url.QueryEscape(to))
	}
	e.sb.numbers.mu.RLock()
	defer e.sb.numbers.mu.RUnlock()
	for k := range e.sb.numbers.m {
		if !strictE164(k) {
			t.Fatalf("cached a %d-byte non-E.164 key", len(k))
		}
	}
	if ok, hit := e.sb.numbers.m[NumberMobile]; !hit || !ok {
		t.Fatal("a valid number was not cached")
	}
}
