package sandbox

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// benchAttempts is the size of the seeded history the attempts benchmarks
// list and summarise.
const benchAttempts = 100_000

// seededSandbox is a sandbox holding benchAttempts seeded attempts.
func seededSandbox(b *testing.B) *Sandbox {
	b.Helper()
	sb, err := New(Options{Clock: NewManualClock(t0).Now, SeedAttempts: benchAttempts})
	if err != nil {
		b.Fatal(err)
	}
	return sb
}

// benchGet runs GET target against the handler b.N times.
func benchGet(b *testing.B, sb *Sandbox, target string) {
	path, query, _ := strings.Cut(target, "?")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := &http.Request{Method: "GET", URL: &url.URL{Path: path, RawQuery: query}, Host: "127.0.0.1:1", Header: http.Header{}, Body: http.NoBody}
		r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
		w := httptest.NewRecorder()
		sb.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkAttemptsPage lists the newest page of 50 out of 100,000.
func BenchmarkAttemptsPage(b *testing.B) {
	benchGet(b, seededSandbox(b), "/v2/Attempts?PageSize=50")
}

// BenchmarkAttemptsPageFiltered lists a page of 50 with country, channel
// and status filters (about 1 attempt in 8 matches).
func BenchmarkAttemptsPageFiltered(b *testing.B) {
	benchGet(b, seededSandbox(b), "/v2/Attempts?PageSize=50&Country=GB&Channel=sms&Status=converted")
}

// BenchmarkAttemptsPageSelective lists the attempts to one number: the
// worst case, a scan of the whole log for a handful of matches.
func BenchmarkAttemptsPageSelective(b *testing.B) {
	sb := seededSandbox(b)
	to := sb.Attempts()[benchAttempts/2].To
	benchGet(b, sb, "/v2/Attempts?PageSize=50&ChannelData.To="+url.QueryEscape(to))
}

// BenchmarkAttemptsPageDeep follows a page token into the middle of the
// log (what paging on does), with a date window.
func BenchmarkAttemptsPageDeep(b *testing.B) {
	sb := seededSandbox(b)
	sb.mu.Lock()
	tok := attemptToken(&sb.attempts.recs[benchAttempts/2])
	sb.mu.Unlock()
	benchGet(b, sb, "/v2/Attempts?PageSize=50&Page=1000&PageToken="+tok+"&DateCreatedAfter=2026-11-01T00:00:00Z")
}

// BenchmarkAttemptsSummary summarises all 100,000 attempts.
func BenchmarkAttemptsSummary(b *testing.B) {
	benchGet(b, seededSandbox(b), "/v2/Attempts/Summary")
}

// BenchmarkAttemptsSummaryFiltered summarises one service and channel over
// the last week.
func BenchmarkAttemptsSummaryFiltered(b *testing.B) {
	sb := seededSandbox(b)
	benchGet(b, sb, "/v2/Attempts/Summary?Channel=sms&DateCreatedAfter=2026-11-19T12:00:00Z&VerifyServiceSid="+sb.Attempts()[0].ServiceSID)
}

// BenchmarkAttemptsPageTwilioGo is the plain page through twilio-go over
// loopback HTTP, decoding included.
func BenchmarkAttemptsPageTwilioGo(b *testing.B) {
	e := newEnv(b, Options{SeedAttempts: benchAttempts})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.v.PageVerificationAttempt((&verify.ListVerificationAttemptParams{}).SetPageSize(50), "", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSeedAttempts measures seeding 100,000 attempts.
func BenchmarkSeedAttempts(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Clock: NewManualClock(t0).Now, SeedAttempts: benchAttempts}); err != nil {
			b.Fatal(err)
		}
	}
}
