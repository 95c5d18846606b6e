package services

import (
	"charm.land/bubbles/v2/key"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Every key of this view is a binding of the program's common.KeyMap
// (m.c.Keys), so the config's `[keys]` table rebinds it and help shows
// the key actually bound. The view's own keys (keyDefs) open the
// integration panels and toggle a webhook.

// Names of the view's own bindings (the `[keys]` table).
const (
	keyWebhooks   = "service_webhooks"
	keyMessaging  = "service_messaging"
	keyTemplates  = "service_templates"
	keyDeliveries = "webhook_deliveries"
	keyToggle     = "webhook_toggle"
)

// keyDefs are the view's own bindings and their defaults.
func keyDefs() []common.KeyDef {
	return []common.KeyDef{
		{Name: keyWebhooks, Keys: []string{"w"}, Help: "w", Desc: "webhooks"},
		{Name: keyMessaging, Keys: []string{"m"}, Help: "m", Desc: "messaging configs"},
		{Name: keyTemplates, Keys: []string{"t"}, Help: "t", Desc: "templates"},
		{Name: keyDeliveries, Keys: []string{"L"}, Help: "L", Desc: "webhook deliveries"},
		{Name: keyToggle, Keys: []string{"x"}, Help: "x", Desc: "enable/disable"},
	}
}

// ShortHelp implements help.KeyMap: the keys of the current mode.
func (m Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	switch {
	case m.formOpen || m.integ.panel != panelNone && m.integ.formOpen:
		// Save and cancel first: on a narrow screen they are what must
		// not be cut off.
		return []key.Binding{km.Submit, km.Cancel, km.NextField, km.Toggle}
	case m.list.Filtering() || m.integ.panel != panelNone && m.integ.current().Filtering():
		return []key.Binding{common.WithDesc(km.Select, "keep filter"), common.WithDesc(km.Back, "clear filter")}
	case m.integ.panel != panelNone:
		return m.panelHelp(true)
	}
	// The panel keys are in the full help: the short line must keep the
	// way out (? and q) on a narrow screen.
	return append(append([]key.Binding{common.WithDesc(km.Select, "use service"), km.Filter}, m.changeKeys()...), common.WithDesc(km.Copy, "copy SID"), km.Refresh)
}

// panelKeys are the keys that open the integration panels (the delivery
// log only on a sandbox).
func (m Model) panelKeys() []key.Binding {
	km := m.c.Keys
	out := []key.Binding{km.Get(keyWebhooks), km.Get(keyMessaging), km.Get(keyTemplates)}
	if m.sandbox() {
		out = append(out, km.Get(keyDeliveries))
	}
	return out
}

// panelHelp is the open panel's keys; changes are left out in read-only
// mode, where they are refused. The full help shows filter and refresh
// in its list column already, so withListKeys is false there.
func (m Model) panelHelp(withListKeys bool) []key.Binding {
	km := m.c.Keys
	out := []key.Binding{common.WithDesc(km.Back, "back to services")}
	if withListKeys {
		out = append(out, km.Filter)
	}
	ro := m.c.ReadOnly
	switch m.integ.panel {
	case panelWebhooks:
		if !ro {
			out = append(out, km.New, km.Edit, km.Get(keyToggle), km.Delete)
		}
		out = append(out, common.WithDesc(km.Copy, "copy SID"))
	case panelConfigs:
		if !ro {
			out = append(out, common.WithDesc(km.New, "add"), common.WithDesc(km.Edit, "change"), km.Delete)
		}
		out = append(out, common.WithDesc(km.Copy, "copy MG SID"))
	case panelTemplates:
		if !ro && m.integ.service.SID != "" {
			out = append(out, common.WithDesc(km.Select, "make default"))
		}
		out = append(out, common.WithDesc(km.Copy, "copy SID"))
	}
	if withListKeys {
		out = append(out, km.Refresh)
	}
	return append(out, km.DetailUp, km.DetailDown)
}

// changeKeys are the keys that change services: none in read-only mode,
// where they are refused, so help does not offer them.
func (m Model) changeKeys() []key.Binding {
	if m.c.ReadOnly {
		return nil
	}
	km := m.c.Keys
	return []key.Binding{km.New, km.Edit, km.Delete}
}

// FullHelp implements help.KeyMap: every key of the view, in columns.
func (m Model) FullHelp() [][]key.Binding {
	km := m.c.Keys
	if m.formOpen || m.integ.panel != panelNone && m.integ.formOpen {
		return [][]key.Binding{km.FormHelp()}
	}
	if m.integ.panel != panelNone {
		return [][]key.Binding{km.ListHelp(), m.panelHelp(false)}
	}
	return [][]key.Binding{
		km.ListHelp(),
		append(append([]key.Binding{common.WithDesc(km.Select, "use service")}, m.changeKeys()...), common.WithDesc(km.Copy, "copy SID")),
		append([]key.Binding{km.DetailUp, km.DetailDown}, m.panelKeys()...),
	}
}
