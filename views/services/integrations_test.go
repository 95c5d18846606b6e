package services

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// focus moves the open panel form's focus to field k.
func (s *shell) focusPanelField(k string) {
	s.M.integ.form.FocusKey(k)
}

// TestWebhooksPanel: create, edit, disable and delete a webhook of the
// selected service through the panel, against the sandbox.
func TestWebhooksPanel(t *testing.T) {
	cl := startSandbox(t, false)
	s := newShell(t, viewtest.Common(cl), 100, 30)
	s.Key("w")
	if s.model().integ.panel != panelWebhooks || !strings.Contains(s.model().View(), "No webhooks") {
		t.Fatalf("webhooks panel not open:\n%s", s.model().View())
	}
	s.Key("n")
	s.Type("Owl events")
	s.Key("tab")
	s.Type("http://example.com/hook") // http to a remote host: refused inline
	s.focusPanelField(fHookEvent + "factor.verified")
	s.Key("space")
	s.Key("ctrl+s")
	if !s.model().integ.formOpen || s.model().integ.form.Field(fHookURL).Err == "" {
		t.Fatalf("an http URL was not refused inline: %+v", s.model().integ.form.Field(fHookURL))
	}
	s.focusPanelField(fHookURL)
	for range len("http://example.com/hook") {
		s.Key("backspace")
	}
	s.Type("https://owl.example.com/hook")
	s.Key("ctrl+s")
	if s.model().integ.formOpen {
		t.Fatalf("form still open: %q", s.model().integ.form.Err)
	}
	w, ok := s.model().integ.hooks.Selected()
	if !ok || w.FriendlyName != "Owl events" || !w.Enabled() || eventsText(w.EventTypes) != "factor.verified" {
		t.Fatalf("created %+v", w)
	}
	s.Key("x")
	if w, _ = s.model().integ.hooks.Selected(); w.Enabled() || !strings.Contains(s.LastFlash(), "disabled webhook") {
		t.Fatalf("after toggle: %+v, flash %q", w, s.LastFlash())
	}
	s.Key("e")
	s.Key("end")
	s.Type(" 2")
	s.Key("ctrl+s")
	if w, _ = s.model().integ.hooks.Selected(); w.FriendlyName != "Owl events 2" || w.Enabled() {
		t.Fatalf("after edit: %+v", w)
	}
	got, err := cl.FetchWebhook(context.Background(), s.Current.SID, w.SID)
	if err != nil || got.FriendlyName != "Owl events 2" || got.Status != "disabled" {
		t.Fatalf("at the sandbox: %+v %v", got, err)
	}
	s.Key("d")
	if s.Confirm == nil || !s.Confirm.Mutates {
		t.Fatalf("confirm %+v", s.Confirm)
	}
	s.ConfirmYes()
	if s.model().integ.hooks.Len() != 0 {
		t.Fatal("webhook still listed after delete")
	}
	s.Key("esc")
	if s.model().integ.panel != panelNone {
		t.Fatal("esc did not close the panel")
	}
}

// TestPanelsReadOnly: in read-only mode the panels list but refuse
// changes, and help does not offer them.
func TestPanelsReadOnly(t *testing.T) {
	cl, _ := apitest.StartReadOnly(t, sandbox.Options{})
	s := newShell(t, viewtest.Common(cl, func(c *common.Common) { c.ReadOnly = true }), 100, 30)
	for _, k := range []string{"w", "m"} {
		s.Key(k)
		s.Key("n")
		if s.model().integ.formOpen || !strings.Contains(strings.ToLower(s.LastFlash()), "read-only") {
			t.Fatalf("%s: n in read-only mode: form %v flash %q", k, s.model().integ.formOpen, s.LastFlash())
		}
		for _, b := range s.model().ShortHelp() {
			if b.Help().Desc == "new" || b.Help().Desc == "add" {
				t.Fatalf("help offers %q in read-only mode", b.Help().Desc)
			}
		}
		s.Key("esc")
	}
	s.Key("t")
	s.Key("enter")
	if !strings.Contains(strings.ToLower(s.LastFlash()), "read-only") {
		t.Fatalf("enter on a template in read-only mode: %q", s.LastFlash())
	}
}

// TestMessagingConfigurationsPanel: add, change and delete a
// configuration; the outbox then records the Messaging Service as sender.
func TestMessagingConfigurationsPanel(t *testing.T) {
	cl, sb := apitest.Start(t, sandbox.Options{})
	s := newShell(t, viewtest.Common(cl), 100, 30)
	mg1, mg2 := "MG"+strings.Repeat("a", 32), "MG"+strings.Repeat("b", 32)
	s.Key("m")
	s.Key("n")
	s.Type("us")
	s.Key("tab")
	s.Type(mg1)
	s.Key("ctrl+s")
	mc, ok := s.model().integ.configs.Selected()
	if !ok || mc.Country != "US" || mc.MessagingServiceSID != mg1 {
		t.Fatalf("added %+v (form err %q)", mc, s.model().integ.form.Err)
	}
	s.Key("e")
	for range 34 {
		s.Key("backspace")
	}
	s.Type(mg2)
	s.Key("ctrl+s")
	if mc, _ = s.model().integ.configs.Selected(); mc.MessagingServiceSID != mg2 {
		t.Fatalf("changed %+v", mc)
	}
	if _, err := cl.StartVerification(context.Background(), twilioapi.StartParams{ServiceSID: s.Current.SID, To: sandbox.NumberMobile, Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	if from := sb.Outbox(sandbox.NumberMobile)[0].From; from != mg2 {
		t.Fatalf("outbox sender %q", from)
	}
	// A second configuration for the same country is refused by Twilio:
	// the error lands in the form.
	s.Key("n")
	s.Type("US")
	s.Key("tab")
	s.Type(mg1)
	s.Key("ctrl+s")
	if !s.model().integ.formOpen || (s.model().integ.form.Err == "" && s.model().integ.form.Field(fMCCountry).Err == "") {
		t.Fatal("the duplicate's error is not in the form")
	}
	// esc on a form with input asks before discarding it.
	s.Confirm = nil
	s.Key("esc")
	if s.Confirm == nil || !s.model().integ.formOpen {
		t.Fatal("esc discarded a changed form without asking")
	}
	s.ConfirmYes()
	if s.model().integ.formOpen {
		t.Fatal("the confirmed discard did not close the form")
	}
	s.Key("d")
	s.ConfirmYes()
	if s.model().integ.configs.Len() != 0 || !strings.Contains(s.LastFlash(), "deleted messaging configuration US") {
		t.Fatalf("after delete: %d, flash %q", s.model().integ.configs.Len(), s.LastFlash())
	}
}

// TestTemplatesPanelSetsDefault: enter on a template makes it the
// service's default; the list, the current service and the next SMS
// follow.
func TestTemplatesPanelSetsDefault(t *testing.T) {
	cl, sb := apitest.Start(t, sandbox.Options{})
	s := newShell(t, viewtest.Common(cl), 100, 30)
	s.Key("t")
	if s.model().integ.tmpls.Len() < 3 {
		t.Fatalf("%d templates", s.model().integ.tmpls.Len())
	}
	s.Key("/")
	s.Type("code first")
	s.Key("enter")
	tp, ok := s.model().integ.tmpls.Selected()
	if !ok || tp.FriendlyName != "Code First" {
		t.Fatalf("selected %+v", tp)
	}
	s.Key("enter")
	if s.Current.DefaultTemplateSID != tp.SID || s.model().integ.service.DefaultTemplateSID != tp.SID {
		t.Fatalf("current default %q, want %s", s.Current.DefaultTemplateSID, tp.SID)
	}
	if v := s.model().View(); !strings.Contains(v, "★ Code First") {
		t.Fatalf("no star on the default:\n%s", v)
	}
	if _, err := cl.StartVerification(context.Background(), twilioapi.StartParams{ServiceSID: s.Current.SID, To: sandbox.NumberMobile, Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	if m := sb.Outbox(sandbox.NumberMobile)[0]; !strings.HasPrefix(m.Body, m.Code+" is your Sandbox Demo") {
		t.Fatalf("SMS body %q", m.Body)
	}
}

// TestDeliveriesPanel: a factor enrolled on a service with a webhook shows
// up in the sandbox's delivery log.
func TestDeliveriesPanel(t *testing.T) {
	s, enroll := webhookShell(t, "local", http.StatusOK)
	enroll()
	s.Key("L")
	for deadline := time.Now().Add(10 * time.Second); s.model().integ.log.Len() == 0; s.Key("r") {
		if time.Now().After(deadline) {
			t.Fatal("no delivery in the log")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if v := s.model().View(); !strings.Contains(v, "factor.created") || !strings.Contains(v, "200") {
		t.Fatalf("log view:\n%s", v)
	}
}

// TestPasskeysInServiceForm: the form edits the Passkeys settings, only
// the changed ones are sent, and the detail shows them.
func TestPasskeysInServiceForm(t *testing.T) {
	cl := startSandbox(t, false)
	s := newShell(t, viewtest.Common(cl), 100, 30)
	s.Key("e")
	s.M.form.FocusKey(fPKRPID)
	s.Type("example.com")
	s.Key("tab")
	s.Type("Example")
	s.Key("tab")
	s.Type("https://example.com, https://login.example.com")
	s.Key("tab")
	s.Key("space") // attachment: (not set) → platform
	ss := settingsFrom(s.model().form, s.model().formBase, modeEdit)
	if ss.PasskeysRelyingPartyID == nil || ss.PasskeysAuthenticatorAttachment == nil || *ss.PasskeysAuthenticatorAttachment != "platform" ||
		ss.PasskeysUserVerification != nil || ss.FriendlyName != nil {
		t.Fatalf("settings to send: %+v", ss)
	}
	s.Key("ctrl+s")
	sel, _ := s.model().list.Selected()
	if sel.Passkeys.RelyingPartyID != "example.com" || sel.Passkeys.Origins != "https://example.com,https://login.example.com" ||
		sel.Passkeys.AuthenticatorAttachment != "platform" {
		t.Fatalf("saved passkeys %+v (form open %v, err %q)", sel.Passkeys, s.model().formOpen, s.model().form.Err)
	}
	if v := strings.Join(strings.Fields(detailText(s)), " "); !strings.Contains(v, "Relying party ID example.com") {
		t.Fatalf("detail lacks the passkeys settings: %s", v)
	}
	// An origin off the relying party's domain is refused by the client
	// and shown on the Origins field.
	s.Key("e")
	s.M.form.FocusKey(fPKOrigins)
	s.Key("end")
	s.Type(",https://evil.test")
	s.Key("ctrl+s")
	if !s.model().formOpen || s.model().form.Field(fPKOrigins).Err == "" {
		t.Fatalf("foreign origin not refused on the field (form error %q)", s.model().form.Err)
	}
}

// detailText is the selected service's detail, all of it.
func detailText(s *shell) string {
	sel, _ := s.model().list.Selected()
	return renderDetail(s.model().c.Styles, sel, 200, 200, 0)
}

// TestPanelMouse: with --mouse a click on a panel row selects it and the
// wheel moves the panel's list, or scrolls the detail when over it, as
// on the services list (the panels ignored the mouse).
func TestPanelMouse(t *testing.T) {
	cl := startSandbox(t, false)
	s := newShell(t, viewtest.Common(cl), 100, 30)
	for _, name := range []string{"One", "Two", "Three"} {
		if _, err := cl.CreateWebhook(context.Background(), s.Current.SID, twilioapi.WebhookParams{FriendlyName: name,
			URL: "https://owl.example.com/h", EventTypes: []twilioapi.WebhookEvent{twilioapi.WebhookEventAll}}); err != nil {
			t.Fatal(err)
		}
	}
	s.Key("w")
	if s.model().integ.hooks.Len() != 3 {
		t.Fatalf("panel:\n%s", s.model().View())
	}
	// Row 3 is the first webhook (title, border, header above it).
	s.Send(tea.MouseClickMsg{X: 5, Y: 3 + 2, Button: tea.MouseLeft})
	if s.model().integ.hooks.Cursor() != 2 {
		t.Fatalf("click on the third row: cursor %d", s.model().integ.hooks.Cursor())
	}
	s.Send(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelUp})
	if s.model().integ.hooks.Cursor() != 1 {
		t.Fatalf("wheel up over the list: cursor %d", s.model().integ.hooks.Cursor())
	}
	s.Send(tea.MouseWheelMsg{X: 5, Y: 25, Button: tea.MouseWheelDown})
	if s.model().integ.hooks.Cursor() != 1 {
		t.Fatalf("wheel over the detail moved the list: cursor %d", s.model().integ.hooks.Cursor())
	}
	s.Key("/")
	s.Send(tea.MouseClickMsg{X: 5, Y: 3, Button: tea.MouseLeft})
	if s.model().integ.hooks.Cursor() != 1 {
		t.Fatal("a click moved the list while its filter is typed in")
	}
}

// TestPanelDetailScrollStopsAtTheEnd: J past the end of a panel item's
// detail does not keep counting, so K scrolls back at once.
func TestPanelDetailScrollStopsAtTheEnd(t *testing.T) {
	cl := startSandbox(t, false)
	s := newShell(t, viewtest.Common(cl), 80, 18)
	if _, err := cl.CreateWebhook(context.Background(), s.Current.SID, twilioapi.WebhookParams{FriendlyName: "One",
		URL: "https://owl.example.com/h", EventTypes: []twilioapi.WebhookEvent{twilioapi.WebhookEventAll}}); err != nil {
		t.Fatal(err)
	}
	s.Key("w")
	for range 60 {
		s.Key("J")
	}
	end := s.model().View()
	s.Key("K")
	if s.model().View() == end {
		t.Fatalf("K after scrolling to the end did not scroll back (offset %d):\n%s", s.model().integ.detailOffset, end)
	}
}

// TestDeliveriesPanelTellsRetriesApart: a webhook that fails is tried
// again; each retry's row says which try it was, and a webhook this
// console has listed is named rather than shown by SID.
func TestDeliveriesPanelTellsRetriesApart(t *testing.T) {
	s, enroll := webhookShell(t, "failing", http.StatusInternalServerError)
	s.Key("w") // the webhooks panel lists it
	enroll()
	s.Key("esc")
	s.Key("L")
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(s.model().View(), "500 #2"); s.Key("r") {
		if time.Now().After(deadline) {
			t.Fatalf("no second try in the log:\n%s", s.model().View())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if v := s.model().View(); !strings.Contains(v, "failing") {
		t.Fatalf("the webhook is not named:\n%s", v)
	}
}

// webhookShell is a Services shell on a sandbox whose current service has
// a webhook named name for every event, POSTing to a receiver that
// answers status; enroll creates a TOTP factor, which sends an event.
func webhookShell(t *testing.T, name string, status int) (*shell, func()) {
	t.Helper()
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(status) }))
	t.Cleanup(rc.Close)
	cl := startSandbox(t, false)
	s := newShell(t, viewtest.Common(cl), 120, 30)
	ctx := context.Background()
	if _, err := cl.CreateWebhook(ctx, s.Current.SID, twilioapi.WebhookParams{FriendlyName: name, URL: rc.URL + "/hook",
		EventTypes: []twilioapi.WebhookEvent{twilioapi.WebhookEventAll}}); err != nil {
		t.Fatal(err)
	}
	return s, func() {
		t.Helper()
		if _, _, err := cl.CreateTOTPFactor(ctx, twilioapi.TOTPFactorParams{ServiceSID: s.Current.SID, Identity: "user-0001-abcd", FriendlyName: "Phone"}); err != nil {
			t.Fatal(err)
		}
	}
}
