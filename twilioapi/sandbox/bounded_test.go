package sandbox

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A service's pending verifications are capped: a start for a new
// destination beyond the cap is a 429 whose Retry-After is when the oldest
// expires; resends, other services and freed slots are unaffected.
func TestPendingCapPerService(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.mu.Lock()
	e.sb.pendingCap = 3
	e.sb.mu.Unlock()
	start := func(svc, to string) (*http.Response, []byte) {
		return e.raw("POST", "/v2/Services/"+svc+"/Verifications", "Channel=sms&To="+url.QueryEscape(to))
	}
	for i := range 3 {
		if resp, b := start(e.demo, fmt.Sprintf("+1500555%04d", i)); resp.StatusCode != 201 {
			t.Fatalf("start %d: %d %s", i, resp.StatusCode, b)
		}
		_, _ = e.sb.AdvanceClock(time.Minute)
	}
	resp, b := start(e.demo, "+15005559999")
	if resp.StatusCode != 429 || !strings.Contains(string(b), `"code":20429`) || resp.Header.Get("Retry-After") != "420" {
		t.Fatalf("over the cap: %d %s Retry-After %s", resp.StatusCode, b, resp.Header.Get("Retry-After"))
	}
	if resp, _ := start(e.demo, "+15005550000"); resp.StatusCode != 201 {
		t.Fatalf("a resend was refused: %d", resp.StatusCode)
	}
	other := e.newService("Other", nil)
	if resp, _ := start(other, "+15005559999"); resp.StatusCode != 201 {
		t.Fatalf("another service was refused: %d", resp.StatusCode)
	}
	if resp, _ := e.raw("POST", "/v2/Services/"+e.demo+"/Verifications/+15005550001", "Status=canceled"); resp.StatusCode != 200 {
		t.Fatalf("cancel: %d", resp.StatusCode)
	}
	if resp, _ := start(e.demo, "+15005559999"); resp.StatusCode != 201 {
		t.Fatalf("a freed slot was not reused: %d", resp.StatusCode)
	}
	// Expiry frees slots too, without anyone touching the old ones.
	_, _ = e.sb.AdvanceClock(CodeLifetime)
	for i := range 3 {
		if resp, _ := start(e.demo, fmt.Sprintf("+1500666%04d", i)); resp.StatusCode != 201 {
			t.Fatalf("after expiry, start %d: %d", i, resp.StatusCode)
		}
	}
}

// The server's own timer sweeps: verifications expire and records past
// Retention go without any request, and Close stops the sweeper.
func TestServerSweepsOnTimer(t *testing.T) {
	src := NewManualClock(t0)
	sb, err := New(Options{Clock: src.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ListenOptions(sb, "", ServerOptions{SweepInterval: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var demo string
	for sid := range sb.st.Services {
		demo = sid
	}
	do := handlerDo(sb)
	for i := range 20 {
		if st := do("POST", "/v2/Services/"+demo+"/Verifications", fmt.Sprintf("Channel=sms&To=%%2B1500555%04d", i)); st != 201 {
			t.Fatalf("start: %d", st)
		}
	}
	src.Advance(Retention + CodeLifetime + time.Minute) // the source moves; only the timer can notice
	waitFor(t, func() bool {
		sb.mu.Lock()
		defer sb.mu.Unlock()
		return len(sb.pending) == 0 && len(sb.st.Verifications) == 0 && len(sb.attempts.recs) == 0 && len(sb.st.Outbox) == 0
	})
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if n := goroutinesIn("sandbox.(*Server).sweepLoop"); n != 0 {
		t.Fatalf("%d sweepers still running after Close", n)
	}
}

// Moving the clock past Retention leaves nothing of a burst: expired,
// closed, attempts and outbox are gone and the maps are rebuilt small.
func TestRetentionDropsBurst(t *testing.T) {
	sb, demo := newDemo(t)
	do := handlerDo(sb)
	n := 3 * minSweep
	for i := range n {
		to := fmt.Sprintf("%%2B1500%07d", 5550000+i)
		if st := do("POST", "/v2/Services/"+demo+"/Verifications", "Channel=sms&To="+to); st != 201 {
			t.Fatalf("start %d: %d", i, st)
		}
		if i%2 == 0 { // half are approved, half left to expire
			code := sb.pendingCode(demo, "+1500"+to[7:])
			if st := do("POST", "/v2/Services/"+demo+"/VerificationCheck", "To="+to+"&Code="+code); st != 200 {
				t.Fatalf("check %d: %d", i, st)
			}
		}
	}
	if _, err := sb.AdvanceClock(Retention + CodeLifetime + time.Minute); err != nil {
		t.Fatal(err)
	}
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if len(sb.pending)+len(sb.st.Verifications)+len(sb.st.Closed)+len(sb.attempts.recs)+len(sb.st.Outbox)+len(sb.perSvc) != 0 {
		t.Fatalf("left: %d pending, %d verifications, %d closed, %d attempts, %d messages",
			len(sb.pending), len(sb.st.Verifications), len(sb.st.Closed), len(sb.attempts.recs), len(sb.st.Outbox))
	}
	if sb.high.pending != 0 || sb.high.verifications != 0 {
		t.Fatalf("maps not rebuilt: high-water %+v", sb.high)
	}
}

// handlerDo sends an authenticated form request straight to sb's handler
// and returns the status.
func handlerDo(sb *Sandbox) func(method, path, body string) int {
	return func(method, path, body string) int {
		r := httptest.NewRequest(method, "http://127.0.0.1:1"+path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
		w := httptest.NewRecorder()
		sb.ServeHTTP(w, r)
		return w.Code
	}
}

// waitFor polls cond for up to ten seconds (a condition another goroutine
// brings about, not a timing assertion).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 10 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
}
