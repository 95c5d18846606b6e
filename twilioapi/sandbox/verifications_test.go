package sandbox

import (
	"regexp"
	"strings"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestSendAndCheck(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberMobile, "sms")
	if *v.Status != "pending" || *v.Valid || *v.Channel != "sms" || *v.To != NumberMobile {
		t.Fatalf("start: %+v", v)
	}
	if !regexp.MustCompile(`^VE[0-9a-f]{32}$`).MatchString(*v.Sid) || *v.ServiceSid != e.demo || *v.AccountSid != e.sb.AccountSID() {
		t.Fatalf("sids: %s %s %s", *v.Sid, *v.ServiceSid, *v.AccountSid)
	}
	if v.DateCreated == nil || !v.DateCreated.Equal(t0) || v.Sna != nil {
		t.Fatalf("date_created %v sna %v", v.DateCreated, v.Sna)
	}
	if *v.Url != e.srv.URL()+"/v2/Services/"+e.demo+"/Verifications/"+*v.Sid {
		t.Fatalf("url %s", *v.Url)
	}
	atts := *v.SendCodeAttempts
	if len(atts) != 1 {
		t.Fatalf("send_code_attempts %v", atts)
	}
	a := atts[0].(map[string]any)
	if a["channel"] != "sms" || !strings.HasPrefix(a["attempt_sid"].(string), "VL") || a["time"] != "2026-11-26T12:00:00Z" {
		t.Fatalf("attempt %v", a)
	}
	// The demo service has lookup on: the carrier block is returned.
	carrier := asMap(t, v.Lookup)["carrier"].(map[string]any)
	if carrier["type"] != "mobile" {
		t.Fatalf("lookup %v", carrier)
	}
	code := e.lastCode(NumberMobile)
	if len(code) != 6 {
		t.Fatalf("code %q", code)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	c, err := e.check(e.demo, NumberMobile, wrong)
	if err != nil || *c.Status != "pending" || *c.Valid {
		t.Fatalf("wrong code: %v %+v", err, c)
	}
	if c.SnaAttemptsErrorCodes != nil {
		t.Fatalf("sna_attempts_error_codes should be null for sms: %v", *c.SnaAttemptsErrorCodes)
	}
	c, err = e.check(e.demo, NumberMobile, code)
	if err != nil || *c.Status != "approved" || !*c.Valid || *c.Sid != *v.Sid {
		t.Fatalf("right code: %v %+v", err, c)
	}
	// Approved verifications are gone: fetch, check and update are 404.
	_, err = e.v.FetchVerification(e.demo, *v.Sid)
	wantErr(t, err, 404, 20404)
	_, err = e.check(e.demo, NumberMobile, code)
	wantErr(t, err, 404, 20404)
	_, err = e.v.UpdateVerification(e.demo, *v.Sid, (&verify.UpdateVerificationParams{}).SetStatus("canceled"))
	wantErr(t, err, 404, 20404)
	att := e.sb.Attempts()
	if len(att) != 1 || att[0].ConversionStatus != "converted" || att[0].Status != "delivered" || att[0].Price == "" {
		t.Fatalf("attempts %+v", att)
	}
}

func TestCheckByVerificationSID(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberMobile, "sms")
	c, err := e.v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).
		SetVerificationSid(*v.Sid).SetCode(e.lastCode(NumberMobile)))
	if err != nil || *c.Status != "approved" {
		t.Fatalf("%v %+v", err, c)
	}
	_, err = e.v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).SetCode("123456"))
	wantErr(t, err, 400, 60200)
	_, err = e.check(e.demo, NumberMobile, "12") // code too short
	wantErr(t, err, 404, 20404)                  // nothing pending: 404 comes first
	e.start(e.demo, NumberMobile, "sms")
	_, err = e.check(e.demo, NumberMobile, "12")
	wantErr(t, err, 400, 60200)
}

func TestResendKeepsCodeAndSIDUntilFiveSends(t *testing.T) {
	e := newEnv(t, Options{})
	first := e.start(e.demo, NumberMobile, "sms")
	code := e.lastCode(NumberMobile)
	channels := []string{"call", "whatsapp", "sms", "call"}
	for i, ch := range channels {
		e.clock.Advance(time.Minute)
		v := e.start(e.demo, NumberMobile, ch)
		if *v.Sid != *first.Sid || *v.Channel != ch || len(*v.SendCodeAttempts) != i+2 {
			t.Fatalf("resend %d: sid %s channel %s attempts %d", i, *v.Sid, *v.Channel, len(*v.SendCodeAttempts))
		}
		if got := e.lastCode(NumberMobile); got != code {
			t.Fatalf("resend changed the code: %s → %s", code, got)
		}
	}
	if n := len(e.sb.Outbox(NumberMobile)); n != 5 {
		t.Fatalf("outbox has %d messages, want 5", n)
	}
	_, err := e.v.CreateVerification(e.demo, (&verify.CreateVerificationParams{}).SetTo(NumberMobile).SetChannel("sms"))
	wantErr(t, err, 429, 60203)
	// Retry-After says when the verification (and its limit) ends: 10 min
	// after the first send, 4 min of which have passed.
	resp, _ := e.raw("POST", "/v2/Services/"+e.demo+"/Verifications", "To=%2B14155550100&Channel=sms")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "360" {
		t.Fatalf("status %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// The verification is still pending and the code still works.
	c, err := e.check(e.demo, NumberMobile, code)
	if err != nil || *c.Status != "approved" {
		t.Fatalf("%v %+v", err, c)
	}
	// A new start after approval is a new verification with a new SID.
	if v := e.start(e.demo, NumberMobile, "sms"); *v.Sid == *first.Sid {
		t.Fatal("new verification reused the SID")
	}
}

func TestMaxCheckAttempts(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberMobile, "sms")
	code := e.lastCode(NumberMobile)
	wrong := "999999"
	if code == wrong {
		wrong = "888888"
	}
	for i := 1; i <= MaxChecks; i++ {
		c, err := e.check(e.demo, NumberMobile, wrong)
		if err != nil || *c.Status != "pending" || *c.Valid {
			t.Fatalf("check %d: %v %+v", i, err, c)
		}
	}
	// The sixth check is refused even with the right code…
	_, err := e.check(e.demo, NumberMobile, code)
	wantErr(t, err, 429, 60202)
	// …and the verification is gone.
	_, err = e.v.FetchVerification(e.demo, *v.Sid)
	wantErr(t, err, 404, 20404)
	_, err = e.check(e.demo, NumberMobile, code)
	wantErr(t, err, 404, 20404)
}

func TestExpiryWithManualClock(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberMobile, "sms")
	e.clock.Advance(CodeLifetime - time.Second)
	got, err := e.v.FetchVerification(e.demo, *v.Sid)
	if err != nil || *got.Status != "pending" {
		t.Fatalf("before expiry: %v %+v", err, got)
	}
	// A resend does not restart the ten minutes.
	e.start(e.demo, NumberMobile, "call")
	e.clock.Advance(time.Second)
	_, err = e.v.FetchVerification(e.demo, *v.Sid)
	wantErr(t, err, 404, 20404)
	_, err = e.check(e.demo, NumberMobile, e.lastCode(NumberMobile))
	wantErr(t, err, 404, 20404)
	// A start now is a fresh verification.
	if n := e.start(e.demo, NumberMobile, "sms"); *n.Sid == *v.Sid || len(*n.SendCodeAttempts) != 1 {
		t.Fatalf("after expiry: %+v", n)
	}
}

func TestCancelAndApprove(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberMobile, "sms")
	c, err := e.v.UpdateVerification(e.demo, *v.Sid, (&verify.UpdateVerificationParams{}).SetStatus("canceled"))
	if err != nil || *c.Status != "canceled" || *c.Valid {
		t.Fatalf("%v %+v", err, c)
	}
	_, err = e.v.FetchVerification(e.demo, *v.Sid)
	wantErr(t, err, 404, 20404)

	// Approve by phone number, as in Twilio's "approveVerificationWithPn".
	v = e.start(e.demo, NumberMobile, "sms")
	got, err := e.v.FetchVerification(e.demo, NumberMobile)
	if err != nil || *got.Sid != *v.Sid {
		t.Fatalf("fetch by To: %v", err)
	}
	a, err := e.v.UpdateVerification(e.demo, NumberMobile, (&verify.UpdateVerificationParams{}).SetStatus("approved"))
	if err != nil || *a.Status != "approved" || !*a.Valid {
		t.Fatalf("%v %+v", err, a)
	}
	if e.sb.Attempts()[0].ConversionStatus != "converted" {
		t.Fatal("approved attempt not converted")
	}
	v = e.start(e.demo, NumberMobile, "sms")
	_, err = e.v.UpdateVerification(e.demo, *v.Sid, (&verify.UpdateVerificationParams{}).SetStatus("expired"))
	wantErr(t, err, 400, 60200)
}

func TestStartErrors(t *testing.T) {
	e := newEnv(t, Options{})
	psd2 := e.newService("Bank", func(p *verify.CreateServiceParams) { p.SetPsd2Enabled(true) })
	plain := e.newService("Plain", nil)
	unknown := "VA" + strings.Repeat("0", 32)
	tests := []struct {
		name            string
		service         string
		params          *verify.CreateVerificationParams
		status, code    int
		wantOutboxTo    string
		wantNoOutboxFor string
	}{
		{"garbage To", e.demo, p("not a number", "sms"), 400, 60200, "", ""},
		{"national To", e.demo, p("4155550100", "sms"), 400, 60200, "", ""},
		{"invalid number", e.demo, p("+1415555", "sms"), 400, 60200, "", ""},
		{"missing To", e.demo, (&verify.CreateVerificationParams{}).SetChannel("sms"), 400, 60200, "", ""},
		{"bad channel", e.demo, p(NumberMobile, "pigeon"), 400, 60200, "", ""},
		{"missing channel", e.demo, (&verify.CreateVerificationParams{}).SetTo(NumberMobile), 400, 60200, "", ""},
		{"phone on email channel", e.demo, p(NumberMobile, "email"), 400, 60200, "", ""},
		{"email on sms channel", e.demo, p("a@example.com", "sms"), 400, 60200, "", ""},
		{"bad email", e.demo, p("a@@example", "email"), 400, 60200, "", ""},
		{"unknown service", unknown, p(NumberMobile, "sms"), 404, 20404, "", ""},
		{"landline sms", e.demo, p(NumberLandline, "sms"), 403, 60205, "", ""},
		{"landline call works", e.demo, p(NumberLandline, "call"), 0, 0, NumberLandline, ""},
		{"landline sms without skip", plain, p(NumberLandline, "sms"), 0, 0, NumberLandline, ""},
		{"psd2 without amount", psd2, p(NumberMobile, "sms"), 400, 60206, "", ""},
		{"psd2 call", psd2, p(NumberMobile, "call").SetAmount("€10").SetPayee("Acme"), 400, 60214, "", ""},
		{"custom code disabled", e.demo, p(NumberMobile, "sms").SetCustomCode("4242"), 403, 60204, "", ""},
		{"whatsapp without sender", plain, p(NumberMobile, "whatsapp"), 400, 60223, "", ""},
		{"fraud guard", e.demo, p(NumberFraud, "sms"), 403, 60410, "", ""},
		{"fraud guard auto", e.demo, p(NumberFraud, "auto"), 403, 60410, "", ""},
		{"fraud guard risk check off", e.demo, p(NumberFraud, "sms").SetRiskCheck("disable"), 0, 0, NumberFraud, ""},
		{"fraud guard voice", plain, p(NumberFraud, "call"), 0, 0, NumberFraud, ""},
		{"bad risk check", e.demo, p(NumberMobile, "sms").SetRiskCheck("maybe"), 400, 60200, "", ""},
		{"custom message", e.demo, p(NumberMobile, "sms").SetCustomMessage("hi"), 400, 60243, "", ""},
		{"bad tags", e.demo, p(NumberMobile, "sms").SetTags("[1]"), 400, 60200, "", ""},
		{"bad template sid", e.demo, p(NumberMobile, "sms").SetTemplateSid("XX1"), 400, 60200, "", ""},
		{"undeliverable", e.demo, p(NumberUndeliverable, "sms"), 0, 0, "", NumberUndeliverable},
		{"bounce", e.demo, p(EmailBounce, "email"), 0, 0, "", EmailBounce},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(e.sb.Outbox(""))
			v, err := e.v.CreateVerification(tt.service, tt.params)
			if tt.code != 0 {
				wantErr(t, err, tt.status, tt.code)
				if n := len(e.sb.Outbox("")); n != before {
					t.Fatalf("a refused start reached the outbox")
				}
				return
			}
			if err != nil || *v.Status != "pending" {
				t.Fatalf("%v %+v", err, v)
			}
			if tt.wantOutboxTo != "" && len(e.sb.Outbox(tt.wantOutboxTo)) == 0 {
				t.Fatalf("nothing delivered to %s", tt.wantOutboxTo)
			}
			if tt.wantNoOutboxFor != "" {
				if len(e.sb.Outbox(tt.wantNoOutboxFor)) != 0 {
					t.Fatalf("undeliverable %s got a message", tt.wantNoOutboxFor)
				}
				if a := e.sb.Attempts()[0]; a.Status != "failed" || a.VerificationSID != *v.Sid {
					t.Fatalf("attempt %+v", a)
				}
			}
		})
	}
}

func p(to, channel string) *verify.CreateVerificationParams {
	return (&verify.CreateVerificationParams{}).SetTo(to).SetChannel(channel)
}

func TestFraudGuardSafeList(t *testing.T) {
	e := newEnv(t, Options{})
	sl, err := e.v.CreateSafelist((&verify.CreateSafelistParams{}).SetPhoneNumber(NumberFraud))
	if err != nil || *sl.PhoneNumber != NumberFraud || !strings.HasPrefix(*sl.Sid, "GN") ||
		*sl.Url != e.srv.URL()+"/v2/SafeList/Numbers/+14155550102" {
		t.Fatalf("%v %+v", err, sl)
	}
	if _, err := e.v.FetchSafelist(NumberFraud); err != nil {
		t.Fatal(err)
	}
	e.start(e.demo, NumberFraud, "sms")
	if len(e.sb.Outbox(NumberFraud)) != 1 {
		t.Fatal("safe-listed number got nothing")
	}
	if err := e.v.DeleteSafelist(NumberFraud); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchSafelist(NumberFraud)
	wantErr(t, err, 404, 20404)
	_, err = e.v.CreateSafelist((&verify.CreateSafelistParams{}).SetPhoneNumber("12"))
	wantErr(t, err, 400, 60200)
}

func TestPSD2(t *testing.T) {
	e := newEnv(t, Options{})
	bank := e.newService("Bank", func(p *verify.CreateServiceParams) { p.SetPsd2Enabled(true) })
	v, err := e.v.CreateVerification(bank, p(NumberMobile, "sms").SetAmount("€39.99").SetPayee("Acme Inc."))
	if err != nil || *v.Amount != "€39.99" || *v.Payee != "Acme Inc." {
		t.Fatalf("%v %+v", err, v)
	}
	code := e.lastCode(NumberMobile)
	check := func(amount, payee string) (*verify.VerifyV2VerificationCheck, error) {
		return e.v.CreateVerificationCheck(bank, (&verify.CreateVerificationCheckParams{}).
			SetTo(NumberMobile).SetCode(code).SetAmount(amount).SetPayee(payee))
	}
	_, err = e.check(bank, NumberMobile, code)
	wantErr(t, err, 400, 60206)
	if c, err := check("€40.00", "Acme Inc."); err != nil || *c.Status != "pending" {
		t.Fatalf("mismatched amount approved: %v %+v", err, c)
	}
	if c, err := check("€39.99", "Acme Inc."); err != nil || *c.Status != "approved" {
		t.Fatalf("%v %+v", err, c)
	}
}

func TestCustomCode(t *testing.T) {
	e := newEnv(t, Options{})
	svc := e.newService("Custom", func(p *verify.CreateServiceParams) { p.SetCustomCodeEnabled(true) })
	if _, err := e.v.CreateVerification(svc, p(NumberMobile, "sms").SetCustomCode("12")); err == nil {
		t.Fatal("short custom code accepted")
	}
	e.start(svc, NumberMobile, "sms") // generated code first …
	if _, err := e.v.CreateVerification(svc, p(NumberMobile, "sms").SetCustomCode("424242")); err != nil {
		t.Fatal(err)
	}
	if got := e.lastCode(NumberMobile); got != "424242" { // … a custom code on resend replaces it
		t.Fatalf("code %s", got)
	}
	if c, err := e.check(svc, NumberMobile, "424242"); err != nil || *c.Status != "approved" {
		t.Fatalf("%v %+v", err, c)
	}
}

func TestGeoPermissions(t *testing.T) {
	e := newEnv(t, Options{})
	for _, ch := range []string{"sms", "call"} {
		_, err := e.v.CreateVerification(e.demo, p(NumberGeoBlocked, ch))
		wantErr(t, err, 403, 60605)
	}
	e.start(e.demo, NumberGeoBlocked, "whatsapp") // Geo Permissions cover SMS and voice only
	if _, err := e.v.CreateVerification(e.demo, p(NumberGeoBlocked, "sms").SetRiskCheck("disable")); err != nil {
		t.Fatal(err)
	}
}
