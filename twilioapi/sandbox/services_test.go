package sandbox

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestServiceCRUDEchoesEverySetting(t *testing.T) {
	e := newEnv(t, Options{Empty: true})
	p := (&verify.CreateServiceParams{}).SetFriendlyName("Acme Login").SetCodeLength(8).
		SetLookupEnabled(true).SetSkipSmsToLandlines(true).SetDtmfInputRequired(true).SetTtsName("Polly.Joanna").
		SetPsd2Enabled(true).SetDoNotShareWarningEnabled(true).SetCustomCodeEnabled(true).
		SetPushIncludeDate(true).SetPushApnCredentialSid("CR" + strings.Repeat("a", 32)).
		SetPushFcmCredentialSid("CR" + strings.Repeat("b", 32)).SetTotpIssuer("Acme").SetTotpTimeStep(45).
		SetTotpCodeLength(7).SetTotpSkew(2).SetDefaultTemplateSid("HJ" + strings.Repeat("c", 32)).
		SetWhatsappMsgServiceSid("MG" + strings.Repeat("d", 32)).SetWhatsappFrom("whatsapp:+15005550006").
		SetPasskeysRelyingPartyId("example.com").SetPasskeysRelyingPartyName("Example").
		SetPasskeysRelyingPartyOrigins("https://example.com, https://app.example.com").
		SetPasskeysAuthenticatorAttachment("platform").SetPasskeysDiscoverableCredentials("preferred").
		SetPasskeysUserVerification("required").SetVerifyEventSubscriptionEnabled(true)
	resp, err := e.v.CreateServiceWithMetadata(p)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 201 {
		t.Fatalf("create status %d", resp.StatusCode)
	}
	s := &resp.Resource
	check := func(s *verify.VerifyV2Service) {
		t.Helper()
		if *s.FriendlyName != "Acme Login" || s.CodeLength != 8 || !*s.LookupEnabled || !*s.SkipSmsToLandlines ||
			!*s.DtmfInputRequired || *s.TtsName != "Polly.Joanna" || !*s.Psd2Enabled || !*s.DoNotShareWarningEnabled ||
			!*s.CustomCodeEnabled || *s.DefaultTemplateSid != "HJ"+strings.Repeat("c", 32) || !*s.VerifyEventSubscriptionEnabled {
			t.Fatalf("flat settings: %+v", s)
		}
		push, totp, wa, pk := asMap(t, s.Push), asMap(t, s.Totp), asMap(t, s.Whatsapp), asMap(t, s.Passkeys)
		if push["include_date"] != true || push["apn_credential_sid"] != "CR"+strings.Repeat("a", 32) ||
			push["fcm_credential_sid"] != "CR"+strings.Repeat("b", 32) {
			t.Fatalf("push %v", push)
		}
		if totp["issuer"] != "Acme" || totp["time_step"] != float64(45) || totp["code_length"] != float64(7) || totp["skew"] != float64(2) {
			t.Fatalf("totp %v", totp)
		}
		if wa["msg_service_sid"] != "MG"+strings.Repeat("d", 32) || wa["from"] != "whatsapp:+15005550006" {
			t.Fatalf("whatsapp %v", wa)
		}
		rp := pk["relying_party"].(map[string]any)
		if rp["id"] != "example.com" || fmt.Sprint(rp["origins"]) != "[https://example.com https://app.example.com]" ||
			pk["user_verification"] != "required" || pk["authenticator_attachment"] != "platform" {
			t.Fatalf("passkeys %v", pk)
		}
		links := *s.Links
		if links["verification_checks"] != *s.Url+"/VerificationCheck" || len(links) != 7 {
			t.Fatalf("links %v", links)
		}
	}
	check(s)
	got, err := e.v.FetchService(*s.Sid)
	if err != nil {
		t.Fatal(err)
	}
	check(got)

	e.clock.Advance(60e9)
	upd, err := e.v.UpdateService(*s.Sid, (&verify.UpdateServiceParams{}).SetFriendlyName("Acme 2").SetTotpSkew(0))
	if err != nil || *upd.FriendlyName != "Acme 2" || asMap(t, upd.Totp)["skew"] != float64(0) || s.CodeLength != 8 {
		t.Fatalf("update: %v %+v", err, upd)
	}
	if !upd.DateUpdated.After(*upd.DateCreated) {
		t.Fatal("date_updated not bumped")
	}
	if err := e.v.DeleteService(*s.Sid); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchService(*s.Sid)
	wantErr(t, err, 404, 20404)
	wantErr(t, e.v.DeleteService(*s.Sid), 404, 20404)
}

func TestServiceDefaults(t *testing.T) {
	e := newEnv(t, Options{})
	s, err := e.v.FetchService(e.demo)
	if err != nil {
		t.Fatal(err)
	}
	if s.CodeLength != 6 || !*s.LookupEnabled || !*s.SkipSmsToLandlines || *s.CustomCodeEnabled || *s.Psd2Enabled {
		t.Fatalf("demo service %+v", s)
	}
	// Unset nested settings are null, as in Twilio's fetch example.
	_, body := e.raw("GET", "/v2/Services/"+e.demo, "")
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	totp := m["totp"].(map[string]any)
	if totp["issuer"] != nil || totp["time_step"] != nil || m["tts_name"] != nil || m["date_created"] != "2026-11-26T12:00:00Z" {
		t.Fatalf("unset values: %s", body)
	}
}

func TestServiceValidation(t *testing.T) {
	e := newEnv(t, Options{Empty: true})
	tests := []struct {
		name string
		p    *verify.CreateServiceParams
	}{
		{"missing name", &verify.CreateServiceParams{}},
		{"long name", (&verify.CreateServiceParams{}).SetFriendlyName(strings.Repeat("x", 31))},
		{"code length 3", (&verify.CreateServiceParams{}).SetFriendlyName("a").SetCodeLength(3)},
		{"code length 11", (&verify.CreateServiceParams{}).SetFriendlyName("a").SetCodeLength(11)},
		{"totp step", (&verify.CreateServiceParams{}).SetFriendlyName("a").SetTotpTimeStep(10)},
		{"totp length", (&verify.CreateServiceParams{}).SetFriendlyName("a").SetTotpCodeLength(9)},
		{"totp skew", (&verify.CreateServiceParams{}).SetFriendlyName("a").SetTotpSkew(3)},
		{"bad CR sid", (&verify.CreateServiceParams{}).SetFriendlyName("a").SetPushApnCredentialSid("CR1")},
		{"bad enum", (&verify.CreateServiceParams{}).SetFriendlyName("a").SetPasskeysUserVerification("always")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.v.CreateService(tt.p)
			wantErr(t, err, 400, 60200)
		})
	}
	resp, body := e.raw("POST", "/v2/Services", "FriendlyName=x&LookupEnabled=maybe")
	if resp.StatusCode != 400 || !strings.Contains(string(body), "LookupEnabled") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	if list, _ := e.v.ListService(nil); len(list) != 0 {
		t.Fatalf("invalid creates left %d services", len(list))
	}
}

func TestServiceListPaging(t *testing.T) {
	e := newEnv(t, Options{})
	want := []string{e.demo}
	for i := 0; i < 10; i++ {
		want = append(want, e.newService(fmt.Sprintf("Service %02d", i), nil))
	}
	// ListService follows next_page_url through the rewriting transport.
	list, err := e.v.ListService((&verify.ListServiceParams{}).SetPageSize(3))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(want) {
		t.Fatalf("listed %d services, want %d", len(list), len(want))
	}
	for i, s := range list {
		if *s.Sid != want[i] {
			t.Fatalf("order: %d is %s, want %s", i, *s.Sid, want[i])
		}
	}
	// Page by page, as the console does: 3+3+3+2, meta on each page.
	token, page, seen := "", "", 0
	for pages := 1; ; pages++ {
		pg, err := e.v.PageService((&verify.ListServiceParams{}).SetPageSize(3), token, page)
		if err != nil {
			t.Fatal(err)
		}
		seen += len(pg.Services)
		if pg.Meta.Key != "services" || pg.Meta.PageSize != 3 || !strings.HasPrefix(pg.Meta.FirstPageUrl, e.srv.URL()+"/v2/Services?") {
			t.Fatalf("meta %+v", pg.Meta)
		}
		if pg.Meta.NextPageUrl == nil {
			if pages != 4 || seen != 11 || len(pg.Services) != 2 {
				t.Fatalf("last page after %d pages, %d services", pages, seen)
			}
			break
		}
		if len(pg.Services) != 3 {
			t.Fatalf("page %d has %d", pages, len(pg.Services))
		}
		next := *pg.Meta.NextPageUrl
		if !strings.HasPrefix(next, e.srv.URL()+"/v2/Services?PageSize=3&Page=") {
			t.Fatalf("next_page_url %s", next)
		}
		_, q, _ := strings.Cut(next, "?")
		f, _ := parseForm(q)
		token, page = f.str("PageToken"), f.str("Page")
	}
	// Raw envelope: next_page_url null on the last page, key present.
	_, body := e.raw("GET", "/v2/Services?PageSize=50", "")
	var m struct {
		Services []any          `json:"services"`
		Meta     map[string]any `json:"meta"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if v, ok := m.Meta["next_page_url"]; !ok || v != nil || m.Meta["key"] != "services" || len(m.Services) != 11 {
		t.Fatalf("envelope %s", body)
	}
	resp, _ := e.raw("GET", "/v2/Services?PageSize=0", "")
	if resp.StatusCode != 400 {
		t.Fatalf("PageSize=0 answered %d", resp.StatusCode)
	}
}

func TestDeleteServiceDropsItsVerifications(t *testing.T) {
	e := newEnv(t, Options{})
	svc := e.newService("Temp", nil)
	v := e.start(svc, NumberMobile, "sms")
	if err := e.v.DeleteService(svc); err != nil {
		t.Fatal(err)
	}
	_, err := e.v.FetchVerification(svc, *v.Sid)
	wantErr(t, err, 404, 20404)
}
