package services

import (
	"context"
	"fmt"
	"maps"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// panelDeleteConfirmed comes back from the confirm dialog of a webhook or
// messaging configuration delete.
type panelDeleteConfirmed struct {
	panel   panelKind
	service string
	// id is the webhook SID or the configuration's country; name is
	// what the flash calls it.
	id, name string
}

// panelDeleted is the answer of a panel delete.
type panelDeleted panelDeleteConfirmed

// startPanel registers a call of kind k for the open panel.
func (m *Model) startPanel(k reqKind) common.RequestID {
	return m.reqs.Start(m.c, request{kind: k, panel: m.integ.panel, service: m.integ.service.SID})
}

// takePanel takes the request of a panel answer; ok is false when it is
// late or its panel is no longer the open one.
func (m *Model) takePanel(id common.RequestID) (request, bool) {
	req, ok := m.reqs.Take(id)
	return req, ok && req.panel == m.integ.panel && req.service == m.integ.service.SID
}

// loadPanel (re)loads the open panel from its first page; older loads of
// it are superseded.
func (m *Model) loadPanel() tea.Cmd {
	m.reqs.Drop(func(r request) bool { return r.kind == reqPanel || r.kind == reqPanelMore })
	return m.fetchPanel(m.startPanel(reqPanel), "")
}

// panelLoadMore fetches the open panel's next page when its cursor nears
// the loaded end.
func (m *Model) panelLoadMore() tea.Cmd {
	l := m.integ.current()
	if m.integ.panel == panelDeliveries || !l.NeedsMore() || m.reqs.Any(is(reqPanelMore)) || m.reqs.Any(is(reqPanel)) {
		return nil
	}
	return m.fetchPanel(m.startPanel(reqPanelMore), l.Next())
}

// fetchPanel is the call for one page of the open panel.
func (m *Model) fetchPanel(id common.RequestID, token string) tea.Cmd {
	cl, sid := m.c.Client, m.integ.service.SID
	switch m.integ.panel {
	case panelWebhooks:
		return common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.WebhookPage, error) {
			return cl.ListWebhooksPage(ctx, sid, PageSize, token)
		})
	case panelConfigs:
		return common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.MessagingConfigurationPage, error) {
			return cl.ListMessagingConfigurationsPage(ctx, sid, PageSize, token)
		})
	case panelTemplates:
		return common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.TemplatePage, error) {
			return cl.ListTemplatesPage(ctx, "", PageSize, token)
		})
	case panelDeliveries:
		return common.Call(m.c, ID, id, func(ctx context.Context) ([]twilioapi.WebhookDelivery, error) {
			return cl.SandboxWebhookDeliveries(ctx)
		})
	}
	return nil
}

// applyPage puts a page into l: the first page replaces the items (or
// shows the error in place), a further one is appended.
func applyPage[T any](l *common.List[T], req request, items []T, next string, err error, noun string) tea.Cmd {
	switch {
	case err != nil && req.kind == reqPanelMore:
		return loadFailed("Loading more "+noun+" failed", err)
	case err != nil:
		l.SetError(err)
		return loadFailed("Loading "+noun+" failed", err)
	case req.kind == reqPanelMore:
		l.AddPage(items, next)
	default:
		l.SetItems(items, next)
	}
	return nil
}

// onPanelPage applies a page of the panel whose list pick returns.
func onPanelPage[T any](m Model, id common.RequestID, pick func(*integrations) *common.List[T], items []T, next string,
	err error, noun string) (Model, tea.Cmd) {
	req, ok := m.takePanel(id)
	if !ok {
		return m, nil
	}
	cmd := applyPage(pick(&m.integ), req, items, next, err, noun)
	if m.integ.panel == panelTemplates && req.kind == reqPanel && err == nil {
		m.integ.tmpls.Select(m.integ.service.DefaultTemplateSID)
	}
	return m, tea.Batch(cmd, m.panelLoadMore())
}

func (m Model) onWebhookPage(r common.Result[twilioapi.WebhookPage]) (Model, tea.Cmd) {
	if r.Err == nil && len(r.Value.Webhooks) > 0 {
		names := maps.Clone(m.integ.hookNames) // a new map: earlier models keep theirs
		if names == nil {
			names = map[string]string{}
		}
		for _, w := range r.Value.Webhooks {
			names[w.SID] = w.FriendlyName
		}
		m.integ.hookNames = names
	}
	return onPanelPage(m, r.ID, func(in *integrations) *common.List[twilioapi.Webhook] { return &in.hooks },
		r.Value.Webhooks, r.Value.NextPageToken, r.Err, "webhooks")
}

func (m Model) onConfigPage(r common.Result[twilioapi.MessagingConfigurationPage]) (Model, tea.Cmd) {
	return onPanelPage(m, r.ID, func(in *integrations) *common.List[twilioapi.MessagingConfiguration] { return &in.configs },
		r.Value.Configurations, r.Value.NextPageToken, r.Err, "messaging configurations")
}

func (m Model) onTemplatePage(r common.Result[twilioapi.TemplatePage]) (Model, tea.Cmd) {
	return onPanelPage(m, r.ID, func(in *integrations) *common.List[twilioapi.Template] { return &in.tmpls },
		r.Value.Templates, r.Value.NextPageToken, r.Err, "templates")
}

func (m Model) onDeliveries(r common.Result[[]twilioapi.WebhookDelivery]) (Model, tea.Cmd) {
	req, ok := m.takePanel(r.ID)
	if !ok {
		return m, nil
	}
	return m, applyPage(&m.integ.log, req, r.Value, "", r.Err, "webhook deliveries")
}

// toggleWebhook enables a disabled webhook or disables an enabled one.
func (m Model) toggleWebhook(w twilioapi.Webhook) (Model, tea.Cmd) {
	status := twilioapi.WebhookDisabled
	if !w.Enabled() {
		status = twilioapi.WebhookEnabled
	}
	cl, sid := m.c.Client, m.integ.service.SID
	id := m.startPanel(reqToggle)
	return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.Webhook, error) {
		return cl.UpdateWebhook(ctx, sid, w.SID, twilioapi.WebhookUpdate{Status: &status})
	})
}

// onWebhookSaved applies a created, edited or toggled webhook. A refused
// save stays in the form, on the field it is about.
func (m Model) onWebhookSaved(r common.Result[twilioapi.Webhook]) (Model, tea.Cmd) {
	req, ok := m.takePanel(r.ID)
	if !ok {
		return m, nil
	}
	if r.Err != nil {
		if req.kind == reqPanelSave && m.integ.formOpen {
			return m, m.placePanelError(r.Err)
		}
		return m, tea.Batch(common.Flash(common.FlashError, "changing the webhook failed"),
			func() tea.Msg { return common.ShowErrorMsg{Title: "Changing the webhook failed", Err: r.Err} })
	}
	w := r.Value
	if _, exists := m.integ.hooks.Find(w.SID); exists {
		m.integ.hooks.Replace(w)
	} else {
		m.integ.hooks.Append(w)
		m.integ.hooks.Select(w.SID)
	}
	m.integ.formOpen = false
	verb := "saved"
	switch {
	case req.kind == reqToggle && w.Enabled():
		verb = "enabled"
	case req.kind == reqToggle:
		verb = "disabled"
	}
	return m, common.Flash(common.FlashInfo, verb+" webhook "+w.FriendlyName)
}

// onConfigSaved applies a created or changed messaging configuration.
func (m Model) onConfigSaved(r common.Result[twilioapi.MessagingConfiguration]) (Model, tea.Cmd) {
	if _, ok := m.takePanel(r.ID); !ok {
		return m, nil
	}
	if r.Err != nil {
		if m.integ.formOpen {
			return m, m.placePanelError(r.Err)
		}
		return m, common.Flash(common.FlashError, "saving the messaging configuration failed: "+r.Err.Error())
	}
	mc := r.Value
	if _, exists := m.integ.configs.Find(mc.Country); exists {
		m.integ.configs.Replace(mc)
	} else {
		m.integ.configs.Append(mc)
		m.integ.configs.Select(mc.Country)
	}
	m.integ.formOpen = false
	return m, common.Flash(common.FlashInfo, "SMS to "+countryName(mc.Country)+" go through "+mc.MessagingServiceSID)
}

// countryName is how a configuration's country reads in a sentence.
func countryName(cc string) string {
	if cc == twilioapi.CountryAll {
		return "all other countries"
	}
	return cc
}

// askDeleteWebhook asks before deleting a webhook.
func askDeleteWebhook(s twilioapi.Service, w twilioapi.Webhook) tea.Cmd {
	return func() tea.Msg {
		return common.ConfirmMsg{
			Title:     "Delete webhook",
			Body:      fmt.Sprintf("Delete webhook %q (%s) of %s?\nIts URL stops receiving events at once.", w.FriendlyName, w.SID, s.FriendlyName),
			OnConfirm: common.ToView{View: ID, Msg: panelDeleteConfirmed{panel: panelWebhooks, service: s.SID, id: w.SID, name: "webhook " + w.FriendlyName}},
			Mutates:   true,
		}
	}
}

// askDeleteConfig asks before deleting a messaging configuration.
func askDeleteConfig(s twilioapi.Service, mc twilioapi.MessagingConfiguration) tea.Cmd {
	return func() tea.Msg {
		return common.ConfirmMsg{
			Title: "Delete messaging configuration",
			Body: fmt.Sprintf("Stop sending %s's SMS to %s through %s?\nThey go through the \"all\" configuration, or Twilio's senders.",
				s.FriendlyName, countryName(mc.Country), mc.MessagingServiceSID),
			OnConfirm: common.ToView{View: ID, Msg: panelDeleteConfirmed{panel: panelConfigs, service: s.SID, id: mc.Country,
				name: "messaging configuration " + mc.Country}},
			Mutates: true,
		}
	}
}

// startPanelDelete sends a confirmed delete.
func (m Model) startPanelDelete(d panelDeleteConfirmed) (Model, tea.Cmd) {
	cl := m.c.Client
	id := m.reqs.Start(m.c, request{kind: reqPanelDelete, panel: d.panel, service: d.service})
	return m, common.Call(m.c, ID, id, func(ctx context.Context) (panelDeleted, error) {
		if d.panel == panelWebhooks {
			return panelDeleted(d), cl.DeleteWebhook(ctx, d.service, d.id)
		}
		return panelDeleted(d), cl.DeleteMessagingConfiguration(ctx, d.service, d.id)
	})
}

// onPanelDeleted removes what was deleted from its list.
func (m Model) onPanelDeleted(r common.Result[panelDeleted]) (Model, tea.Cmd) {
	if _, ok := m.reqs.Take(r.ID); !ok {
		return m, nil
	}
	d := r.Value
	if r.Err != nil {
		return m, tea.Batch(common.Flash(common.FlashError, "delete failed"),
			func() tea.Msg { return common.ShowErrorMsg{Title: "Deleting " + d.name + " failed", Err: r.Err} })
	}
	if d.service == m.integ.service.SID {
		if d.panel == panelWebhooks {
			m.integ.hooks.Remove(d.id)
		} else {
			m.integ.configs.Remove(d.id)
		}
	}
	return m, common.Flash(common.FlashInfo, "deleted "+d.name)
}

// setDefaultTemplate makes t the service's default template.
func (m Model) setDefaultTemplate(t twilioapi.Template) (Model, tea.Cmd) {
	cl, sid := m.c.Client, m.integ.service.SID
	id := m.startPanel(reqDefaultTemplate)
	return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.Service, error) {
		return cl.UpdateService(ctx, sid, twilioapi.ServiceSettings{DefaultTemplateSID: &t.SID})
	})
}

// onDefaultTemplate applies the service saved with its new default
// template: the panel marks it, the list and the other views see it.
func (m Model) onDefaultTemplate(req request, r common.Result[twilioapi.Service]) (Model, tea.Cmd) {
	if r.Err != nil {
		return m, tea.Batch(common.Flash(common.FlashError, "setting the default template failed"),
			func() tea.Msg { return common.ShowErrorMsg{Title: "Setting the default template failed", Err: r.Err} })
	}
	s := r.Value
	m.list.Replace(s)
	if req.service == m.integ.service.SID {
		m.integ.service = s
	}
	name := s.DefaultTemplateSID
	if t, ok := m.integ.tmpls.Find(s.DefaultTemplateSID); ok {
		name = t.FriendlyName
	}
	cmds := []tea.Cmd{common.Flash(common.FlashInfo, s.FriendlyName+" now sends "+name)}
	if s.SID == m.current {
		cmds = append(cmds, selectCmd(s))
	}
	return m, tea.Batch(cmds...)
}
