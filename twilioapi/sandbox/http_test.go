package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestAuth(t *testing.T) {
	e := newEnv(t, Options{AccountSID: "AC" + strings.Repeat("ab", 16), AuthToken: "secret123"})
	if e.sb.AccountSID() != "AC"+strings.Repeat("ab", 16) || e.sb.AuthToken() != "secret123" {
		t.Fatal("credentials not taken from Options")
	}
	bad, _ := e.clients(e.sb.AccountSID(), "wrong")
	_, err := bad.FetchService(e.demo)
	wantErr(t, err, 401, 20003)
	other, _ := e.clients("AC"+strings.Repeat("0", 32), "secret123")
	_, err = other.FetchService(e.demo)
	wantErr(t, err, 401, 20003)

	sid, secret := e.sb.IssueAPIKey()
	if !strings.HasPrefix(sid, "SK") || len(sid) != 34 || secret == "" {
		t.Fatalf("key %s", sid)
	}
	key, _ := e.clients(sid, secret)
	if _, err := key.FetchService(e.demo); err != nil {
		t.Fatalf("API key refused: %v", err)
	}
	keyBad, _ := e.clients(sid, "nope")
	_, err = keyBad.FetchService(e.demo)
	wantErr(t, err, 401, 20003)

	// No credentials at all: 401 JSON with a Basic challenge, on every route.
	for _, path := range []string{"/v2/Services", "/sandbox/v1/Messages", "/nowhere"} {
		resp, err := http.Get(e.srv.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		var body errorBody
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != 401 || body.Code != 20003 || body.Message != "Authenticate" ||
			!strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic") {
			t.Fatalf("%s: %d %+v", path, resp.StatusCode, body)
		}
	}
}

func TestNewRejectsBadCredentials(t *testing.T) {
	if _, err := New(Options{AccountSID: "ACnope"}); err == nil {
		t.Fatal("bad account SID accepted")
	}
	if _, err := New(Options{AuthToken: "has space"}); err == nil {
		t.Fatal("non-alphanumeric token accepted")
	}
	s, err := New(Options{Empty: true})
	if err != nil {
		t.Fatal(err)
	}
	if !ValidAccountSID(s.AccountSID()) || len(s.AuthToken()) != 32 {
		t.Fatalf("generated %s / %d chars", s.AccountSID(), len(s.AuthToken()))
	}
}

func TestRoutesAndErrors(t *testing.T) {
	e := newEnv(t, Options{})
	tests := []struct {
		method, path, body string
		status, code       int
	}{
		{"GET", "/v2/services", "", 404, 20404}, // case-sensitive
		{"GET", "/v2/Nope", "", 404, 20404},
		{"GET", "/v2/Services/", "", 404, 20404},
		{"GET", "/v2/Services/VA123", "", 404, 20404},
		{"GET", "/", "", 404, 20404},
		{"PUT", "/v2/Services", "", 405, 20004},
		{"DELETE", "/v2/Services/" + e.demo + "/Verifications", "", 405, 20004},
		{"GET", "/v2/Services/" + e.demo + "/VerificationCheck", "", 405, 20004},
		{"POST", "/v2/Services", "FriendlyName=%zz", 400, 60200},
		{"POST", "/sandbox/v1/Messages", "", 405, 20004},
	}
	for _, tt := range tests {
		resp, body := e.raw(tt.method, tt.path, tt.body)
		var eb errorBody
		if err := json.Unmarshal(body, &eb); err != nil {
			t.Fatalf("%s %s: not JSON: %s", tt.method, tt.path, body)
		}
		if resp.StatusCode != tt.status || eb.Code != tt.code || eb.Status != tt.status ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s %s: %d %+v", tt.method, tt.path, resp.StatusCode, eb)
		}
	}
	_, body := e.raw("GET", "/v2/Nope", "")
	if !strings.Contains(string(body), "The requested resource /Nope was not found") {
		t.Fatalf("message: %s", body)
	}
	// Twilio's 404 for a check names the VerificationCheck resource.
	_, err := e.check(e.demo, NumberMobile, "123456")
	var te *client.TwilioRestError
	if !errors.As(err, &te) || te.Message != "The requested resource /Services/"+e.demo+"/VerificationCheck was not found" {
		t.Fatalf("%v", err)
	}
}

// TestFormKeys covers dotted keys in bodies, escaped dotted keys in query
// strings, and repeated keys.
func TestFormKeys(t *testing.T) {
	f, err := parseForm(`Totp.Issuer=Acme&ChannelData%5C.To=%2B1&EventTypes=a&EventTypes=b&Empty=&&=x&Flag`)
	if err != nil {
		t.Fatal(err)
	}
	if f.str("Totp.Issuer") != "Acme" || f.str("ChannelData.To") != "+1" || len(f["EventTypes"]) != 2 ||
		f["EventTypes"][1] != "b" || f.str("Empty") != "" || f.optStr("Empty") == nil || f.optStr("Flag") == nil {
		t.Fatalf("%#v", f)
	}
	if _, err := parseForm("a=%"); err == nil {
		t.Fatal("bad escape accepted")
	}
	e := newEnv(t, Options{})
	resp, body := e.raw("POST", "/v2/Services/"+e.demo, `Totp%5C.Issuer=Escaped`)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"issuer":"Escaped"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
}

func TestOutboxOverHTTP(t *testing.T) {
	e := newEnv(t, Options{})
	e.start(e.demo, NumberMobile, "sms")
	e.clock.Advance(time.Second)
	e.start(e.demo, NumberMobile, "call")
	e.start(e.demo, "user@example.com", "email")
	for _, q := range []string{"?To=%2B14155550100", "?To=+14155550100"} {
		resp, body := e.raw("GET", "/sandbox/v1/Messages"+q, "")
		var out struct {
			Messages []map[string]any `json:"messages"`
		}
		if err := json.Unmarshal(body, &out); err != nil || resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		if len(out.Messages) != 2 || out.Messages[0]["channel"] != "call" || out.Messages[1]["channel"] != "sms" {
			t.Fatalf("%s: %s", q, body)
		}
		m := out.Messages[0]
		for _, k := range []string{"sid", "to", "channel", "body", "code", "verification_sid", "date_created"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("message lacks %s: %v", k, m)
			}
		}
		if m["date_created"] != "2026-11-26T12:00:01Z" || !strings.Contains(m["body"].(string), m["code"].(string)) {
			t.Fatalf("message %v", m)
		}
	}
	_, body := e.raw("GET", "/sandbox/v1/Messages", "")
	if n := strings.Count(string(body), `"sid"`); n != 3 {
		t.Fatalf("all messages: %d", n)
	}
	_, body = e.raw("GET", "/sandbox/v1/Messages?To=nobody@example.com", "")
	if string(body) != `{"messages":[]}` {
		t.Fatalf("empty outbox: %s", body)
	}
}

func TestSubscribe(t *testing.T) {
	e := newEnv(t, Options{})
	ch, cancel := e.sb.Subscribe()
	ch2, cancel2 := e.sb.Subscribe()
	defer cancel2()
	v := e.start(e.demo, NumberMobile, "sms")
	select {
	case m := <-ch:
		if m.To != NumberMobile || m.VerificationSID != *v.Sid || m.Code == "" || m.Channel != "sms" {
			t.Fatalf("%+v", m)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no message")
	}
	if m := <-ch2; m.VerificationSID != *v.Sid {
		t.Fatal("second subscriber missed it")
	}
	cancel()
	cancel() // idempotent
	if _, ok := <-ch; ok {
		t.Fatal("channel not closed")
	}
	e.start(e.demo, "+15005550100", "sms") // must not block or panic with a cancelled subscriber
	if m := <-ch2; m.To != "+15005550100" {
		t.Fatalf("%+v", m)
	}
}

// TestNotify: deliveries wake a Notify channel; several coalesce into
// one pending signal (the receiver reads the outbox), never blocking a
// send; cancel closes it.
func TestNotify(t *testing.T) {
	e := newEnv(t, Options{})
	wake, cancel := e.sb.Notify()
	select {
	case <-wake:
		t.Fatal("a signal before any delivery")
	default:
	}
	e.start(e.demo, NumberMobile, "sms")
	e.start(e.demo, "+15005550100", "sms")
	e.start(e.demo, "+15005550101", "sms")
	select {
	case <-wake:
	case <-time.After(5 * time.Second):
		t.Fatal("no signal")
	}
	select {
	case <-wake:
		t.Fatal("three deliveries left more than one signal")
	default:
	}
	if n := len(e.sb.Outbox("")); n != 3 {
		t.Fatalf("outbox holds %d messages", n)
	}
	cancel()
	cancel() // idempotent
	if _, ok := <-wake; ok {
		t.Fatal("channel not closed")
	}
	e.start(e.demo, "+15005550102", "sms") // must not block or panic
}

func TestFaults(t *testing.T) {
	e := newEnv(t, Options{})
	// 500/503.
	e.sb.SetFaults(Faults{ErrorShare: 1})
	_, err := e.v.FetchService(e.demo)
	var te *client.TwilioRestError
	if !errors.As(err, &te) || (te.Code != 20500 && te.Code != 20503) {
		t.Fatalf("error share: %v", err)
	}
	// 429 with Retry-After.
	e.sb.SetFaults(Faults{RateLimitShare: 1, RetryAfter: 7 * time.Second})
	_, err = e.v.FetchService(e.demo)
	wantErr(t, err, 429, 20429)
	resp, _ := e.raw("GET", "/v2/Services", "")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" {
		t.Fatalf("%d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Dropped connections: a transport error, not a Twilio error.
	e.sb.SetFaults(Faults{DropShare: 1})
	_, err = e.v.FetchService(e.demo)
	if err == nil || errors.As(err, &te) {
		t.Fatalf("drop: %v", err)
	}
	// Faults never touch /sandbox/v1, so they can be switched off over HTTP.
	resp, body := e.raw("POST", "/sandbox/v1/Faults", `{}`)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"drop_share":0`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if _, err := e.v.FetchService(e.demo); err != nil {
		t.Fatal(err)
	}
	// Set over HTTP, read back over HTTP and in Go.
	resp, body = e.raw("POST", "/sandbox/v1/Faults", `{"latency_ms":5,"error_share":0.25,"rate_limit_share":0.25,"retry_after_seconds":3,"drop_share":0.1}`)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if f := e.sb.currentFaults(); f.Latency != 5*time.Millisecond || f.ErrorShare != 0.25 || f.RetryAfter != 3*time.Second || f.DropShare != 0.1 {
		t.Fatalf("%+v", f)
	}
	_, body = e.raw("GET", "/sandbox/v1/Faults", "")
	if !strings.Contains(string(body), `"latency_ms":5`) {
		t.Fatalf("%s", body)
	}
	for _, bad := range []string{`{"error_share":2}`, `{"error_share":0.6,"drop_share":0.6}`, `{"nope":1}`, `[`, `{"latency_ms":-1}`} {
		if resp, _ := e.raw("POST", "/sandbox/v1/Faults", bad); resp.StatusCode != 400 {
			t.Fatalf("%s answered %d", bad, resp.StatusCode)
		}
	}
	e.sb.SetFaults(Faults{})
}

func TestConcurrentClients(t *testing.T) {
	e := newEnv(t, Options{})
	ch, cancel := e.sb.Subscribe()
	defer cancel()
	go func() {
		for range ch {
		}
	}()
	const workers = 8
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func(w int) {
			to := "+1500555" + string(rune('0'+w)) + "000"
			for i := 0; i < 10; i++ {
				if _, err := e.v.CreateVerification(e.demo, p(to, "sms")); err != nil {
					errs <- err
					return
				}
				code := e.sb.Outbox(to)[0].Code
				c, err := e.check(e.demo, to, code)
				if err == nil && *c.Status != "approved" {
					err = fmt.Errorf("%s: status %s", to, *c.Status)
				}
				if err != nil {
					errs <- err
					return
				}
				e.sb.Outbox("")
				e.sb.Attempts()
				_, _ = e.v.ListService(&verify.ListServiceParams{})
			}
			errs <- nil
		}(w)
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestServerLifecycle(t *testing.T) {
	sb, err := New(Options{Empty: true})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Listen(sb, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") || srv.URL() == "http://127.0.0.1:0" {
		t.Fatalf("URL %s", srv.URL())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(srv.URL()); err == nil {
		t.Fatal("still serving")
	}
	if _, err := Listen(sb, "not an address"); err == nil {
		t.Fatal("bad address accepted")
	}
}

// TestDateHeaderIsTheSandboxClock: every answer's Date is the sandbox's
// time, as Twilio's is its own, so clients can follow a moved clock.
func TestDateHeaderIsTheSandboxClock(t *testing.T) {
	e := newEnv(t, Options{})
	resp, _ := e.raw("GET", "/v2/Services", "")
	if got := resp.Header.Get("Date"); got != t0.UTC().Format(http.TimeFormat) {
		t.Fatalf("Date %q at %s", got, t0)
	}
	e.clock.Advance(90 * time.Minute)
	resp, _ = e.raw("GET", "/v2/Services/VA00000000000000000000000000000000", "")
	if got, want := resp.Header.Get("Date"), t0.Add(90*time.Minute).UTC().Format(http.TimeFormat); resp.StatusCode != 404 || got != want {
		t.Fatalf("%d, Date %q, want %q", resp.StatusCode, got, want)
	}
}
