package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestMain(m *testing.M) {
	// twilio-go rewrites hosts (even 127.0.0.1) when these are set.
	os.Unsetenv("TWILIO_EDGE")
	os.Unsetenv("TWILIO_REGION")
	os.Exit(m.Run())
}

// rewrite sends every request (to verify.twilio.com, lookups.twilio.com or
// the sandbox itself) to the sandbox, as a console would.
type rewrite struct {
	target *url.URL
	base   http.RoundTripper
}

func (rt rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rt.target.Scheme, rt.target.Host, rt.target.Host
	return rt.base.RoundTrip(r)
}

// env is a sandbox served on loopback with twilio-go clients pointed at it.
type env struct {
	t     testing.TB
	sb    *Sandbox
	srv   *Server
	clock *ManualClock
	v     *verify.ApiService
	l     *lookups.ApiService
	demo  string // the "Sandbox Demo" service SID (empty with Options.Empty)
}

var t0 = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func newEnv(t testing.TB, opts Options) *env {
	t.Helper()
	e := &env{t: t, clock: NewManualClock(t0)}
	if opts.Clock == nil {
		opts.Clock = e.clock.Now
	}
	sb, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Listen(sb, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = srv.Close()
		_ = sb.Close()
	})
	e.sb, e.srv = sb, srv
	e.v, e.l = e.clients(sb.AccountSID(), sb.AuthToken())
	if !opts.Empty {
		list, err := e.v.ListService(&verify.ListServiceParams{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			if *s.FriendlyName == demoFriendlyName {
				e.demo = *s.Sid
			}
		}
		if e.demo == "" {
			t.Fatal("no Sandbox Demo service")
		}
	}
	return e
}

// clients builds twilio-go Verify and Lookups services with credentials.
func (e *env) clients(user, pass string) (*verify.ApiService, *lookups.ApiService) {
	target, _ := url.Parse(e.srv.URL())
	c := &client.Client{
		Credentials: client.NewCredentials(user, pass),
		HTTPClient:  &http.Client{Transport: rewrite{target, http.DefaultTransport}, Timeout: 10 * time.Second},
	}
	c.SetAccountSid(e.sb.AccountSID())
	return verify.NewApiServiceWithClient(c), lookups.NewApiServiceWithClient(c)
}

// raw makes an authenticated plain HTTP request to the sandbox, with a
// JSON body when body is an object and a form body otherwise.
func (e *env) raw(method, path, body string) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, e.srv.URL()+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.SetBasicAuth(e.sb.AccountSID(), e.sb.AuthToken())
	switch {
	case strings.HasPrefix(body, "{"):
		req.Header.Set("Content-Type", "application/json")
	case body != "":
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// start begins a verification and fails the test on error.
func (e *env) start(service, to, channel string) *verify.VerifyV2Verification {
	e.t.Helper()
	v, err := e.v.CreateVerification(service, (&verify.CreateVerificationParams{}).SetTo(to).SetChannel(channel))
	if err != nil {
		e.t.Fatalf("start %s %s: %v", to, channel, err)
	}
	return v
}

// check checks code against the pending verification for to.
func (e *env) check(service, to, code string) (*verify.VerifyV2VerificationCheck, error) {
	return e.v.CreateVerificationCheck(service, (&verify.CreateVerificationCheckParams{}).SetTo(to).SetCode(code))
}

// lastCode is the code of the newest outbox message to "to".
func (e *env) lastCode(to string) string {
	e.t.Helper()
	msgs := e.sb.Outbox(to)
	if len(msgs) == 0 {
		e.t.Fatalf("no message to %s in the outbox", to)
	}
	return msgs[0].Code
}

// newService creates a service with the given extra settings.
func (e *env) newService(name string, set func(*verify.CreateServiceParams)) string {
	e.t.Helper()
	p := (&verify.CreateServiceParams{}).SetFriendlyName(name)
	if set != nil {
		set(p)
	}
	s, err := e.v.CreateService(p)
	if err != nil {
		e.t.Fatal(err)
	}
	return *s.Sid
}

// wantErr asserts err is a Twilio REST error with status and code.
func wantErr(t testing.TB, err error, status, code int) {
	t.Helper()
	var te *client.TwilioRestError
	if !errors.As(err, &te) {
		t.Fatalf("want Twilio error %d/%d, got %v", status, code, err)
	}
	if te.Status != status || te.Code != code {
		t.Fatalf("want %d/%d, got %d/%d (%s)", status, code, te.Status, te.Code, te.Message)
	}
	if te.MoreInfo != "https://www.twilio.com/docs/errors/"+itoa(code) {
		t.Fatalf("more_info = %q", te.MoreInfo)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// asMap turns a twilio-go *interface{} into a map (fails when it is not).
func asMap(t testing.TB, v *interface{}) map[string]any {
	t.Helper()
	if v == nil {
		t.Fatal("nil object")
	}
	m, ok := (*v).(map[string]any)
	if !ok {
		t.Fatalf("not an object: %#v", *v)
	}
	return m
}

// httpGet fetches a URL without credentials and decodes its JSON answer.
func httpGet(u string) (map[string]any, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var m map[string]any
	err = json.NewDecoder(resp.Body).Decode(&m)
	return m, err
}
