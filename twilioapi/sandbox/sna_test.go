package sandbox

import (
	"strings"
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestSNA(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberSNA, "auto")
	if *v.Channel != "sna" {
		t.Fatalf("auto chose %s for the SNA number", *v.Channel)
	}
	snaURL, _ := asMap(t, v.Sna)["url"].(string)
	if !strings.HasPrefix(snaURL, e.srv.URL()+"/sandbox/v1/SNA/") {
		t.Fatalf("sna.url %q", snaURL)
	}
	if len(e.sb.Outbox(NumberSNA)) != 0 {
		t.Fatal("SNA delivered a message")
	}
	snaCheck := func() *verify.VerifyV2VerificationCheck {
		c, err := e.v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).SetTo(NumberSNA))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// Checked before the device opened the URL: pending, 60519.
	c := snaCheck()
	errs := *c.SnaAttemptsErrorCodes
	if *c.Status != "pending" || len(errs) != 1 || errs[0].(map[string]any)["code"] != float64(60519) {
		t.Fatalf("early check %+v %v", c, errs)
	}
	// The device opens the URL (no credentials) …
	resp, err := httpGet(snaURL)
	if err != nil || resp["error_code"] != float64(0) {
		t.Fatalf("invoke: %v %v", err, resp)
	}
	// … and the check approves with no errors.
	c = snaCheck()
	if *c.Status != "approved" || c.SnaAttemptsErrorCodes == nil || len(*c.SnaAttemptsErrorCodes) != 0 {
		t.Fatalf("check %+v", c)
	}
	// The URL is single-use: the verification is closed now.
	if resp, _ := httpGet(snaURL); resp["code"] != float64(20404) {
		t.Fatalf("reuse: %v", resp)
	}

	// Other numbers: auto picks sms; explicit sna never confirms.
	if v := e.start(e.demo, NumberMobile, "auto"); *v.Channel != "sms" {
		t.Fatalf("auto chose %s", *v.Channel)
	}
	if v := e.start(e.demo, NumberLandline, "auto"); *v.Channel != "call" {
		t.Fatalf("auto chose %s for a landline the service will not text", *v.Channel)
	}
	v = e.start(e.demo, "+15005550123", "sna")
	resp, _ = httpGet(asMap(t, v.Sna)["url"].(string))
	if resp["error_code"] != float64(60519) {
		t.Fatalf("non-SNA carrier: %v", resp)
	}
	c, err = e.v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).SetTo("+15005550123"))
	if err != nil || *c.Status != "pending" || len(*c.SnaAttemptsErrorCodes) != 1 {
		t.Fatalf("%v %+v", err, c)
	}
}

func TestSNAClientToken(t *testing.T) {
	e := newEnv(t, Options{})
	v, err := e.v.CreateVerification(e.demo, p(NumberSNA, "sna").SetEnableSnaClientToken(true))
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := httpGet(asMap(t, v.Sna)["url"].(string))
	tok, _ := resp["client_token"].(string)
	if tok == "" {
		t.Fatalf("no client token: %v", resp)
	}
	check := func(tok string) string {
		c, err := e.v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).SetTo(NumberSNA).SetSnaClientToken(tok))
		if err != nil {
			t.Fatal(err)
		}
		return *c.Status
	}
	if s := check("wrong"); s != "pending" {
		t.Fatalf("wrong token: %s", s)
	}
	if s := check(tok); s != "approved" {
		t.Fatalf("right token: %s", s)
	}
}
