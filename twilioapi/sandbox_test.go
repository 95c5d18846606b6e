package twilioapi_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// These tests drive the unmodified twilio-go client, through twilioapi,
// against the sandbox over loopback HTTP.

const (
	mobile        = sandbox.NumberMobile
	landline      = sandbox.NumberLandline
	fraud         = sandbox.NumberFraud
	undeliverable = sandbox.NumberUndeliverable
	snaNumber     = sandbox.NumberSNA
)

// env is one sandbox with a manual clock and a client pointed at it.
type env struct {
	c     *twilioapi.Client
	sb    *sandbox.Sandbox
	clock *sandbox.ManualClock
	ctx   context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clock := sandbox.NewManualClock(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
	c, sb := apitest.Start(t, sandbox.Options{Clock: clock.Now, Empty: true})
	return &env{c: c, sb: sb, clock: clock, ctx: context.Background()}
}

// service creates a service with settings s (FriendlyName defaulted).
func (e *env) service(t *testing.T, s twilioapi.ServiceSettings) string {
	t.Helper()
	if s.FriendlyName == nil {
		s.FriendlyName = ptr("Acme")
	}
	svc, err := e.c.CreateService(e.ctx, s)
	if err != nil {
		t.Fatalf("CreateService: %v", err)
	}
	return svc.SID
}

func (e *env) start(t *testing.T, va, to string, ch twilioapi.Channel) twilioapi.Verification {
	t.Helper()
	v, err := e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: to, Channel: ch})
	if err != nil {
		t.Fatalf("StartVerification(%s, %s): %v", to, ch, err)
	}
	return v
}

func (e *env) check(va, to, code string) (twilioapi.CheckResult, error) {
	return e.c.CheckVerification(e.ctx, twilioapi.CheckParams{ServiceSID: va, To: to, Code: code})
}

// apiErr asserts err is a KindAPI *Error with status and code and a hint.
func apiErr(t *testing.T, err error, status, code int) *twilioapi.Error {
	t.Helper()
	e := apiErrAny(t, err, status, code)
	if e.Hint == "" || e.Hint != twilioapi.HintFor(code) {
		t.Fatalf("hint %q is not HintFor(%d)", e.Hint, code)
	}
	return e
}

// apiErrAny is apiErr for an error whose hint is particular to the call.
func apiErrAny(t *testing.T, err error, status, code int) *twilioapi.Error {
	t.Helper()
	var e *twilioapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not *twilioapi.Error", err, err)
	}
	if e.Kind != twilioapi.KindAPI || e.Status != status || e.Code != code {
		t.Fatalf("got kind=%v status=%d code=%d (%v), want api %d/%d", e.Kind, e.Status, e.Code, e, status, code)
	}
	if !strings.Contains(e.Error(), fmt.Sprint(code)) || !strings.Contains(e.Detail(), e.Hint) {
		t.Fatalf("Error()/Detail() lack the code or hint: %q", e.Detail())
	}
	return e
}

func TestSandboxServices(t *testing.T) {
	e := newEnv(t)
	all := twilioapi.ServiceSettings{
		FriendlyName: ptr("Acme Login"), CodeLength: ptr(8), LookupEnabled: ptr(true), SkipSMSToLandlines: ptr(true),
		DTMFInputRequired: ptr(true), TTSName: ptr("alice"), PSD2Enabled: ptr(true), DoNotShareWarningEnabled: ptr(true),
		CustomCodeEnabled: ptr(true), DefaultTemplateSID: ptr("HJ0123456789abcdef0123456789abcdef"),
		VerifyEventSubscriptionEnabled: ptr(true), PushIncludeDate: ptr(true),
		PushAPNCredentialSID: ptr("CR0123456789abcdef0123456789abcdef"), PushFCMCredentialSID: ptr("CRfedcba9876543210fedcba9876543210"),
		TOTPIssuer: ptr("Acme Inc"), TOTPTimeStep: ptr(45), TOTPCodeLength: ptr(7), TOTPSkew: ptr(2),
		WhatsAppMsgServiceSID: ptr("MG0123456789abcdef0123456789abcdef"), WhatsAppFrom: ptr("whatsapp:+14155238886"),
	}
	created, err := e.c.CreateService(e.ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	want := twilioapi.Service{
		SID: created.SID, AccountSID: e.sb.AccountSID(), FriendlyName: "Acme Login", CodeLength: 8, LookupEnabled: true,
		SkipSMSToLandlines: true, DTMFInputRequired: true, TTSName: "alice", PSD2Enabled: true, DoNotShareWarningEnabled: true,
		CustomCodeEnabled: true, DefaultTemplateSID: "HJ0123456789abcdef0123456789abcdef", VerifyEventSubscriptionEnabled: true,
		Push:        twilioapi.PushSettings{IncludeDate: true, APNCredentialSID: "CR0123456789abcdef0123456789abcdef", FCMCredentialSID: "CRfedcba9876543210fedcba9876543210"},
		TOTP:        twilioapi.TOTPSettings{Issuer: "Acme Inc", TimeStep: 45, CodeLength: 7, Skew: 2},
		WhatsApp:    twilioapi.WhatsAppSettings{MsgServiceSID: "MG0123456789abcdef0123456789abcdef", From: "whatsapp:+14155238886"},
		DateCreated: e.clock.Now(), DateUpdated: e.clock.Now(), URL: created.URL,
	}
	if created != want {
		t.Fatalf("created\n got %+v\nwant %+v", created, want)
	}
	if !strings.HasSuffix(created.URL, "/v2/Services/"+created.SID) {
		t.Fatalf("url %q", created.URL)
	}
	fetched, err := e.c.FetchService(e.ctx, created.SID)
	if err != nil || fetched != want {
		t.Fatalf("fetched %+v %v", fetched, err)
	}
	e.clock.Advance(time.Minute)
	updated, err := e.c.UpdateService(e.ctx, created.SID, twilioapi.ServiceSettings{FriendlyName: ptr("Acme 2"), CodeLength: ptr(4), PSD2Enabled: ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	want.FriendlyName, want.CodeLength, want.PSD2Enabled, want.DateUpdated = "Acme 2", 4, false, e.clock.Now()
	if updated != want {
		t.Fatalf("updated\n got %+v\nwant %+v", updated, want)
	}
	if err := e.c.DeleteService(e.ctx, created.SID); err != nil {
		t.Fatal(err)
	}
	// A missing service's 20404 says so, not what the generic hint says
	// about verifications.
	_, fetchErr := e.c.FetchService(e.ctx, created.SID)
	for _, err := range []error{fetchErr, e.c.DeleteService(e.ctx, created.SID)} {
		te := apiErrAny(t, err, 404, 20404)
		if !strings.HasPrefix(te.Hint, "No Verify service has that SID") {
			t.Fatalf("missing service: hint %q", te.Hint)
		}
	}
}

func TestSandboxPaging(t *testing.T) {
	tests := []struct{ services, pageSize int }{{7, 3}, {6, 3}, {1, 1}, {0, 5}, {5, 1000}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d by %d", tt.services, tt.pageSize), func(t *testing.T) {
			e := newEnv(t)
			var want []string
			for i := 0; i < tt.services; i++ {
				want = append(want, e.service(t, twilioapi.ServiceSettings{FriendlyName: ptr(fmt.Sprintf("Service %d", i))}))
			}
			var got []string
			pages, token := 0, ""
			for {
				p, err := e.c.ListServicesPage(e.ctx, tt.pageSize, token)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if len(p.Services) > tt.pageSize {
					t.Fatalf("page of %d", len(p.Services))
				}
				for _, s := range p.Services {
					got = append(got, s.SID)
				}
				if token = p.NextPageToken; token == "" || pages > 100 {
					break
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("listed %v, want %v", got, want)
			}
			wantPages := max(1, (tt.services+tt.pageSize-1)/tt.pageSize)
			if pages != wantPages {
				t.Fatalf("%d pages, want %d", pages, wantPages)
			}
		})
	}
}

func TestSandboxLookup(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		number, lineType string
	}{{mobile, "mobile"}, {landline, "landline"}, {"+44 20 7183 8750", "mobile"}}
	for _, tt := range tests {
		info, err := e.c.LookupPhone(e.ctx, tt.number)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := twilioapi.NormalizePhone(tt.number, "")
		if !info.Valid || info.PhoneNumber != want || info.LineType.Type != tt.lineType || info.CountryCode == "" || info.NationalFormat == "" {
			t.Fatalf("lookup %s: %+v", tt.number, info)
		}
	}
	info, err := e.c.LookupPhone(e.ctx, fraud)
	if err != nil {
		t.Fatal(err)
	}
	if info.SMSPumpingRisk.Score == 0 && !info.SMSPumpingRisk.NumberBlocked {
		t.Fatalf("fraud number has no risk: %+v", info.SMSPumpingRisk)
	}
}

func TestSandboxAuth(t *testing.T) {
	sb, srv := apitest.Serve(t, sandbox.Options{})
	sid, secret := sb.IssueAPIKey()
	key := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), APIKeySID: sid, APIKeySecret: secret, BaseURL: srv.URL()})
	page, err := key.ListServicesPage(context.Background(), 50, "")
	if err != nil || len(page.Services) != 1 || page.Services[0].FriendlyName != "Sandbox Demo" {
		t.Fatalf("api key: %+v %v", page, err)
	}
	bad := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: "wrongtoken", BaseURL: srv.URL()})
	_, err = bad.ListServicesPage(context.Background(), 50, "")
	apiErr(t, err, 401, 20003)
	badKey := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), APIKeySID: sid, APIKeySecret: "nope", BaseURL: srv.URL()})
	_, err = badKey.Outbox(context.Background(), "")
	apiErr(t, err, 401, 20003)
}

func TestSandboxNetworkFailures(t *testing.T) {
	kindOf := func(t *testing.T, err error) twilioapi.ErrorKind {
		t.Helper()
		var e *twilioapi.Error
		if !errors.As(err, &e) {
			t.Fatalf("%v (%T) is not *twilioapi.Error", err, err)
		}
		if e.Hint == "" {
			t.Fatalf("no hint for %v", e)
		}
		return e.Kind
	}
	t.Run("refused", func(t *testing.T) {
		sb, srv := apitest.Serve(t, sandbox.Options{})
		c := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
		srv.Close()
		_, err := c.ListServicesPage(context.Background(), 10, "")
		if k := kindOf(t, err); k != twilioapi.KindRefused {
			t.Fatalf("kind %v (%v)", k, err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		sb, srv := apitest.Serve(t, sandbox.Options{})
		c := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL(), Timeout: 100 * time.Millisecond})
		sb.SetFaults(sandbox.Faults{Latency: 2 * time.Second})
		_, err := c.ListServicesPage(context.Background(), 10, "")
		if k := kindOf(t, err); k != twilioapi.KindTimeout {
			t.Fatalf("kind %v (%v)", k, err)
		}
	})
	t.Run("context deadline", func(t *testing.T) {
		c, sb := apitest.Start(t, sandbox.Options{})
		sb.SetFaults(sandbox.Faults{Latency: 2 * time.Second})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := c.FetchService(ctx, "VA0123456789abcdef0123456789abcdef")
		if k := kindOf(t, err); k != twilioapi.KindTimeout || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("kind %v (%v)", k, err)
		}
	})
	t.Run("reset", func(t *testing.T) {
		c, sb := apitest.Start(t, sandbox.Options{})
		page, err := c.ListServicesPage(context.Background(), 10, "")
		if err != nil {
			t.Fatal(err)
		}
		sb.SetFaults(sandbox.Faults{DropShare: 1})
		_, err = c.StartVerification(context.Background(), twilioapi.StartParams{ServiceSID: page.Services[0].SID, To: mobile, Channel: twilioapi.ChannelSMS})
		if k := kindOf(t, err); k != twilioapi.KindReset {
			t.Fatalf("kind %v (%v)", k, err)
		}
	})
	t.Run("429 with retry-after", func(t *testing.T) {
		c, sb := apitest.Start(t, sandbox.Options{})
		sb.SetFaults(sandbox.Faults{RateLimitShare: 1, RetryAfter: 3 * time.Second})
		_, err := c.ListServicesPage(context.Background(), 10, "")
		if e := apiErr(t, err, 429, 20429); e.RetryAfter != 3*time.Second {
			t.Fatalf("retry after %v", e.RetryAfter)
		}
	})
	t.Run("5xx", func(t *testing.T) {
		c, sb := apitest.Start(t, sandbox.Options{})
		sb.SetFaults(sandbox.Faults{ErrorShare: 1})
		_, err := c.ListServicesPage(context.Background(), 10, "")
		var e *twilioapi.Error
		if !errors.As(err, &e) || e.Kind != twilioapi.KindAPI || e.Status < 500 {
			t.Fatalf("%v", err)
		}
	})
}
