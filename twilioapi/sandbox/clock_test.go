package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// clockCall calls /sandbox/v1/Clock and decodes its answer.
func (e *env) clockCall(method, body string) time.Time {
	t := e.t
	t.Helper()
	resp, body2 := e.raw(method, "/sandbox/v1/Clock", body)
	return decodeClock(t, resp, body2)
}

// decodeClock decodes a Clock answer.
func decodeClock(t testing.TB, resp *http.Response, body []byte) time.Time {
	t.Helper()
	var c struct{ Now string }
	if resp.StatusCode != 200 || json.Unmarshal(body, &c) != nil {
		t.Fatalf("clock: %d %s", resp.StatusCode, body)
	}
	n, err := time.Parse(time.RFC3339, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Moving the clock over HTTP expires a verification for a twilio-go client,
// with no access to the sandbox's process.
func TestClockOverHTTPExpiresVerification(t *testing.T) {
	e := newEnv(t, Options{})
	if got := e.clockCall("GET", ""); !got.Equal(t0) {
		t.Fatalf("clock reads %v, want %v", got, t0)
	}
	v := e.start(e.demo, NumberMobile, "sms")
	got := e.clockCall("POST", `{"advance_seconds":599}`)
	if !got.Equal(t0.Add(599 * time.Second)) {
		t.Fatalf("after 599 s: %v", got)
	}
	if _, err := e.v.FetchVerification(e.demo, *v.Sid); err != nil {
		t.Fatalf("still pending at 9:59: %v", err)
	}
	e.clockCall("POST", `{"advance_seconds":1}`)
	_, err := e.v.FetchVerification(e.demo, *v.Sid)
	wantErr(t, err, 404, 20404)
	e.sb.mu.Lock()
	n := len(e.sb.pending)
	e.sb.mu.Unlock()
	if n != 0 {
		t.Fatalf("the move did not sweep: %d pending", n)
	}
}

// {"now": …} sets the time; a step back is a 400 with Twilio's error shape
// and leaves the clock alone.
func TestClockSetNeverBackwards(t *testing.T) {
	e := newEnv(t, Options{})
	later := t0.Add(3 * time.Hour)
	if got := e.clockCall("POST", `{"now":"`+later.Format(time.RFC3339)+`"}`); !got.Equal(later) {
		t.Fatalf("set: %v", got)
	}
	// Echoing the reading back is no move, not a step back.
	e.clockCall("POST", `{"now":"`+later.Format(time.RFC3339)+`"}`)
	for _, body := range []string{
		`{"now":"` + t0.Format(time.RFC3339) + `"}`, `{"advance_seconds":-1}`, `{}`, `{"advance_seconds":1,"now":"x"}`,
		`{"now":"yesterday"}`, `{"advance_seconds":1.5}`, `{"speed":2}`, `[]`, `{"advance_seconds":1}{}`,
		`{"advance_seconds":` + strconv.FormatInt(1<<62, 10) + `}`, `{"now":"9999-12-31T23:59:59Z"}`,
	} {
		resp, b := e.raw("POST", "/sandbox/v1/Clock", body)
		var eb errorBody
		if resp.StatusCode != 400 || json.Unmarshal(b, &eb) != nil || eb.Code != 60200 || eb.Status != 400 {
			t.Fatalf("%s: %d %s", body, resp.StatusCode, b)
		}
	}
	if got := e.sb.Now(); !got.Equal(later) {
		t.Fatalf("refused moves changed the clock: %v", got)
	}
	// Same credentials as every /sandbox/v1 route.
	resp, err := http.Get(e.srv.URL() + "/sandbox/v1/Clock")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("no credentials: %d", resp.StatusCode)
	}
}

// The 60203 Retry-After counts down with the sandbox's clock.
func TestClockDrivesRetryAfter(t *testing.T) {
	e := newEnv(t, Options{})
	body := "To=%2B14155550100&Channel=sms"
	for range MaxSends {
		if resp, b := e.raw("POST", "/v2/Services/"+e.demo+"/Verifications", body); resp.StatusCode != 201 {
			t.Fatalf("start: %d %s", resp.StatusCode, b)
		}
	}
	retry := func() string {
		resp, _ := e.raw("POST", "/v2/Services/"+e.demo+"/Verifications", body)
		if resp.StatusCode != 429 {
			t.Fatalf("sixth start: %d", resp.StatusCode)
		}
		return resp.Header.Get("Retry-After")
	}
	if got := retry(); got != "600" {
		t.Fatalf("Retry-After %s, want 600", got)
	}
	if _, err := e.sb.AdvanceClock(4 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := retry(); got != "360" {
		t.Fatalf("Retry-After after 4 min: %s, want 360", got)
	}
}

// With ManualClock the source is read once: time moves only when told.
func TestManualClockOption(t *testing.T) {
	src := NewManualClock(t0)
	sb, err := New(Options{Clock: src.Now, ManualClock: true})
	if err != nil {
		t.Fatal(err)
	}
	src.Advance(time.Hour)
	if got := sb.Now(); !got.Equal(t0) {
		t.Fatalf("manual clock followed its source: %v", got)
	}
	if got, err := sb.AdvanceClock(90 * time.Second); err != nil || !got.Equal(t0.Add(90*time.Second)) {
		t.Fatalf("advance: %v %v", got, err)
	}
	if _, err := sb.SetClock(t0); err == nil {
		t.Fatal("SetClock went backwards")
	}
	// Without ManualClock the source keeps running under the offset.
	sb2, _ := New(Options{Clock: src.Now})
	_, _ = sb2.AdvanceClock(time.Minute)
	src.Advance(time.Minute)
	if got := sb2.Now(); !got.Equal(t0.Add(time.Hour + 2*time.Minute)) {
		t.Fatalf("offset clock: %v", got)
	}
}

// A check after the clock moved past the code's lifetime is a 404.
func TestClockExpiresCheck(t *testing.T) {
	e := newEnv(t, Options{})
	e.start(e.demo, NumberMobile, "sms")
	code := e.lastCode(NumberMobile)
	if _, err := e.sb.SetClock(t0.Add(CodeLifetime)); err != nil {
		t.Fatal(err)
	}
	_, err := e.v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).SetTo(NumberMobile).SetCode(code))
	wantErr(t, err, 404, 20404)
}
