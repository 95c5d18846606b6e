package guard

import (
	"charm.land/bubbles/v2/key"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// The view's own bindings (`[keys]` names).
const (
	keySafeList  = "guard_safe_list"
	keyNewBucket = "guard_new_bucket"
)

// keyDefs are the view's own bindings with their defaults.
func keyDefs() []common.KeyDef {
	return []common.KeyDef{
		{Name: keySafeList, Keys: []string{"a"}, Help: "a", Desc: "add to Safe List"},
		{Name: keyNewBucket, Keys: []string{"b"}, Help: "b", Desc: "new bucket"},
	}
}

// ShortHelp implements help.KeyMap: the keys of the current state.
func (m Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	switch {
	case m.formOpen:
		return []key.Binding{km.Submit, km.Cancel, km.NextField, km.Toggle}
	case !m.inPane:
		return []key.Binding{common.WithDesc(km.Select, "open "+m.sec.title()), common.WithDesc(km.Up, "section"), common.WithDesc(km.Down, "section")}
	}
	return append(m.panelKeys(), common.WithDesc(km.Back, "sections"))
}

// FullHelp implements help.KeyMap.
func (m Model) FullHelp() [][]key.Binding {
	km := m.c.Keys
	switch {
	case m.formOpen:
		return [][]key.Binding{km.FormHelp()}
	case !m.inPane:
		return [][]key.Binding{{common.WithDesc(km.Select, "open section"), km.Up, km.Down}}
	}
	return [][]key.Binding{m.panelKeys(), {km.Up, km.Down, km.DetailUp, km.DetailDown, common.WithDesc(km.Back, "sections")}}
}

// panelKeys are the keys of the open panel that work now: changes are
// left out in read-only mode, where they are refused.
func (m Model) panelKeys() []key.Binding {
	km := m.c.Keys
	rw := func(bs ...key.Binding) []key.Binding {
		if m.c.ReadOnly {
			return nil
		}
		return bs
	}
	var out []key.Binding
	switch m.sec {
	case secSafeList:
		out = append(rw(common.WithDesc(km.New, "add number")), common.WithDesc(km.Lookup, "look up"))
		if _, ok := m.selectedSafe(); ok {
			out = append(out, rw(common.WithDesc(km.Delete, "remove"))...)
			out = append(out, common.WithDesc(km.Copy, "copy number"))
		}
	case secRiskCheck:
		out = rw(common.WithDesc(km.Select, "make default"))
	case secNumberRisk:
		out = []key.Binding{common.WithDesc(km.Select, "type a number")}
		if m.number.number != "" {
			out = append(out, rw(km.Get(keySafeList))...)
			out = append(out, common.WithDesc(km.Copy, "copy number"))
		}
	case secRateLimits:
		if !m.hasService() {
			return nil
		}
		out = rw(common.WithDesc(km.New, "new rate limit"))
		if _, ok := m.selectedLimit(); ok {
			out = append(out, rw(km.Get(keyNewBucket), km.Edit, km.Delete)...)
		}
	case secBlocked:
		if _, ok := m.selectedBlocked(); ok {
			out = append([]key.Binding{common.WithDesc(km.Select, "inspect risk")}, rw(km.Get(keySafeList))...)
		}
	case secConsole:
		switch m.selectedItem() {
		case itemFraudGuard, itemGeo:
			out = []key.Binding{common.WithDesc(km.Copy, "copy Console path")}
		default:
			if m.console.guard != nil {
				out = rw(common.WithDesc(km.Edit, "change simulation"))
			}
		}
	}
	return append(out, km.Refresh)
}
