package twilioapi_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// The verification flow through twilioapi against the sandbox: codes,
// the send and check rules, SNA. (sandbox_test.go holds the env.)

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
