package sandbox

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// TestWebhooksCRUD: twilio-go creates, fetches, updates, lists (paged)
// and deletes webhooks with Twilio's shapes and defaults.
func TestWebhooksCRUD(t *testing.T) {
	e := newEnv(t, Options{})
	wh, err := e.v.CreateWebhook(e.demo, (&verify.CreateWebhookParams{}).SetFriendlyName("Owl Bank").
		SetEventTypes([]string{"factor.deleted", "factor.verified"}).SetWebhookUrl("https://owlbank.example.com/hook"))
	if err != nil {
		t.Fatal(err)
	}
	if !validSID(*wh.Sid, "YW") || *wh.ServiceSid != e.demo || *wh.AccountSid != e.sb.AccountSID() ||
		*wh.Status != "enabled" || *wh.Version != "v2" || *wh.WebhookMethod != "POST" ||
		strings.Join(*wh.EventTypes, ",") != "factor.deleted,factor.verified" || wh.DateCreated == nil ||
		*wh.Url != e.srv.URL()+"/v2/Services/"+e.demo+"/Webhooks/"+*wh.Sid {
		t.Fatalf("created webhook = %+v", wh)
	}
	got, err := e.v.FetchWebhook(e.demo, *wh.Sid)
	if err != nil || *got.WebhookUrl != "https://owlbank.example.com/hook" || *got.FriendlyName != "Owl Bank" {
		t.Fatalf("fetch = %+v, %v", got, err)
	}
	up, err := e.v.UpdateWebhook(e.demo, *wh.Sid, (&verify.UpdateWebhookParams{}).SetStatus("disabled").SetVersion("v1").
		SetEventTypes([]string{"*"}))
	if err != nil || *up.Status != "disabled" || *up.Version != "v1" || strings.Join(*up.EventTypes, ",") != "*" ||
		*up.FriendlyName != "Owl Bank" {
		t.Fatalf("update = %+v, %v", up, err)
	}
	for i := 0; i < 4; i++ {
		if _, err := e.v.CreateWebhook(e.demo, (&verify.CreateWebhookParams{}).SetFriendlyName(fmt.Sprint("hook ", i)).
			SetEventTypes([]string{"*"}).SetWebhookUrl("http://127.0.0.1:9/h")); err != nil {
			t.Fatal(err)
		}
	}
	page, err := e.v.PageWebhook(e.demo, (&verify.ListWebhookParams{}).SetPageSize(2), "", "")
	if err != nil || len(page.Webhooks) != 2 || page.Meta.Key != "webhooks" || page.Meta.NextPageUrl == nil {
		t.Fatalf("first page = %+v, %v", page, err)
	}
	all, err := e.v.ListWebhook(e.demo, (&verify.ListWebhookParams{}).SetPageSize(2))
	if err != nil || len(all) != 5 || *all[0].Sid != *wh.Sid {
		t.Fatalf("list = %d webhooks, %v", len(all), err)
	}
	if err := e.v.DeleteWebhook(e.demo, *wh.Sid); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchWebhook(e.demo, *wh.Sid)
	wantErr(t, err, 404, 20404)
	wantErr(t, e.v.DeleteWebhook(e.demo, *wh.Sid), 404, 20404)
}

// TestWebhookValidation: every parameter rule answers 400/60200 and
// changes nothing; unknown services and SIDs answer 404.
func TestWebhookValidation(t *testing.T) {
	e := newEnv(t, Options{})
	ok := func() *verify.CreateWebhookParams {
		return (&verify.CreateWebhookParams{}).SetFriendlyName("n").SetEventTypes([]string{"*"}).SetWebhookUrl("https://example.com/h")
	}
	for name, p := range map[string]*verify.CreateWebhookParams{
		"no name":            (&verify.CreateWebhookParams{}).SetEventTypes([]string{"*"}).SetWebhookUrl("https://example.com/h"),
		"no events":          (&verify.CreateWebhookParams{}).SetFriendlyName("n").SetWebhookUrl("https://example.com/h"),
		"no url":             (&verify.CreateWebhookParams{}).SetFriendlyName("n").SetEventTypes([]string{"*"}),
		"unknown event":      ok().SetEventTypes([]string{"challenge.expired"}),
		"http to a host":     ok().SetWebhookUrl("http://example.com/h"),
		"ftp":                ok().SetWebhookUrl("ftp://example.com/h"),
		"relative":           ok().SetWebhookUrl("/hook"),
		"credentials in url": ok().SetWebhookUrl("https://user:pw@example.com/h"),
		"bad status":         ok().SetStatus("paused"),
		"bad version":        ok().SetVersion("v3"),
		"long name":          ok().SetFriendlyName(strings.Repeat("x", 65)),
	} {
		_, err := e.v.CreateWebhook(e.demo, p)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		wantErr(t, err, 400, 60200)
	}
	for _, u := range []string{"http://localhost:8080/h", "http://127.0.0.1/h", "http://[::1]:9/h", "https://example.com"} {
		if _, err := e.v.CreateWebhook(e.demo, ok().SetWebhookUrl(u)); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
	wh, _ := e.v.CreateWebhook(e.demo, ok())
	_, err := e.v.UpdateWebhook(e.demo, *wh.Sid, (&verify.UpdateWebhookParams{}).SetWebhookUrl("http://example.com").SetFriendlyName("changed"))
	wantErr(t, err, 400, 60200)
	if got, _ := e.v.FetchWebhook(e.demo, *wh.Sid); *got.FriendlyName != "n" {
		t.Fatalf("a refused update changed the name to %q", *got.FriendlyName)
	}
	_, err = e.v.CreateWebhook("VA"+strings.Repeat("0", 32), ok())
	wantErr(t, err, 404, 20404)
	_, err = e.v.FetchWebhook(e.demo, "YW"+strings.Repeat("0", 32))
	wantErr(t, err, 404, 20404)
	_, err = e.v.FetchWebhook(e.demo, "XX1")
	wantErr(t, err, 404, 20404)
	// At most 20 per service (the sandbox's limit).
	for i := len(mustListWebhooks(t, e)); i < maxWebhooksPerService; i++ {
		if _, err := e.v.CreateWebhook(e.demo, ok()); err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.v.CreateWebhook(e.demo, ok())
	wantErr(t, err, 400, 60200)
	// Deleting the service deletes its webhooks.
	if err := e.v.DeleteService(e.demo); err != nil {
		t.Fatal(err)
	}
	e.sb.mu.Lock()
	n := len(e.sb.st.Webhooks)
	e.sb.mu.Unlock()
	if n != 0 {
		t.Fatalf("%d webhooks survive their service", n)
	}
}

func mustListWebhooks(t *testing.T, e *env) []verify.VerifyV2Webhook {
	t.Helper()
	l, err := e.v.ListWebhook(e.demo, nil)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestMessagingConfigurationsCRUD: the country is the key; "all" is the
// global configuration; twilio-go round-trips every call.
func TestMessagingConfigurationsCRUD(t *testing.T) {
	e := newEnv(t, Options{})
	mg1, mg2 := "MG"+strings.Repeat("a", 32), "MG"+strings.Repeat("b", 32)
	mc, err := e.v.CreateMessagingConfiguration(e.demo, (&verify.CreateMessagingConfigurationParams{}).SetCountry("CA").SetMessagingServiceSid(mg1))
	if err != nil {
		t.Fatal(err)
	}
	if *mc.Country != "CA" || *mc.MessagingServiceSid != mg1 || *mc.ServiceSid != e.demo || *mc.AccountSid != e.sb.AccountSID() ||
		*mc.Url != e.srv.URL()+"/v2/Services/"+e.demo+"/MessagingConfigurations/CA" || mc.DateCreated == nil {
		t.Fatalf("created = %+v", mc)
	}
	if _, err := e.v.CreateMessagingConfiguration(e.demo, (&verify.CreateMessagingConfigurationParams{}).SetCountry("all").SetMessagingServiceSid(mg2)); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.CreateMessagingConfiguration(e.demo, (&verify.CreateMessagingConfigurationParams{}).SetCountry("CA").SetMessagingServiceSid(mg2))
	wantErr(t, err, 400, 60200)
	up, err := e.v.UpdateMessagingConfiguration(e.demo, "CA", (&verify.UpdateMessagingConfigurationParams{}).SetMessagingServiceSid(mg2))
	if err != nil || *up.MessagingServiceSid != mg2 {
		t.Fatalf("update = %+v, %v", up, err)
	}
	got, err := e.v.FetchMessagingConfiguration(e.demo, "all")
	if err != nil || *got.Country != "all" {
		t.Fatalf("fetch all = %+v, %v", got, err)
	}
	page, err := e.v.PageMessagingConfiguration(e.demo, (&verify.ListMessagingConfigurationParams{}).SetPageSize(1), "", "")
	if err != nil || len(page.MessagingConfigurations) != 1 || page.Meta.Key != "messaging_configurations" || page.Meta.NextPageUrl == nil {
		t.Fatalf("page = %+v, %v", page, err)
	}
	all, err := e.v.ListMessagingConfiguration(e.demo, (&verify.ListMessagingConfigurationParams{}).SetPageSize(1))
	if err != nil || len(all) != 2 || *all[0].Country != "CA" {
		t.Fatalf("list = %+v, %v", all, err)
	}
	for name, p := range map[string]*verify.CreateMessagingConfigurationParams{
		"no country":     (&verify.CreateMessagingConfigurationParams{}).SetMessagingServiceSid(mg1),
		"bad country":    (&verify.CreateMessagingConfigurationParams{}).SetCountry("ZZ").SetMessagingServiceSid(mg1),
		"no mg":          (&verify.CreateMessagingConfigurationParams{}).SetCountry("US"),
		"not an MG sid":  (&verify.CreateMessagingConfigurationParams{}).SetCountry("US").SetMessagingServiceSid("VA" + strings.Repeat("a", 32)),
		"three letters":  (&verify.CreateMessagingConfigurationParams{}).SetCountry("USA").SetMessagingServiceSid(mg1),
		"numeric region": (&verify.CreateMessagingConfigurationParams{}).SetCountry("001").SetMessagingServiceSid(mg1),
	} {
		if _, err := e.v.CreateMessagingConfiguration(e.demo, p); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			wantErr(t, err, 400, 60200)
		}
	}
	_, err = e.v.UpdateMessagingConfiguration(e.demo, "CA", &verify.UpdateMessagingConfigurationParams{})
	wantErr(t, err, 400, 60200)
	if err := e.v.DeleteMessagingConfiguration(e.demo, "CA"); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchMessagingConfiguration(e.demo, "CA")
	wantErr(t, err, 404, 20404)
	wantErr(t, e.v.DeleteMessagingConfiguration(e.demo, "CA"), 404, 20404)
}

// TestMessagingConfigurationChangesSender: an SMS to a country with a
// configuration goes out through its Messaging Service; other countries
// use the "all" one, or Twilio's senders when there is none.
func TestMessagingConfigurationChangesSender(t *testing.T) {
	e := newEnv(t, Options{})
	us, all := "MG"+strings.Repeat("1", 32), "MG"+strings.Repeat("2", 32)
	e.start(e.demo, NumberMobile, "sms")
	if from := e.sb.Outbox(NumberMobile)[0].From; from != "" {
		t.Fatalf("no configuration: from = %q", from)
	}
	if _, err := e.v.CreateMessagingConfiguration(e.demo, (&verify.CreateMessagingConfigurationParams{}).SetCountry("US").SetMessagingServiceSid(us)); err != nil {
		t.Fatal(err)
	}
	if _, err := e.v.CreateMessagingConfiguration(e.demo, (&verify.CreateMessagingConfigurationParams{}).SetCountry("all").SetMessagingServiceSid(all)); err != nil {
		t.Fatal(err)
	}
	e.start(e.demo, NumberMobile, "sms") // a resend
	if from := e.sb.Outbox(NumberMobile)[0].From; from != us {
		t.Fatalf("US number: from = %q, want %s", from, us)
	}
	gb := "+447911123456"
	e.start(e.demo, gb, "sms")
	if from := e.sb.Outbox(gb)[0].From; from != all {
		t.Fatalf("GB number: from = %q, want the global %s", from, all)
	}
	msgs := e.rawJSON("GET", "/sandbox/v1/Messages?To="+url.QueryEscape(gb), "", 200)
	if from := msgs["messages"].([]any)[0].(map[string]any)["from"]; from != all {
		t.Fatalf("GET /sandbox/v1/Messages from = %v", from)
	}
}

// TestTemplatesList: the catalog pages with Twilio's envelope, filters by
// friendly name (the filter kept in next_page_url), and carries
// translations with is_default_translation.
func TestTemplatesList(t *testing.T) {
	e := newEnv(t, Options{})
	all, err := e.v.ListVerificationTemplate(nil)
	if err != nil || len(all) != len(templates()) {
		t.Fatalf("list = %d templates, %v", len(all), err)
	}
	for _, tp := range all {
		if !validSID(*tp.Sid, "HJ") || *tp.AccountSid != e.sb.AccountSID() || len(*tp.Channels) == 0 {
			t.Fatalf("template %+v", tp)
		}
		tr := asMap(t, tp.Translations)
		defaults := 0
		for locale, v := range tr {
			m := v.(map[string]any)
			if m["locale"] != locale || m["status"] != "approved" || !strings.Contains(m["text"].(string), "{{code}}") {
				t.Fatalf("translation %s = %v", locale, m)
			}
			if m["is_default_translation"] == true {
				defaults++
			}
		}
		if defaults != 1 {
			t.Fatalf("%s has %d default translations", *tp.FriendlyName, defaults)
		}
	}
	paged, err := e.v.ListVerificationTemplate((&verify.ListVerificationTemplateParams{}).SetPageSize(1))
	if err != nil || len(paged) != len(all) {
		t.Fatalf("paged list = %d, %v", len(paged), err)
	}
	base, err := e.v.ListVerificationTemplate((&verify.ListVerificationTemplateParams{}).SetFriendlyName("base verification").SetPageSize(1))
	if err != nil || len(base) != 2 {
		t.Fatalf("filtered = %d, %v", len(base), err)
	}
	page, err := e.v.PageVerificationTemplate((&verify.ListVerificationTemplateParams{}).SetFriendlyName("Base").SetPageSize(1), "", "")
	if err != nil || page.Meta.NextPageUrl == nil || !strings.Contains(*page.Meta.NextPageUrl, "FriendlyName=Base") || page.Meta.Key != "templates" {
		t.Fatalf("page meta = %+v, %v", page.Meta, err)
	}
	none, err := e.v.ListVerificationTemplate((&verify.ListVerificationTemplateParams{}).SetFriendlyName("no such template"))
	if err != nil || len(none) != 0 {
		t.Fatalf("no match = %d, %v", len(none), err)
	}
	_, err = e.v.PageVerificationTemplate((&verify.ListVerificationTemplateParams{}).SetPageSize(0), "", "")
	wantErr(t, err, 400, 60200)
	resp, _ := e.raw("POST", "/v2/Templates", "FriendlyName=x")
	if resp.StatusCode != 405 {
		t.Fatalf("POST /v2/Templates = %d", resp.StatusCode)
	}
}

// TestTemplatesShapeSMS: the service's default template, a start's
// TemplateSid and the Templates list shape the SMS text, in the
// verification's locale; unknown templates fall back to the built-in text.
func TestTemplatesShapeSMS(t *testing.T) {
	e := newEnv(t, Options{})
	codeFirst := templateSID("Code First")
	svc := e.newService("Owl Login", func(p *verify.CreateServiceParams) { p.SetDefaultTemplateSid(codeFirst) })
	e.start(svc, NumberMobile, "sms")
	m := e.sb.Outbox(NumberMobile)[0]
	if m.Body != m.Code+" is your Owl Login verification code." {
		t.Fatalf("default template body %q", m.Body)
	}
	to2 := "+14155550111"
	if _, err := e.v.CreateVerification(svc, (&verify.CreateVerificationParams{}).SetTo(to2).SetChannel("sms").SetLocale("de-AT")); err != nil {
		t.Fatal(err)
	}
	if m := e.sb.Outbox(to2)[0]; m.Body != m.Code+" ist Ihr Owl Login Bestätigungscode." {
		t.Fatalf("German translation body %q", m.Body)
	}
	to3 := "+14155550112"
	if _, err := e.v.CreateVerification(svc, (&verify.CreateVerificationParams{}).SetTo(to3).SetChannel("sms").
		SetTemplateSid(templateSID("Base Verification Template 3"))); err != nil {
		t.Fatal(err)
	}
	if m := e.sb.Outbox(to3)[0]; m.Body != "Your verification code is: "+m.Code+". Do not share it." {
		t.Fatalf("TemplateSid body %q", m.Body)
	}
	to4 := "+14155550113"
	if _, err := e.v.CreateVerification(svc, (&verify.CreateVerificationParams{}).SetTo(to4).SetChannel("sms").
		SetTemplates(`[{"sid":"`+templateSID("Verify Default")+`"}]`).SetTemplateSid(codeFirst)); err != nil {
		t.Fatal(err)
	}
	if m := e.sb.Outbox(to4)[0]; m.Body != "Your Owl Login verification code is: "+m.Code {
		t.Fatalf("Templates body %q", m.Body)
	}
	to5 := "+14155550114"
	if _, err := e.v.CreateVerification(svc, (&verify.CreateVerificationParams{}).SetTo(to5).SetChannel("sms").
		SetTemplateSid("HJ"+strings.Repeat("0", 32))); err != nil {
		t.Fatal(err)
	}
	if m := e.sb.Outbox(to5)[0]; m.Body != "Your Owl Login verification code is: "+m.Code {
		t.Fatalf("unknown template body %q", m.Body)
	}
}
