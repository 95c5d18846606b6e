package twilioapi_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// counted is a sandbox served through a handler that counts the API
// requests it receives (method and path), so a test sees how often the
// client really asked.
type counted struct {
	sb *sandbox.Sandbox
	c  *twilioapi.Client
	mu sync.Mutex
	n  map[string]int
	// fail503, when above zero, answers that many GETs with a 503 itself
	// before the sandbox sees them (a server that recovers).
	fail503 int
}

func newCounted(t *testing.T, p twilioapi.RetryPolicy) *counted {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ct := &counted{sb: sb, n: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v2/") {
			ct.mu.Lock()
			ct.n[r.Method]++
			fail := r.Method == http.MethodGet && ct.fail503 > 0
			if fail {
				ct.fail503--
			}
			ct.mu.Unlock()
			if fail {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = w.Write([]byte(`{"code":20503,"message":"Service Unavailable","more_info":"","status":503}`))
				return
			}
		}
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ct.c = apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL, Retry: p})
	return ct
}

// count is how many requests of method the sandbox received, and resets
// the count.
func (ct *counted) count(method string) int {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	n := ct.n[method]
	ct.n[method] = 0
	return n
}

// fastRetry keeps the back-off short so the tests do not sleep long.
var fastRetry = twilioapi.RetryPolicy{Attempts: 3, Budget: 2 * time.Second, Base: 10 * time.Millisecond}

func asError(t *testing.T, err error) *twilioapi.Error {
	t.Helper()
	var e *twilioapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *twilioapi.Error", err, err)
	}
	return e
}

// TestReadsRetryWithinTheirBound: a GET that keeps failing with 5xx or a
// dropped connection is sent three times, the error says so, and the
// caller's Retries saw the two retries.
func TestReadsRetryWithinTheirBound(t *testing.T) {
	for _, tc := range []struct {
		name   string
		faults sandbox.Faults
		kind   twilioapi.ErrorKind
		cause  string
	}{
		{"server errors", sandbox.Faults{ErrorShare: 1}, twilioapi.KindAPI, "50"},
		{"dropped connections", sandbox.Faults{DropShare: 1}, twilioapi.KindReset, "dropped connection"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := newCounted(t, fastRetry)
			ct.sb.SetFaults(tc.faults)
			var rep twilioapi.Retries
			_, err := ct.c.ListServicesPage(twilioapi.WithRetries(context.Background(), &rep), 20, "")
			e := asError(t, err)
			if e.Kind != tc.kind || e.Attempts != 3 || e.OutcomeUnknown {
				t.Fatalf("error %+v: want kind %v after 3 attempts, outcome known (a read)", e, tc.kind)
			}
			if got := ct.count(http.MethodGet); got != 3 {
				t.Fatalf("the sandbox received %d GETs, want 3", got)
			}
			if rep.Count() != 2 || !strings.HasPrefix(rep.Causes()[0], tc.cause) {
				t.Fatalf("retries %d %v, want 2 starting %q", rep.Count(), rep.Causes(), tc.cause)
			}
			if !strings.Contains(e.Detail(), "Attempts:  3") {
				t.Fatalf("the error dialog does not say how often it tried:\n%s", e.Detail())
			}
		})
	}
}

// TestReadRecoversAfterARetry: a server that answers 503 once and then
// works gives the caller its answer and one recorded retry.
func TestReadRecoversAfterARetry(t *testing.T) {
	ct := newCounted(t, fastRetry)
	ct.fail503 = 1
	var rep twilioapi.Retries
	page, err := ct.c.ListServicesPage(twilioapi.WithRetries(context.Background(), &rep), 20, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Services) == 0 {
		t.Fatal("no services after the recovery (the sandbox has a demo service)")
	}
	if got := ct.count(http.MethodGet); got != 2 {
		t.Fatalf("the server received %d GETs, want 2", got)
	}
	if rep.Count() != 1 || rep.Causes()[0] != "503" {
		t.Fatalf("retries %d %v, want one after 503", rep.Count(), rep.Causes())
	}
}

// TestReadHonoursRetryAfterWithinTheBudget: a 429's Retry-After is
// waited for while it fits the budget; one that does not fit is not
// waited for and the 429 comes back with its RetryAfter.
func TestReadHonoursRetryAfterWithinTheBudget(t *testing.T) {
	ct := newCounted(t, twilioapi.RetryPolicy{Attempts: 3, Budget: 1500 * time.Millisecond, Base: 10 * time.Millisecond})
	ct.sb.SetFaults(sandbox.Faults{RateLimitShare: 1, RetryAfter: time.Second})
	start := time.Now()
	_, err := ct.c.ListServicesPage(context.Background(), 20, "")
	took := time.Since(start)
	e := asError(t, err)
	if e.Status != http.StatusTooManyRequests || e.RetryAfter != time.Second || e.Attempts != 2 {
		t.Fatalf("error %+v: want the 429 with Retry-After 1s after 2 attempts", e)
	}
	if got := ct.count(http.MethodGet); got != 2 {
		t.Fatalf("the sandbox received %d GETs, want 2 (the second after Retry-After; a third would pass the budget)", got)
	}
	if took < time.Second {
		t.Fatalf("the retry came after %s, before the Retry-After of 1s", took)
	}

	ct.sb.SetFaults(sandbox.Faults{RateLimitShare: 1, RetryAfter: 5 * time.Second})
	_, err = ct.c.ListServicesPage(context.Background(), 20, "")
	if e := asError(t, err); e.Attempts != 1 || e.RetryAfter != 5*time.Second {
		t.Fatalf("error %+v: a Retry-After beyond the budget must not be waited for", e)
	}
	if got := ct.count(http.MethodGet); got != 1 {
		t.Fatalf("the sandbox received %d GETs, want 1", got)
	}
}

// TestSendsAndChecksAreNeverRetried: a POST that starts a verification or
// checks a code is sent exactly once whatever goes wrong; when no clear
// answer came, the error says the outcome is unknown and to refresh.
func TestSendsAndChecksAreNeverRetried(t *testing.T) {
	ct := newCounted(t, fastRetry)
	svc, err := ct.c.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: ptr("Retry")})
	if err != nil {
		t.Fatal(err)
	}
	// A pending verification for the checks.
	if _, err := ct.c.StartVerification(context.Background(), twilioapi.StartParams{ServiceSID: svc.SID, To: "+14155550100", Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	ct.count(http.MethodPost)
	send := func() error {
		_, err := ct.c.StartVerification(context.Background(), twilioapi.StartParams{ServiceSID: svc.SID, To: "+14155550100", Channel: twilioapi.ChannelSMS})
		return err
	}
	check := func() error {
		_, err := ct.c.CheckVerification(context.Background(), twilioapi.CheckParams{ServiceSID: svc.SID, To: "+14155550100", Code: "123456"})
		return err
	}
	for _, tc := range []struct {
		name    string
		faults  sandbox.Faults
		unknown bool
	}{
		{"server error", sandbox.Faults{ErrorShare: 1}, true},
		{"dropped connection", sandbox.Faults{DropShare: 1}, true},
		{"rate limited", sandbox.Faults{RateLimitShare: 1}, false},
	} {
		for _, op := range []struct {
			name string
			do   func() error
			hint string
		}{{"send", send, "not resent automatically"}, {"check", check, "not repeated"}} {
			t.Run(tc.name+"/"+op.name, func(t *testing.T) {
				ct.sb.SetFaults(tc.faults)
				defer ct.sb.SetFaults(sandbox.Faults{})
				e := asError(t, op.do())
				if got := ct.count(http.MethodPost); got != 1 {
					t.Fatalf("the sandbox received %d POSTs, want exactly 1", got)
				}
				if e.Attempts != 1 || e.OutcomeUnknown != tc.unknown {
					t.Fatalf("error %+v: want 1 attempt, outcome unknown %v", e, tc.unknown)
				}
				if tc.unknown && (!strings.Contains(e.Error(), "outcome is unknown") ||
					!strings.Contains(e.Hint, op.hint) || !strings.Contains(e.Hint, "refresh")) {
					t.Fatalf("error %q, hint %q: must say the outcome is unknown, that it was not repeated, and to refresh", e.Error(), e.Hint)
				}
			})
		}
	}
}

// TestCancelEndsARetryingRead: a caller's cancel stops the back-off at
// once instead of waiting out the budget.
func TestCancelEndsARetryingRead(t *testing.T) {
	ct := newCounted(t, twilioapi.RetryPolicy{Attempts: 3, Budget: 10 * time.Second, Base: 4 * time.Second})
	ct.sb.SetFaults(sandbox.Faults{ErrorShare: 1})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := ct.c.ListServicesPage(ctx, 20, "")
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("the cancel took %s to end the read", took)
	}
	if e := asError(t, err); e.Attempts != 1 {
		t.Fatalf("error %+v: want 1 attempt before the cancel", e)
	}
}
