package twilioapi_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

func TestWebhooksThroughClient(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	wh, err := e.c.CreateWebhook(e.ctx, va, twilioapi.WebhookParams{FriendlyName: "Owl", URL: "https://owl.example.com/h",
		EventTypes: []twilioapi.WebhookEvent{twilioapi.WebhookEventFactorVerified, twilioapi.WebhookEventChallengeApproved}})
	if err != nil || !strings.HasPrefix(wh.SID, "YW") || !wh.Enabled() || wh.Version != "v2" || wh.Method != "POST" ||
		len(wh.EventTypes) != 2 || wh.URL != "https://owl.example.com/h" || wh.DateCreated.IsZero() {
		t.Fatalf("create: %v %+v", err, wh)
	}
	off := twilioapi.WebhookDisabled
	up, err := e.c.UpdateWebhook(e.ctx, va, wh.SID, twilioapi.WebhookUpdate{Status: &off})
	if err != nil || up.Enabled() || up.FriendlyName != "Owl" {
		t.Fatalf("disable: %v %+v", err, up)
	}
	for i := 0; i < 3; i++ {
		if _, err := e.c.CreateWebhook(e.ctx, va, twilioapi.WebhookParams{FriendlyName: "more", URL: "http://localhost:9/h",
			EventTypes: []twilioapi.WebhookEvent{twilioapi.WebhookEventAll}, Version: "v1"}); err != nil {
			t.Fatal(err)
		}
	}
	var all []twilioapi.Webhook
	for tok, first := "", true; first || tok != ""; first = false {
		p, err := e.c.ListWebhooksPage(e.ctx, va, 3, tok)
		if err != nil {
			t.Fatal(err)
		}
		all, tok = append(all, p.Webhooks...), p.NextPageToken
	}
	if len(all) != 4 || all[0].SID != wh.SID || all[3].Version != "v1" {
		t.Fatalf("paged list: %d %+v", len(all), all)
	}
	got, err := e.c.FetchWebhook(e.ctx, va, wh.SID)
	if err != nil || got.Status != "disabled" {
		t.Fatalf("fetch: %v %+v", err, got)
	}
	if err := e.c.DeleteWebhook(e.ctx, va, wh.SID); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.FetchWebhook(e.ctx, va, wh.SID)
	apiErr(t, err, 404, 20404)

	// Input is checked before any call.
	ok := twilioapi.WebhookParams{FriendlyName: "x", URL: "https://example.com", EventTypes: []twilioapi.WebhookEvent{"*"}}
	bad := func(mut func(*twilioapi.WebhookParams), field string) {
		t.Helper()
		p := ok
		mut(&p)
		_, err := e.c.CreateWebhook(e.ctx, va, p)
		invalidInput(t, err, field)
	}
	bad(func(p *twilioapi.WebhookParams) { p.URL = "http://example.com/h" }, "Webhook URL")
	bad(func(p *twilioapi.WebhookParams) { p.URL = "https://u:p@example.com/h" }, "Webhook URL")
	bad(func(p *twilioapi.WebhookParams) { p.URL = "" }, "Webhook URL")
	bad(func(p *twilioapi.WebhookParams) { p.EventTypes = nil }, "Event types")
	bad(func(p *twilioapi.WebhookParams) { p.EventTypes = []twilioapi.WebhookEvent{"challenge.expired"} }, "Event types")
	bad(func(p *twilioapi.WebhookParams) { p.FriendlyName = " " }, "Friendly name")
	bad(func(p *twilioapi.WebhookParams) { p.Status = "on" }, "Status")
	bad(func(p *twilioapi.WebhookParams) { p.Version = "v9" }, "Version")
	_, err = e.c.UpdateWebhook(e.ctx, va, all[1].SID, twilioapi.WebhookUpdate{})
	invalidInput(t, err, "Friendly name")
	_, err = e.c.FetchWebhook(e.ctx, va, "YW1")
	invalidInput(t, err, "Webhook SID")
}

func TestMessagingConfigurationsThroughClient(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	mg, mg2 := "MG"+strings.Repeat("a", 32), "MG"+strings.Repeat("b", 32)
	mc, err := e.c.CreateMessagingConfiguration(e.ctx, va, "us", mg)
	if err != nil || mc.Country != "US" || mc.MessagingServiceSID != mg || mc.ServiceSID != va {
		t.Fatalf("create: %v %+v", err, mc)
	}
	if _, err := e.c.CreateMessagingConfiguration(e.ctx, va, "ALL", mg2); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.CreateMessagingConfiguration(e.ctx, va, "US", mg2)
	apiErr(t, err, 400, 60200)
	up, err := e.c.UpdateMessagingConfiguration(e.ctx, va, "US", mg2)
	if err != nil || up.MessagingServiceSID != mg2 {
		t.Fatalf("update: %v %+v", err, up)
	}
	p, err := e.c.ListMessagingConfigurationsPage(e.ctx, va, 1, "")
	if err != nil || len(p.Configurations) != 1 || p.NextPageToken == "" {
		t.Fatalf("page 1: %v %+v", err, p)
	}
	p2, err := e.c.ListMessagingConfigurationsPage(e.ctx, va, 1, p.NextPageToken)
	if err != nil || len(p2.Configurations) != 1 || p2.Configurations[0].Country != "all" || p2.NextPageToken != "" {
		t.Fatalf("page 2: %v %+v", err, p2)
	}
	e.start(t, va, mobile, twilioapi.ChannelSMS)
	msgs, err := e.c.Outbox(e.ctx, mobile)
	if err != nil || len(msgs) != 1 || msgs[0].From != mg2 {
		t.Fatalf("outbox sender: %v %+v", err, msgs)
	}
	if err := e.c.DeleteMessagingConfiguration(e.ctx, va, "US"); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.FetchMessagingConfiguration(e.ctx, va, "US")
	apiErr(t, err, 404, 20404)
	_, err = e.c.CreateMessagingConfiguration(e.ctx, va, "USA", mg)
	invalidInput(t, err, "Country")
	_, err = e.c.CreateMessagingConfiguration(e.ctx, va, "../x", mg)
	invalidInput(t, err, "Country")
	_, err = e.c.CreateMessagingConfiguration(e.ctx, va, "xx", mg) // two letters, no country
	invalidInput(t, err, "Country")
	_, err = e.c.CreateMessagingConfiguration(e.ctx, va, "GB", "VA"+strings.Repeat("a", 32))
	invalidInput(t, err, "Messaging Service SID")
}

func TestTemplatesThroughClient(t *testing.T) {
	e := newEnv(t)
	var all []twilioapi.Template
	for tok, first := "", true; first || tok != ""; first = false {
		p, err := e.c.ListTemplatesPage(e.ctx, "", 2, tok)
		if err != nil {
			t.Fatal(err)
		}
		all, tok = append(all, p.Templates...), p.NextPageToken
	}
	if len(all) < 3 {
		t.Fatalf("%d templates", len(all))
	}
	for _, tp := range all {
		if !strings.HasPrefix(tp.SID, "HJ") || len(tp.Translations) == 0 || !tp.Translations[0].IsDefault || len(tp.Channels) == 0 {
			t.Fatalf("template %+v", tp)
		}
	}
	p, err := e.c.ListTemplatesPage(e.ctx, "Base Verification", 50, "")
	if err != nil || len(p.Templates) != 2 {
		t.Fatalf("filter: %v %d", err, len(p.Templates))
	}
	// The chosen template becomes the service default and shapes the SMS.
	var codeFirst twilioapi.Template
	for _, tp := range all {
		if tp.FriendlyName == "Code First" {
			codeFirst = tp
		}
	}
	va := e.service(t, twilioapi.ServiceSettings{DefaultTemplateSID: &codeFirst.SID})
	e.start(t, va, mobile, twilioapi.ChannelSMS)
	msgs, _ := e.c.Outbox(e.ctx, mobile)
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Body, msgs[0].Code+" is your ") {
		t.Fatalf("SMS with the default template: %+v", msgs)
	}
	_, err = e.c.ListTemplatesPage(e.ctx, "Template v1.2", 50, "")
	invalidInput(t, err, "Friendly name")
}

func TestPasskeysSettingsThroughClient(t *testing.T) {
	e := newEnv(t)
	id, name, origins := "example.com", "Example", "https://login.example.com, https://example.com"
	att, disc, uv := "platform", "required", "preferred"
	sv, err := e.c.CreateService(e.ctx, twilioapi.ServiceSettings{FriendlyName: ptr("Passkeys"), PasskeysRelyingPartyID: &id,
		PasskeysRelyingPartyName: &name, PasskeysOrigins: &origins, PasskeysAuthenticatorAttachment: &att,
		PasskeysDiscoverableCredentials: &disc, PasskeysUserVerification: &uv})
	want := twilioapi.PasskeysSettings{RelyingPartyID: id, RelyingPartyName: name, Origins: "https://login.example.com,https://example.com",
		AuthenticatorAttachment: att, DiscoverableCredentials: disc, UserVerification: uv}
	if err != nil || sv.Passkeys != want {
		t.Fatalf("create: %v %+v", err, sv.Passkeys)
	}
	empty := ""
	sv, err = e.c.UpdateService(e.ctx, sv.SID, twilioapi.ServiceSettings{PasskeysAuthenticatorAttachment: &empty})
	if err != nil || sv.Passkeys.AuthenticatorAttachment != "" || sv.Passkeys.RelyingPartyID != id {
		t.Fatalf("clear attachment: %v %+v", err, sv.Passkeys)
	}
	for _, tc := range []struct {
		s     twilioapi.ServiceSettings
		field string
	}{
		{twilioapi.ServiceSettings{PasskeysRelyingPartyID: ptr("https://example.com")}, "Relying party ID"},
		{twilioapi.ServiceSettings{PasskeysRelyingPartyID: ptr("example")}, "Relying party ID"},
		{twilioapi.ServiceSettings{PasskeysOrigins: ptr("http://example.com")}, "Origins"},
		{twilioapi.ServiceSettings{PasskeysOrigins: ptr("https://example.com/login")}, "Origins"},
		{twilioapi.ServiceSettings{PasskeysRelyingPartyID: &id, PasskeysOrigins: ptr("https://evil.test")}, "Origins"},
		{twilioapi.ServiceSettings{PasskeysAuthenticatorAttachment: ptr("usb")}, "Authenticator attachment"},
		{twilioapi.ServiceSettings{PasskeysDiscoverableCredentials: ptr("always")}, "Discoverable credentials"},
		{twilioapi.ServiceSettings{PasskeysUserVerification: ptr("never")}, "User verification"},
	} {
		_, err := e.c.UpdateService(e.ctx, sv.SID, tc.s)
		invalidInput(t, err, tc.field)
	}
	if err := twilioapi.ValidatePasskeysOrigin("http://localhost:3000", "localhost"); err != nil {
		t.Fatal(err)
	}
}

func TestSandboxWebhookDeliveriesThroughClient(t *testing.T) {
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	defer rc.Close()
	c, _ := apitest.Start(t, sandbox.Options{Empty: true})
	e := &env{c: c, ctx: t.Context()}
	va := e.service(t, twilioapi.ServiceSettings{})
	wh, err := c.CreateWebhook(e.ctx, va, twilioapi.WebhookParams{FriendlyName: "r", URL: rc.URL + "/hook",
		EventTypes: []twilioapi.WebhookEvent{twilioapi.WebhookEventAll}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.CreateTOTPFactor(e.ctx, twilioapi.TOTPFactorParams{ServiceSID: va, Identity: "user-0001-abcd", FriendlyName: "Phone"}); err != nil {
		t.Fatal(err)
	}
	var log []twilioapi.WebhookDelivery
	for deadline := time.Now().Add(10 * time.Second); len(log) == 0; {
		if log, err = c.SandboxWebhookDeliveries(e.ctx); err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatal("no delivery logged")
		}
		time.Sleep(5 * time.Millisecond)
	}
	d := log[0]
	if d.WebhookSID != wh.SID || d.Event != "factor.created" || d.StatusCode != 204 || d.Error != "" || d.Attempt != 1 ||
		d.Target != "webhook" || d.URL != rc.URL+"/hook" || d.Time.IsZero() {
		t.Fatalf("delivery %+v", d)
	}
	twilio, err := twilioapi.New(twilioapi.Config{AccountSID: "AC" + strings.Repeat("0", 32), AuthToken: "x1"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = twilio.SandboxWebhookDeliveries(e.ctx)
	invalidInput(t, err, "Base URL")
}
