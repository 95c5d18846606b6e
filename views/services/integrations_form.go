package services

import (
	"context"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Field keys of the webhook and messaging configuration forms.
const (
	fHookName    = "webhook_friendly_name"
	fHookURL     = "webhook_url"
	fHookEnabled = "webhook_enabled"
	fHookVersion = "webhook_version"
	fHookEvent   = "webhook_event:" // + the event type
	fMCCountry   = "mc_country"
	fMCService   = "mc_messaging_service_sid"
)

// eventHints say what each webhook event is.
func eventHint(e twilioapi.WebhookEvent) string {
	switch e {
	case twilioapi.WebhookEventAll:
		return "Every event, including ones Twilio adds later."
	case twilioapi.WebhookEventFactorCreated:
		return "A Push, TOTP or Passkeys factor was created (not verified yet)."
	case twilioapi.WebhookEventFactorVerified:
		return "A factor was verified: the user proved they hold it."
	case twilioapi.WebhookEventFactorDeleted:
		return "A factor was deleted."
	case twilioapi.WebhookEventChallengeApproved:
		return "A challenge was approved (right TOTP code, approved push)."
	case twilioapi.WebhookEventChallengeDenied:
		return "A push challenge was denied on the device."
	}
	return ""
}

// openWebhookForm opens the create (edit=false) or edit form.
func (m *Model) openWebhookForm(w twilioapi.Webhook, edit bool) tea.Cmd {
	m.integ.formOpen, m.integ.formEdit, m.integ.hookBase = true, edit, w
	m.integ.form = webhookForm(w)
	return m.integ.form.FocusKey(fHookName)
}

// webhookForm is the webhook form pre-filled from w.
func webhookForm(w twilioapi.Webhook) common.Form {
	fields := []common.Field{
		common.NewTextField(fHookName, "Friendly name", w.FriendlyName).
			WithValidate(func(v string) error { return common.FieldMessage(twilioapi.ValidateWebhookName(v)) }).
			WithHint("What the webhook is for; no personal data (up to 64 characters)."),
		common.NewTextField(fHookURL, "URL", w.URL).WithPlaceholder("https://example.com/verify-events").
			WithValidate(func(v string) error { return common.FieldMessage(twilioapi.ValidateWebhookURL(v)) }).
			WithHint("Events are POSTed here, signed with X-Twilio-Signature. https (http only for localhost)."),
		common.NewBoolField(fHookEnabled, "Enabled", w.Status != twilioapi.WebhookDisabled),
		common.NewChoiceField(fHookVersion, "Version", []string{twilioapi.WebhookV2, twilioapi.WebhookV1}, orV2(w.Version)).
			WithHint("v2 has all the latest fields; v1 is legacy."),
	}
	for i, e := range twilioapi.WebhookEvents() {
		f := common.NewBoolField(fHookEvent+string(e), string(e), slices.Contains(w.EventTypes, e)).WithHint(eventHint(e))
		if i == 0 {
			f = f.WithGroup("Events")
		}
		fields = append(fields, f)
	}
	return common.NewForm(fields...)
}

func orV2(v string) string {
	if v == "" {
		return twilioapi.WebhookV2
	}
	return v
}

// openConfigForm opens the add (edit=false) or change form.
func (m *Model) openConfigForm(mc twilioapi.MessagingConfiguration, edit bool) tea.Cmd {
	m.integ.formOpen, m.integ.formEdit, m.integ.configBase = true, edit, mc
	m.integ.form = configForm(mc, edit)
	return m.integ.form.FocusKey(m.integ.form.Fields[0].Key)
}

// configForm is the messaging configuration form pre-filled from mc; the
// country is the configuration's key, so a change only changes the
// Messaging Service.
func configForm(mc twilioapi.MessagingConfiguration, edit bool) common.Form {
	mg := common.NewTextField(fMCService, "Messaging Service SID", mc.MessagingServiceSID).WithPlaceholder("MG…").
		WithValidate(func(v string) error { return common.FieldMessage(twilioapi.ValidateSID("MG", v)) }).
		WithHint("SMS to this country go out through this Messaging Service's senders.")
	if edit {
		return common.NewForm(mg)
	}
	return common.NewForm(
		common.NewTextField(fMCCountry, "Country", mc.Country).WithPlaceholder("US, GB… or all").
			WithValidate(func(v string) error {
				_, err := twilioapi.NormalizeConfigCountry(v)
				return common.FieldMessage(err)
			}).WithHint("ISO 3166-1 alpha-2 code, or all for every country without its own configuration."),
		mg,
	)
}

// panelDiscardMsg comes back when the user confirmed leaving a changed
// panel form.
type panelDiscardMsg struct{}

// panelFormChanged reports whether any field of the panel form differs
// from what it opened with.
func (m Model) panelFormChanged() bool {
	fresh := configForm(m.integ.configBase, m.integ.formEdit)
	if m.integ.panel == panelWebhooks {
		fresh = webhookForm(m.integ.hookBase)
	}
	for _, f := range m.integ.form.Fields {
		if fresh.Get(f.Key) != m.integ.form.Get(f.Key) {
			return true
		}
	}
	return false
}

// updatePanelForm handles keys while a panel form is open; nothing is
// sent until every field validates, and input is ignored while a save is
// in flight (esc leaves and drops its answer).
func (m Model) updatePanelForm(msg tea.Msg) (Model, tea.Cmd) {
	k, isKey := msg.(tea.KeyPressMsg)
	if m.reqs.Any(is(reqPanelSave)) {
		if isKey && key.Matches(k, m.c.Keys.Cancel) {
			m.reqs.Drop(is(reqPanelSave))
			m.integ.formOpen = false
			return m, m.loadPanel()
		}
		return m, nil
	}
	if isKey && key.Matches(k, m.c.Keys.Cancel) && !(m.integ.form.Capturing() && common.Typed(k)) {
		if m.panelFormChanged() {
			// Like the service form: edits are never thrown away silently.
			return m, func() tea.Msg {
				return common.ConfirmMsg{Title: "Discard your changes?",
					Body:      "The form has changes that were not saved. Discard them and close the form?",
					OnConfirm: common.ToView{View: ID, Msg: panelDiscardMsg{}}}
			}
		}
		m.integ.formOpen = false
		return m, nil
	}
	var cmd tea.Cmd
	var submit bool
	m.integ.form, cmd, submit = m.integ.form.Update(msg, m.c.Keys)
	if !submit {
		return m, cmd
	}
	m.integ.form.Err = ""
	if !m.integ.form.Validate() {
		return m, common.Flash(common.FlashWarn, "fix the highlighted fields")
	}
	if m.integ.panel == panelWebhooks {
		return m.saveWebhook()
	}
	return m.saveConfig()
}

// formEvents are the event types ticked in the webhook form.
func (m Model) formEvents() []twilioapi.WebhookEvent {
	var out []twilioapi.WebhookEvent
	for _, e := range twilioapi.WebhookEvents() {
		if m.integ.form.Bool(fHookEvent + string(e)) {
			out = append(out, e)
		}
	}
	return out
}

// saveWebhook sends the webhook form: everything on create, what changed
// on edit.
func (m Model) saveWebhook() (Model, tea.Cmd) {
	f := m.integ.form
	events := m.formEvents()
	if len(events) == 0 {
		return m, m.integ.form.SetError(fHookEvent+string(twilioapi.WebhookEventAll), "Tick at least one event type.")
	}
	status := twilioapi.WebhookDisabled
	if f.Bool(fHookEnabled) {
		status = twilioapi.WebhookEnabled
	}
	name, u, version := f.Get(fHookName), f.Get(fHookURL), f.Get(fHookVersion)
	cl, sid, base := m.c.Client, m.integ.service.SID, m.integ.hookBase
	id := m.startPanel(reqPanelSave)
	if !m.integ.formEdit {
		p := twilioapi.WebhookParams{FriendlyName: name, URL: u, EventTypes: events, Status: status, Version: version}
		return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.Webhook, error) {
			return cl.CreateWebhook(ctx, sid, p)
		})
	}
	var up twilioapi.WebhookUpdate
	if name != base.FriendlyName {
		up.FriendlyName = &name
	}
	if u != base.URL {
		up.URL = &u
	}
	if status != base.Status {
		up.Status = &status
	}
	if version != base.Version {
		up.Version = &version
	}
	if !slices.Equal(events, base.EventTypes) {
		up.EventTypes = &events
	}
	if up == (twilioapi.WebhookUpdate{}) {
		m.reqs.Take(id)
		m.integ.formOpen = false
		return m, common.Flash(common.FlashInfo, "nothing changed")
	}
	return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.Webhook, error) {
		return cl.UpdateWebhook(ctx, sid, base.SID, up)
	})
}

// saveConfig sends the messaging configuration form.
func (m Model) saveConfig() (Model, tea.Cmd) {
	f := m.integ.form
	cl, sid, mg := m.c.Client, m.integ.service.SID, f.Get(fMCService)
	id := m.startPanel(reqPanelSave)
	if m.integ.formEdit {
		country := m.integ.configBase.Country
		return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.MessagingConfiguration, error) {
			return cl.UpdateMessagingConfiguration(ctx, sid, country, mg)
		})
	}
	country := f.Get(fMCCountry)
	return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.MessagingConfiguration, error) {
		return cl.CreateMessagingConfiguration(ctx, sid, country, mg)
	})
}

// placePanelError shows a refused save on the field it is about, or above
// the form.
func (m *Model) placePanelError(err error) tea.Cmd {
	places := common.ErrorPlaces{Params: map[string]string{
		"friendlyname": fHookName, "friendly name": fHookName, "webhookurl": fHookURL, "webhook url": fHookURL,
		"eventtypes": fHookEvent + "*", "event types": fHookEvent + "*", "status": fHookEnabled, "version": fHookVersion,
		"country": fMCCountry, "messagingservicesid": fMCService, "messaging service sid": fMCService,
	}}
	cmd, placed := m.integ.form.PlaceError(err, places)
	if !placed {
		m.integ.form.Err = common.ErrorText(err)
	}
	return tea.Batch(cmd, common.Flash(common.FlashError, "Twilio refused the change; see the form"))
}
