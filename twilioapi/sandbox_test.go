package twilioapi_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	var e *twilioapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not *twilioapi.Error", err, err)
	}
	if e.Kind != twilioapi.KindAPI || e.Status != status || e.Code != code {
		t.Fatalf("got kind=%v status=%d code=%d (%v), want api %d/%d", e.Kind, e.Status, e.Code, e, status, code)
	}
	if e.Hint == "" || e.Hint != twilioapi.HintFor(code) {
		t.Fatalf("hint %q is not HintFor(%d)", e.Hint, code)
	}
	if !strings.Contains(e.Error(), fmt.Sprint(code)) || !strings.Contains(e.Detail(), e.Hint) {
		t.Fatalf("Error()/Detail() lack the code or hint: %q", e.Detail())
	}
	return e
}

func TestSandboxSendAndCheck(t *testing.T) {
	tests := []struct {
		name    string
		to      string
		channel twilioapi.Channel
	}{
		{"sms", mobile, twilioapi.ChannelSMS},
		{"sms national input", "+1 (415) 555-0100", twilioapi.ChannelSMS},
		{"call to landline", landline, twilioapi.ChannelCall},
		{"email", "alice@example.com", twilioapi.ChannelEmail},
		{"whatsapp", mobile, twilioapi.ChannelWhatsApp},
		{"other valid number", "+442071838750", twilioapi.ChannelSMS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			va := e.service(t, twilioapi.ServiceSettings{WhatsAppFrom: ptr("whatsapp:+14155238886")})
			v := e.start(t, va, tt.to, tt.channel)
			if v.Status != twilioapi.StatusPending || v.Valid || v.Channel != tt.channel || len(v.SendCodeAttempts) != 1 {
				t.Fatalf("start: %+v", v)
			}
			if !strings.HasPrefix(v.SID, "VE") || v.ServiceSID != va || v.AccountSID != e.sb.AccountSID() || v.DateCreated.IsZero() {
				t.Fatalf("start fields: %+v", v)
			}
			to := v.To
			msgs, err := e.c.Outbox(e.ctx, to)
			if err != nil || len(msgs) != 1 {
				t.Fatalf("Outbox(%s) = %v, %v", to, msgs, err)
			}
			m := msgs[0]
			if m.VerificationSID != v.SID || m.Channel != tt.channel || len(m.Code) != 6 || !strings.Contains(m.Body, m.Code) {
				t.Fatalf("outbox message %+v", m)
			}
			got, err := e.c.FetchVerification(e.ctx, va, v.SID)
			if err != nil || got.SID != v.SID || got.Status != twilioapi.StatusPending {
				t.Fatalf("fetch: %+v %v", got, err)
			}
			res, err := e.check(va, tt.to, m.Code)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != twilioapi.StatusApproved || !res.Valid || res.SID != v.SID || res.SNAAttemptErrorCodes != nil {
				t.Fatalf("check: %+v", res)
			}
		})
	}
}

func TestSandboxCheckRules(t *testing.T) {
	t.Run("wrong code stays pending", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		e.start(t, va, mobile, twilioapi.ChannelSMS)
		res, err := e.check(va, mobile, wrong(apitest.LatestCode(t, e.sb, mobile)))
		if err != nil || res.Status != twilioapi.StatusPending || res.Valid {
			t.Fatalf("wrong code: %+v %v", res, err)
		}
	})
	t.Run("404 after approve", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		v := e.start(t, va, mobile, twilioapi.ChannelSMS)
		code := apitest.LatestCode(t, e.sb, mobile)
		if _, err := e.check(va, mobile, code); err != nil {
			t.Fatal(err)
		}
		_, err := e.check(va, mobile, code)
		h := apiErr(t, err, 404, 20404)
		if !strings.Contains(h.Hint, "approved") {
			t.Fatalf("hint %q", h.Hint)
		}
		_, err = e.c.FetchVerification(e.ctx, va, v.SID)
		apiErr(t, err, 404, 20404)
	})
	t.Run("60202 after 5 checks", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		e.start(t, va, mobile, twilioapi.ChannelSMS)
		bad := wrong(apitest.LatestCode(t, e.sb, mobile))
		for i := 0; i < sandbox.MaxChecks; i++ {
			if res, err := e.check(va, mobile, bad); err != nil || res.Valid {
				t.Fatalf("check %d: %+v %v", i+1, res, err)
			}
		}
		_, err := e.check(va, mobile, bad)
		apiErr(t, err, 429, 60202)
		_, err = e.check(va, mobile, bad)
		apiErr(t, err, 404, 20404)
	})
	t.Run("expired after 10 minutes", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		e.start(t, va, mobile, twilioapi.ChannelSMS)
		code := apitest.LatestCode(t, e.sb, mobile)
		e.clock.Advance(sandbox.CodeLifetime + time.Second)
		_, err := e.check(va, mobile, code)
		if h := apiErr(t, err, 404, 20404); !strings.Contains(h.Hint, "expired") {
			t.Fatalf("hint %q", h.Hint)
		}
	})
	t.Run("check by verification sid", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		v := e.start(t, va, mobile, twilioapi.ChannelSMS)
		res, err := e.c.CheckVerification(e.ctx, twilioapi.CheckParams{ServiceSID: va, VerificationSID: v.SID, Code: apitest.LatestCode(t, e.sb, mobile)})
		if err != nil || !res.Valid {
			t.Fatalf("%+v %v", res, err)
		}
	})
}

// wrong returns a code of the same length that is not code.
func wrong(code string) string {
	if strings.HasPrefix(code, "0") {
		return "1" + code[1:]
	}
	return "0" + code[1:]
}

func TestSandboxSendRules(t *testing.T) {
	t.Run("resend keeps code and sid, 60203 on the sixth", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		first := e.start(t, va, mobile, twilioapi.ChannelSMS)
		code := apitest.LatestCode(t, e.sb, mobile)
		for i := 2; i <= sandbox.MaxSends; i++ {
			v := e.start(t, va, mobile, twilioapi.ChannelSMS)
			if v.SID != first.SID || len(v.SendCodeAttempts) != i || apitest.LatestCode(t, e.sb, mobile) != code {
				t.Fatalf("send %d: %+v", i, v)
			}
		}
		_, err := e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: mobile, Channel: twilioapi.ChannelSMS})
		h := apiErr(t, err, 429, 60203)
		if !strings.Contains(h.Hint, "10 minutes") {
			t.Fatalf("hint %q", h.Hint)
		}
		// The limit clears when the verification expires.
		e.clock.Advance(sandbox.CodeLifetime + time.Second)
		if v := e.start(t, va, mobile, twilioapi.ChannelSMS); v.SID == first.SID {
			t.Fatal("expired verification reused")
		}
	})
	t.Run("cancel and approve by sid or to", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		v := e.start(t, va, mobile, twilioapi.ChannelSMS)
		got, err := e.c.UpdateVerificationStatus(e.ctx, va, v.SID, twilioapi.StatusCanceled)
		if err != nil || got.Status != twilioapi.StatusCanceled {
			t.Fatalf("cancel: %+v %v", got, err)
		}
		_, err = e.c.FetchVerification(e.ctx, va, v.SID)
		if h := apiErr(t, err, 404, 20404); !strings.Contains(h.Hint, "canceled") {
			t.Fatalf("hint %q", h.Hint)
		}
		e.start(t, va, mobile, twilioapi.ChannelSMS)
		got, err = e.c.UpdateVerificationStatus(e.ctx, va, "+1 415 555 0100", twilioapi.StatusApproved)
		if err != nil || got.Status != twilioapi.StatusApproved || !got.Valid {
			t.Fatalf("approve by To: %+v %v", got, err)
		}
	})
	tests := []struct {
		name     string
		settings twilioapi.ServiceSettings
		params   twilioapi.StartParams
		status   int
		code     int
	}{
		{"60205 sms to landline", twilioapi.ServiceSettings{LookupEnabled: ptr(true), SkipSMSToLandlines: ptr(true)},
			twilioapi.StartParams{To: landline, Channel: twilioapi.ChannelSMS}, 403, 60205},
		{"60410 fraud guard", twilioapi.ServiceSettings{},
			twilioapi.StartParams{To: fraud, Channel: twilioapi.ChannelSMS}, 403, 60410},
		{"60204 custom code not enabled", twilioapi.ServiceSettings{},
			twilioapi.StartParams{To: mobile, Channel: twilioapi.ChannelSMS, CustomCode: "4242"}, 403, 60204},
		{"60206 psd2 without amount", twilioapi.ServiceSettings{PSD2Enabled: ptr(true)},
			twilioapi.StartParams{To: mobile, Channel: twilioapi.ChannelSMS}, 400, 60206},
		{"60214 psd2 call", twilioapi.ServiceSettings{PSD2Enabled: ptr(true)},
			twilioapi.StartParams{To: mobile, Channel: twilioapi.ChannelCall, Amount: "10", Payee: "Acme"}, 400, 60214},
		{"60223 whatsapp without sender", twilioapi.ServiceSettings{},
			twilioapi.StartParams{To: mobile, Channel: twilioapi.ChannelWhatsApp}, 400, 60223},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			tt.params.ServiceSID = e.service(t, tt.settings)
			_, err := e.c.StartVerification(e.ctx, tt.params)
			apiErr(t, err, tt.status, tt.code)
		})
	}
	t.Run("landline by voice, fraud number with risk check off, custom code, psd2", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{LookupEnabled: ptr(true), SkipSMSToLandlines: ptr(true), CustomCodeEnabled: ptr(true)})
		if v := e.start(t, va, landline, twilioapi.ChannelCall); v.Carrier.Type != "landline" {
			t.Fatalf("carrier %+v", v.Carrier)
		}
		if _, err := e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: fraud, Channel: twilioapi.ChannelSMS, RiskCheck: "disable"}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: mobile, Channel: twilioapi.ChannelSMS, CustomCode: "424242"}); err != nil {
			t.Fatal(err)
		}
		if res, err := e.check(va, mobile, "424242"); err != nil || !res.Valid {
			t.Fatalf("custom code check: %+v %v", res, err)
		}
		psd2 := e.service(t, twilioapi.ServiceSettings{PSD2Enabled: ptr(true)})
		if _, err := e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: psd2, To: mobile, Channel: twilioapi.ChannelSMS, Amount: "€9.99", Payee: "Acme"}); err != nil {
			t.Fatal(err)
		}
		res, err := e.c.CheckVerification(e.ctx, twilioapi.CheckParams{ServiceSID: psd2, To: mobile, Code: apitest.LatestCode(t, e.sb, mobile), Amount: "€9.99", Payee: "Acme"})
		if err != nil || !res.Valid {
			t.Fatalf("psd2 check: %+v %v", res, err)
		}
	})
	t.Run("undeliverable", func(t *testing.T) {
		e := newEnv(t)
		va := e.service(t, twilioapi.ServiceSettings{})
		e.start(t, va, undeliverable, twilioapi.ChannelSMS)
		e.start(t, va, sandbox.EmailBounce, twilioapi.ChannelEmail)
		for _, to := range []string{undeliverable, sandbox.EmailBounce} {
			if msgs, err := e.c.Outbox(e.ctx, to); err != nil || len(msgs) != 0 {
				t.Fatalf("outbox %s: %v %v", to, msgs, err)
			}
		}
	})
}

func TestSandboxSNA(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	v := e.start(t, va, snaNumber, twilioapi.ChannelAuto)
	if v.Channel != twilioapi.ChannelSNA || v.SNAURL == "" {
		t.Fatalf("auto start: %+v", v)
	}
	// Checked before the device opened the URL: pending, 60519.
	res, err := e.c.CheckVerification(e.ctx, twilioapi.CheckParams{ServiceSID: va, To: snaNumber})
	if err != nil || res.Valid || len(res.SNAAttemptErrorCodes) != 1 || res.SNAAttemptErrorCodes[0].Code != 60519 {
		t.Fatalf("early check: %+v %v", res, err)
	}
	resp, err := http.Get(v.SNAURL)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("sna url: %s", resp.Status)
	}
	res, err = e.c.CheckVerification(e.ctx, twilioapi.CheckParams{ServiceSID: va, To: snaNumber})
	if err != nil || !res.Valid || res.SNAAttemptErrorCodes == nil || len(res.SNAAttemptErrorCodes) != 0 {
		t.Fatalf("check: %+v %v", res, err)
	}
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
	_, err = e.c.FetchService(e.ctx, created.SID)
	apiErr(t, err, 404, 20404)
	err = e.c.DeleteService(e.ctx, created.SID)
	apiErr(t, err, 404, 20404)
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
