package services

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// panelKind is which integration panel is open.
type panelKind int

// The integration panels.
const (
	panelNone       panelKind = iota
	panelWebhooks             // the service's webhooks
	panelConfigs              // the service's messaging configurations
	panelTemplates            // the account's templates (the service's default)
	panelDeliveries           // the sandbox's webhook delivery log
)

// integrations is the state of the integration panels: the open one, the
// service it is about, each panel's list and the webhook or messaging
// configuration form.
type integrations struct {
	panel   panelKind
	service twilioapi.Service
	hooks   common.List[twilioapi.Webhook]
	configs common.List[twilioapi.MessagingConfiguration]
	tmpls   common.List[twilioapi.Template]
	log     common.List[twilioapi.WebhookDelivery]
	// hookNames are the webhooks' names by SID, as last listed (kept
	// across panels, so the delivery log can name them).
	hookNames map[string]string
	// detailOffset scrolls the selected item's detail.
	detailOffset int

	formOpen   bool
	formEdit   bool
	hookBase   twilioapi.Webhook                // the webhook being edited
	configBase twilioapi.MessagingConfiguration // the configuration being changed
	form       common.Form
}

func newIntegrations() integrations {
	return integrations{
		hooks: common.NewList(func(w twilioapi.Webhook) string { return w.SID },
			func(w twilioapi.Webhook) string { return w.FriendlyName + " " + w.URL + " " + w.SID }, "filter by name or URL"),
		configs: common.NewList(func(c twilioapi.MessagingConfiguration) string { return c.Country },
			func(c twilioapi.MessagingConfiguration) string { return c.Country + " " + c.MessagingServiceSID }, "filter by country or SID"),
		tmpls: common.NewList(func(t twilioapi.Template) string { return t.SID },
			func(t twilioapi.Template) string { return t.FriendlyName + " " + t.SID }, "filter by name"),
		log: common.NewList(deliveryID,
			func(d twilioapi.WebhookDelivery) string {
				return d.Event + " " + d.WebhookSID + " " + d.URL + " " + d.Error
			},
			"filter by event, webhook or URL"),
	}
}

// deliveryID names a delivery attempt (the log has no SIDs).
func deliveryID(d twilioapi.WebhookDelivery) string {
	return d.Time.Format("20060102150405.000000000") + d.WebhookSID + d.URL + d.Event + string(rune('0'+d.Attempt))
}

// setHeight gives every panel list its rows.
func (in *integrations) setHeight(rows int) {
	in.hooks.SetHeight(rows)
	in.configs.SetHeight(rows)
	in.tmpls.SetHeight(rows)
	in.log.SetHeight(rows)
}

// capturing reports whether typed text goes to a panel (filter or form).
func (in *integrations) capturing() bool {
	return in.panel != panelNone && (in.formOpen || in.current().Filtering())
}

// lister is what the panels do with their lists alike (*common.List[T]
// for each panel's T).
type lister interface {
	Step(k tea.KeyPressMsg, km *common.KeyMap) (int, bool)
	Move(d int)
	RowAt(y int) int
	SetCursor(i int)
	Filter() string
	SetFilter(f string)
	StartFilter() tea.Cmd
	UpdateFilter(msg tea.Msg, km *common.KeyMap) (tea.Cmd, bool)
	Filtering() bool
	FilterView(st *common.Styles, w int) string
	Position() string
	NeedsMore() bool
	Next() string
}

// current is the open panel's list (the webhooks' when none is open, so
// callers need no nil check).
func (in *integrations) current() lister {
	switch in.panel {
	case panelConfigs:
		return &in.configs
	case panelTemplates:
		return &in.tmpls
	case panelDeliveries:
		return &in.log
	}
	return &in.hooks
}

// panelTitle names a panel.
func panelTitle(p panelKind) string {
	switch p {
	case panelWebhooks:
		return "Webhooks"
	case panelConfigs:
		return "Messaging configurations"
	case panelTemplates:
		return "Templates"
	case panelDeliveries:
		return "Webhook deliveries"
	}
	return ""
}

// openPanel opens panel p on service s and loads it.
func (m Model) openPanel(p panelKind, s twilioapi.Service) (Model, tea.Cmd) {
	fresh := newIntegrations()
	fresh.panel, fresh.service, fresh.hookNames = p, s, m.integ.hookNames
	m.integ = fresh
	m.integ.setHeight(m.panelRows())
	after := m.loadPanel()
	return m, after
}

// panelKeyFor is the panel a key opens from the services list, if any.
func (m Model) panelKeyFor(k tea.KeyPressMsg) panelKind {
	km := m.c.Keys
	switch {
	case key.Matches(k, km.Get(keyWebhooks)):
		return panelWebhooks
	case key.Matches(k, km.Get(keyMessaging)):
		return panelConfigs
	case key.Matches(k, km.Get(keyTemplates)):
		return panelTemplates
	case key.Matches(k, km.Get(keyDeliveries)) && m.sandbox():
		return panelDeliveries
	}
	return panelNone
}

// sandbox reports whether the client talks to a sandbox (the delivery
// log exists only there).
func (m Model) sandbox() bool { return m.c.Client != nil && m.c.Client.IsSandbox() }

// updatePanel handles keys and pastes while a panel is open.
func (m Model) updatePanel(msg tea.Msg) (Model, tea.Cmd) {
	if m.integ.formOpen {
		return m.updatePanelForm(msg)
	}
	if l := m.integ.current(); l.Filtering() {
		cmd, _ := l.UpdateFilter(msg, m.c.Keys)
		return m, tea.Batch(cmd, m.panelLoadMore())
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	km := m.c.Keys
	l := m.integ.current()
	if d, ok := l.Step(k, km); ok {
		l.Move(d)
		m.integ.detailOffset = 0
		return m, m.panelLoadMore()
	}
	switch {
	case key.Matches(k, km.Back):
		if l.Filter() != "" {
			l.SetFilter("")
			return m, nil
		}
		m.integ.panel = panelNone
		return m, nil
	case key.Matches(k, km.Filter):
		return m, l.StartFilter()
	case key.Matches(k, km.Refresh):
		return m, m.loadPanel()
	case key.Matches(k, km.DetailDown):
		m.scrollPanelDetail(1)
		return m, nil
	case key.Matches(k, km.DetailUp):
		m.scrollPanelDetail(-1)
		return m, nil
	}
	switch m.integ.panel {
	case panelWebhooks:
		return m.webhookKeys(k)
	case panelConfigs:
		return m.configKeys(k)
	case panelTemplates:
		return m.templateKeys(k)
	}
	return m, nil
}

// webhookKeys are the webhook panel's actions.
func (m Model) webhookKeys(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	changes := key.Matches(k, km.New) || key.Matches(k, km.Edit) || key.Matches(k, km.Delete) || key.Matches(k, km.Get(keyToggle))
	if changes && m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	w, selected := m.integ.hooks.Selected()
	switch {
	case key.Matches(k, km.New):
		return m, m.openWebhookForm(twilioapi.Webhook{Status: twilioapi.WebhookEnabled, Version: twilioapi.WebhookV2}, false)
	case key.Matches(k, km.Edit) && selected:
		return m, m.openWebhookForm(w, true)
	case key.Matches(k, km.Get(keyToggle)) && selected:
		return m.toggleWebhook(w)
	case key.Matches(k, km.Delete) && selected:
		return m, askDeleteWebhook(m.integ.service, w)
	case key.Matches(k, km.Copy) && selected:
		return m, common.Copy(w.SID, "webhook SID")
	}
	return m, nil
}

// configKeys are the messaging configuration panel's actions.
func (m Model) configKeys(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	changes := key.Matches(k, km.New) || key.Matches(k, km.Edit) || key.Matches(k, km.Delete)
	if changes && m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	mc, selected := m.integ.configs.Selected()
	switch {
	case key.Matches(k, km.New):
		return m, m.openConfigForm(twilioapi.MessagingConfiguration{}, false)
	case key.Matches(k, km.Edit) && selected:
		return m, m.openConfigForm(mc, true)
	case key.Matches(k, km.Delete) && selected:
		return m, askDeleteConfig(m.integ.service, mc)
	case key.Matches(k, km.Copy) && selected:
		return m, common.Copy(mc.MessagingServiceSID, "messaging service SID")
	}
	return m, nil
}

// templateKeys are the template panel's actions: enter makes the selected
// template the service's default.
func (m Model) templateKeys(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	t, selected := m.integ.tmpls.Selected()
	switch {
	case key.Matches(k, km.Select) && selected:
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		if t.SID == m.integ.service.DefaultTemplateSID {
			return m, common.Flash(common.FlashInfo, t.FriendlyName+" is already the default template")
		}
		return m.setDefaultTemplate(t)
	case key.Matches(k, km.Copy) && selected:
		return m, common.Copy(t.SID, "template SID")
	}
	return m, nil
}
