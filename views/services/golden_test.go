package services

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// Fixed data for the golden files (the sandbox's SIDs are random).
var (
	goldenT0      = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	goldenService = twilioapi.Service{SID: "VA0123456789abcdef0123456789abcd01", FriendlyName: "Sandbox Demo", CodeLength: 6,
		DefaultTemplateSID: "HJ0123456789abcdef0123456789abcd11",
		Passkeys: twilioapi.PasskeysSettings{RelyingPartyID: "example.com", RelyingPartyName: "Example",
			Origins: "https://example.com,https://login.example.com", AuthenticatorAttachment: "platform"}}
	goldenHooks = []twilioapi.Webhook{
		{SID: "YW0123456789abcdef0123456789abcd21", FriendlyName: "Fraud desk", Status: "enabled", Version: "v2", Method: "POST",
			URL: "https://hooks.example.com/verify", EventTypes: []twilioapi.WebhookEvent{"factor.verified", "challenge.denied"},
			DateCreated: goldenT0, DateUpdated: goldenT0},
		{SID: "YW0123456789abcdef0123456789abcd22", FriendlyName: "Local receiver", Status: "disabled", Version: "v1", Method: "POST",
			URL: "http://127.0.0.1:9000/hook", EventTypes: []twilioapi.WebhookEvent{"*"}, DateCreated: goldenT0, DateUpdated: goldenT0},
	}
	goldenConfigs = []twilioapi.MessagingConfiguration{
		{Country: "US", MessagingServiceSID: "MG0123456789abcdef0123456789abcd31", DateCreated: goldenT0, DateUpdated: goldenT0},
		{Country: "all", MessagingServiceSID: "MG0123456789abcdef0123456789abcd32", DateCreated: goldenT0, DateUpdated: goldenT0},
	}
	goldenTemplates = []twilioapi.Template{
		{SID: "HJ0123456789abcdef0123456789abcd10", FriendlyName: "Verify Default", Channels: []string{"sms", "voice"},
			Translations: []twilioapi.TemplateTranslation{{Locale: "en", Text: "Your {{friendly_name}} verification code is: {{code}}", Status: "approved", IsDefault: true},
				{Locale: "es", Text: "Tu código de verificación de {{friendly_name}} es: {{code}}", Status: "approved"}}},
		{SID: "HJ0123456789abcdef0123456789abcd11", FriendlyName: "Code First", Channels: []string{"sms"},
			Translations: []twilioapi.TemplateTranslation{{Locale: "en", Text: "{{code}} is your {{friendly_name}} verification code.", Status: "approved", IsDefault: true},
				{Locale: "de", Text: "{{code}} ist Ihr {{friendly_name}} Bestätigungscode.", Status: "approved"}}},
	}
	goldenLog = []twilioapi.WebhookDelivery{
		{Time: goldenT0.Add(2 * time.Second), Target: "webhook", WebhookSID: goldenHooks[0].SID, Event: "factor.verified",
			URL: goldenHooks[0].URL, Attempt: 1, StatusCode: 200, Duration: 12 * time.Millisecond},
		{Time: goldenT0.Add(time.Second), Target: "event_sink", Event: "com.twilio.accountsecurity.verify.verification.pending",
			URL: "http://127.0.0.1:9100/events?bodySHA256=ab12", Attempt: 3, Duration: 5 * time.Second, Error: "timeout: no answer in time"},
	}
)

// goldenPanel is a hand-built view with panel p open on fixed data.
func goldenPanel(p panelKind, w, h int) Model {
	c := viewtest.Common(nil, func(c *common.Common) { c.Clock = func() time.Time { return goldenT0 } })
	m := New(c).setSize(w, h)
	m.reqs.Take(m.firstLoad) // no load in flight: nothing says "loading…"
	m.list.SetItems([]twilioapi.Service{goldenService}, "")
	m.current = goldenService.SID
	m.integ = newIntegrations()
	m.integ.panel, m.integ.service = p, goldenService
	m.integ.setHeight(m.panelRows())
	m.integ.hooks.SetItems(goldenHooks, "")
	m.integ.configs.SetItems(goldenConfigs, "")
	m.integ.tmpls.SetItems(goldenTemplates, "")
	m.integ.tmpls.Select(goldenService.DefaultTemplateSID)
	m.integ.log.SetItems(goldenLog, "")
	return m
}

func TestGoldenPanels(t *testing.T) {
	states := map[string]func(w, h int) string{
		"webhooks":   func(w, h int) string { m := goldenPanel(panelWebhooks, w, h); return m.View() },
		"messaging":  func(w, h int) string { m := goldenPanel(panelConfigs, w, h); return m.View() },
		"templates":  func(w, h int) string { m := goldenPanel(panelTemplates, w, h); return m.View() },
		"deliveries": func(w, h int) string { m := goldenPanel(panelDeliveries, w, h); return m.View() },
		"webhook_form": func(w, h int) string {
			m := goldenPanel(panelWebhooks, w, h)
			m.openWebhookForm(goldenHooks[0], true)
			return m.View()
		},
		"passkeys_detail": func(w, h int) string {
			m := goldenPanel(panelNone, w, h)
			m.detailOffset = detailLines(goldenService)
			return m.View()
		},
	}
	for _, name := range []string{"webhooks", "messaging", "templates", "deliveries", "webhook_form", "passkeys_detail"} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				golden.RequireEqual(t, []byte(ansi.Strip(states[name](size[0], size[1]))))
			})
		}
	}
}
