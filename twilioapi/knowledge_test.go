package twilioapi

import (
	"errors"
	"testing"
	"time"
)

func TestErrorKnowledge(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	started := now.Add(-3 * time.Minute)
	notFound := &Error{Kind: KindAPI, Status: 404, Code: CodeNotFound}
	bare404 := &Error{Kind: KindAPI, Status: 404}
	maxSends := &Error{Kind: KindAPI, Status: 429, Code: CodeMaxSends}
	maxChecks := &Error{Kind: KindAPI, Status: 429, Code: CodeMaxChecks}
	rate := &Error{Kind: KindAPI, Status: 429, Code: CodeTooManyRequests, RetryAfter: 7 * time.Second}
	rateNoHeader := &Error{Kind: KindAPI, Status: 429, Code: CodeTooManyRequests}
	timeout := &Error{Kind: KindTimeout}
	server := &Error{Kind: KindAPI, Status: 503}
	bad := &Error{Kind: KindAPI, Status: 400, Code: CodeInvalidParameter}

	for _, tc := range []struct {
		name                                  string
		err                                   error
		notFound, transient, limit, rateLimit bool
	}{
		{"20404", notFound, true, false, false, false},
		{"bare 404", bare404, true, false, false, false},
		{"60203", maxSends, false, false, true, false},
		{"60202", maxChecks, false, false, true, false},
		{"20429", rate, false, false, false, true},
		{"timeout", timeout, false, true, false, false},
		{"503", server, false, true, false, false},
		{"60200", bad, false, false, false, false},
		{"wrapped 20404", errors.Join(errors.New("ctx"), notFound), true, false, false, false},
		{"not ours", errors.New("boom"), false, true, false, false},
	} {
		if got := IsNotFound(tc.err); got != tc.notFound {
			t.Errorf("%s: IsNotFound = %v", tc.name, got)
		}
		if got := IsTransient(tc.err); got != tc.transient {
			t.Errorf("%s: IsTransient = %v", tc.name, got)
		}
		if got := IsAttemptLimit(tc.err); got != tc.limit {
			t.Errorf("%s: IsAttemptLimit = %v", tc.name, got)
		}
		if got := IsRateLimited(tc.err); got != tc.rateLimit {
			t.Errorf("%s: IsRateLimited = %v", tc.name, got)
		}
	}
	if at, ok := ClearsAt(maxSends, started, now); !ok || !at.Equal(started.Add(10*time.Minute)) {
		t.Errorf("60203 clears at %v %v, want 10 minutes after the start", at, ok)
	}
	if _, ok := ClearsAt(maxSends, time.Time{}, now); ok {
		t.Error("60203 with an unknown start cannot say when it clears")
	}
	if at, ok := ClearsAt(rate, started, now); !ok || !at.Equal(now.Add(7*time.Second)) {
		t.Errorf("20429 clears at %v, want Retry-After from now", at)
	}
	if at, _ := ClearsAt(rateNoHeader, started, now); !at.Equal(now.Add(DefaultRetryAfter)) {
		t.Errorf("a 429 without Retry-After clears at %v", at)
	}
	if _, ok := ClearsAt(maxChecks, started, now); ok {
		t.Error("60202 never clears by waiting")
	}
	if d, ok := RetryAfter(rate); !ok || d != 7*time.Second {
		t.Errorf("RetryAfter = %v %v", d, ok)
	}
	if FetchesPerMinute > StatusPollsPerMinute || FetchesPerHour > StatusPollsPerHour {
		t.Error("the console's polling budget exceeds Twilio's limits")
	}
}

func TestCodeCanMatch(t *testing.T) {
	for _, tc := range []struct {
		code   string
		length int
		custom bool
		ok     bool
	}{
		{"123456", 6, false, true},
		{"123456", 0, false, true},
		{"12ab", 6, false, false},
		{"1234567", 6, false, false},
		{"1dTemp", 6, false, false},
		{"12345", 6, false, false},
		{"1234", 4, false, true},
		{"1dTemp", 6, true, true},
		{"abc", 6, true, false},
		{"12 34 56", 6, true, false},
		{"12345678901", 6, true, false},
	} {
		err := CodeCanMatch(tc.code, tc.length, tc.custom)
		if (err == nil) != tc.ok {
			t.Errorf("CodeCanMatch(%q, %d, %v) = %v", tc.code, tc.length, tc.custom, err)
		}
		if err != nil && AsError(err).Field != "Code" {
			t.Errorf("%q: error names field %q", tc.code, AsError(err).Field)
		}
	}
}
