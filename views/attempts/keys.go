package attempts

import (
	"charm.land/bubbles/v2/key"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// The view's own bindings, by their `[keys]` names.
const (
	keyFilter       = "attempts_filter"
	keyThisNumber   = "attempts_this_number"
	keyVerification = "attempts_this_verification"
	keyUnmask       = "attempts_unmask"
	keyInsights     = "attempts_insights"
	keyExport       = "attempts_export"
	keyOpenSession  = "attempts_open_session"
	keyGuard        = "attempts_guard"
)

// keyDefs are the view's own bindings: declared in its registry entry so
// the config's `[keys]` table rebinds them and help shows them.
func keyDefs() []common.KeyDef {
	return []common.KeyDef{
		{Name: keyFilter, Keys: []string{"f"}, Help: "f", Desc: "filter at Twilio"},
		{Name: keyThisNumber, Keys: []string{"t"}, Help: "t", Desc: "this number, last hour"},
		{Name: keyVerification, Keys: []string{"v"}, Help: "v", Desc: "this verification"},
		{Name: keyUnmask, Keys: []string{"m"}, Help: "m", Desc: "unmask/mask numbers"},
		{Name: keyInsights, Keys: []string{"i"}, Help: "i", Desc: "insights/detail"},
		{Name: keyExport, Keys: []string{"x"}, Help: "x", Desc: "export CSV/JSONL"},
		{Name: keyOpenSession, Keys: []string{"o"}, Help: "o", Desc: "new session to number"},
		{Name: keyGuard, Keys: []string{"b"}, Help: "b", Desc: "inspect in Guard"},
	}
}

// k is the view's binding called name.
func (m Model) k(name string) key.Binding { return m.c.Keys.Get(name) }

// ShortHelp implements common.View: the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	switch {
	case m.exp.form != nil:
		return []key.Binding{common.WithDesc(km.Submit, "export"), km.NextField, km.Toggle, km.Cancel}
	case m.form != nil:
		return []key.Binding{common.WithDesc(km.Submit, "apply"), km.NextField, km.Toggle, km.Cancel}
	case m.list.Filtering():
		return []key.Binding{common.WithDesc(km.Select, "keep filter"), common.WithDesc(km.Back, "clear filter")}
	case m.exp.running:
		return []key.Binding{common.WithDesc(km.Back, "cancel export")}
	case m.zoom:
		return append([]key.Binding{common.WithDesc(km.Back, "back to the log"), km.DetailUp, km.DetailDown}, m.rowKeys()...)
	}
	keys := []key.Binding{m.k(keyFilter)}
	keys = append(keys, m.rowKeys()...)
	keys = append(keys, m.k(keyInsights), m.k(keyExport), km.Filter)
	if !m.filter.IsDefault() || m.list.Filter() != "" {
		keys = append(keys, common.WithDesc(km.Back, "clear filters"))
	}
	return keys
}

// rowKeys are the keys that act on the selected attempt (none without
// one).
func (m Model) rowKeys() []key.Binding {
	a, ok := m.list.Selected()
	if !ok {
		return nil
	}
	var keys []key.Binding
	if a.To != "" {
		keys = append(keys, m.k(keyThisNumber), m.k(keyOpenSession), m.k(keyGuard))
	}
	if a.VerificationSID != "" {
		keys = append(keys, m.k(keyVerification))
	}
	return append(keys, m.k(keyUnmask), common.WithDesc(m.c.Keys.Copy, "copy SID"))
}

// FullHelp implements common.View: every key of the view, in columns.
func (m Model) FullHelp() [][]key.Binding {
	km := m.c.Keys
	if m.form != nil || m.exp.form != nil {
		return [][]key.Binding{km.FormHelp()}
	}
	return [][]key.Binding{
		km.ListHelp(),
		{common.WithDesc(km.Select, "attempt in full"), m.k(keyFilter), m.k(keyThisNumber), m.k(keyVerification), common.WithDesc(km.Back, "clear filters/back")},
		{m.k(keyUnmask), m.k(keyInsights), m.k(keyExport), m.k(keyOpenSession), m.k(keyGuard), common.WithDesc(km.Copy, "copy SID"), km.DetailUp, km.DetailDown},
	}
}
