package totp

import (
	"charm.land/bubbles/v2/key"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// The view's own keys, by their `[keys]` names. The shared ones (lists,
// new, delete, copy, filter, refresh, back) are fields of common.KeyMap.
const (
	keyVerify    = "totp_verify"
	keyChallenge = "totp_challenge"
	keyAnswer    = "totp_answer"
	keyInvert    = "totp_invert"
	keyKeep      = "totp_keep_secret"
)

// keyDefs are the view's own bindings, declared in its registry entry.
func keyDefs() []common.KeyDef {
	return []common.KeyDef{
		{Name: keyVerify, Keys: []string{"v"}, Help: "v", Desc: "verify factor"},
		{Name: keyChallenge, Keys: []string{"h"}, Help: "h", Desc: "challenge"},
		{Name: keyAnswer, Keys: []string{"a"}, Help: "a", Desc: "answer challenge"},
		{Name: keyInvert, Keys: []string{"i"}, Help: "i", Desc: "invert QR"},
		{Name: keyKeep, Keys: []string{"k"}, Help: "k", Desc: "keep secret (test factor)"},
	}
}

// bind is the view's own binding called name.
func (m Model) bind(name string) key.Binding { return m.c.Keys.Get(name) }

// ShortHelp implements common.View: the keys that work now.
func (m Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	switch {
	case m.prompt != nil:
		return []key.Binding{common.WithDesc(km.Select, "send code"), common.WithDesc(km.Back, "close")}
	case m.screen == screenForm:
		return []key.Binding{km.Submit, km.Cancel, km.NextField, km.Toggle}
	case m.screen == screenEnrol:
		return m.enrolKeys()
	case m.entities.Filtering() || m.factors.Filtering():
		return []key.Binding{common.WithDesc(km.Select, "keep filter"), common.WithDesc(km.Back, "clear filter")}
	}
	return m.mainKeys()
}

// FullHelp implements common.View.
func (m Model) FullHelp() [][]key.Binding {
	km := m.c.Keys
	switch {
	case m.prompt != nil:
		return [][]key.Binding{m.ShortHelp()}
	case m.screen == screenForm:
		return [][]key.Binding{km.FormHelp()}
	case m.screen == screenEnrol:
		return [][]key.Binding{m.enrolKeys()}
	}
	// The list's column has / and r already.
	var own []key.Binding
	for _, b := range m.mainKeys() {
		if h := b.Help().Key; h != km.Filter.Help().Key && h != km.Refresh.Help().Key {
			own = append(own, b)
		}
	}
	return [][]key.Binding{km.ListHelp(), own, {km.DetailUp, km.DetailDown}}
}

// enrolKeys are the keys of the enrolment screen.
func (m Model) enrolKeys() []key.Binding {
	km := m.c.Keys
	out := []key.Binding{}
	if m.enrol != nil && m.enrol.factor.Status != "verified" && !m.c.ReadOnly {
		out = append(out, m.bind(keyVerify))
	}
	out = append(out, m.bind(keyInvert), common.WithDesc(km.Copy, "copy URI"))
	if m.c.TOTPKeeper != nil {
		out = append(out, m.bind(keyKeep))
	}
	if m.enrolScrolls() {
		out = append(out, common.WithDesc(km.DetailDown, "scroll down"), common.WithDesc(km.DetailUp, "scroll up"))
	}
	return append(out, common.WithDesc(km.Back, "done"))
}

// mainKeys are the keys of the entity and factor panes that work for
// what is selected; read-only mode offers none of the changes.
func (m Model) mainKeys() []key.Binding {
	km := m.c.Keys
	out := []key.Binding{}
	if m.focus == focusEntities {
		if _, ok := m.entities.Selected(); ok {
			out = append(out, common.WithDesc(km.Select, "factors"))
		}
	} else {
		out = append(out, common.WithDesc(km.Back, "entities"))
	}
	out = append(out, km.Filter)
	if !m.c.ReadOnly && m.service.SID != "" {
		out = append(out, common.WithDesc(km.New, "new TOTP factor"))
		if f, ok := m.selectedFactor(); ok {
			if canVerify(f) {
				out = append(out, m.bind(keyVerify))
			}
			if canChallenge(f) {
				out = append(out, m.bind(keyChallenge))
				if _, ok := m.pendingChallenge(f); ok {
					out = append(out, m.bind(keyAnswer))
				}
			}
			out = append(out, common.WithDesc(km.Delete, "delete factor"))
		} else if _, ok := m.entities.Selected(); ok && m.focus == focusEntities {
			out = append(out, common.WithDesc(km.Delete, "delete entity"))
		}
	}
	// c copies what copySelected copies: the factor's SID, else the
	// entity's identity, else nothing.
	if _, ok := m.selectedFactor(); ok {
		out = append(out, common.WithDesc(km.Copy, "copy SID"))
	} else if _, ok := m.entities.Selected(); ok {
		out = append(out, common.WithDesc(km.Copy, "copy identity"))
	}
	return append(out, km.Refresh)
}
