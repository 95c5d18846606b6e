package sessions

import (
	"charm.land/bubbles/v2/key"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Every key of this view is a binding of the program's common.KeyMap
// (m.c.Keys): the shared list and form keys and the Sessions ones (check,
// resend, cancel_verification, approve, lookup, close_session, details,
// send, lookup_number, prev_choice, next_choice), so the config's `[keys]`
// table rebinds them and help shows the keys actually bound. Each program
// has its own KeyMap, so two SSH sessions never share one.

// detailsKey names the error-details key where it works: on the list
// (elsewhere a field may take the letter).
func (m Model) detailsKey() string {
	if m.mode != modeList {
		return ""
	}
	return common.KeyName(m.c.Keys.Details)
}

// newKey is the shared new key with what it does here.
func (m Model) newKey() key.Binding { return common.WithDesc(m.c.Keys.New, "new session") }

// copyKey is the shared copy key with what it copies here.
func (m Model) copyKey() key.Binding { return common.WithDesc(m.c.Keys.Copy, "copy SNA URL/SID") }

// ShortHelp implements the view convention: the keys of what has focus.
func (m Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	switch m.mode {
	case modeForm:
		return []key.Binding{km.Send, km.NextField, km.LookupNumber, km.Back}
	case modeCode:
		return []key.Binding{km.Check, km.Back}
	case modeResend:
		return []key.Binding{km.PrevChoice, km.NextChoice, common.WithDesc(km.Send, "resend"), km.Back}
	}
	if m.list.Filtering() {
		return []key.Binding{common.WithDesc(km.Select, "keep filter"), common.WithDesc(km.Back, "clear filter")}
	}
	return m.listKeys()
}

// listKeys are the list's keys that work on the selected session now:
// no check without a verification waiting for one, no send, cancel or
// approval in read-only mode.
func (m Model) listKeys() []key.Binding {
	km := m.c.Keys
	var keys []key.Binding
	if !m.c.ReadOnly {
		keys = append(keys, m.newKey())
	}
	s := m.current()
	if s == nil {
		return keys
	}
	now := m.c.Now()
	live := s.live(now)
	switch {
	case live && m.canTypeCode(s):
		keys = append(keys, common.WithDesc(km.Check, "type code"))
	case live && s.isSNA():
		keys = append(keys, common.WithDesc(km.Check, "check SNA"))
	}
	if !m.c.ReadOnly {
		keys = append(keys, km.Resend)
		if live {
			keys = append(keys, km.CancelVerification, km.Approve)
		}
	}
	keys = append(keys, km.Refresh)
	if s.recipient.kind() == recipientPhone {
		keys = append(keys, km.Lookup)
	}
	if s.problem != nil {
		keys = append(keys, km.Details)
	}
	return append(keys, km.CloseSession)
}

// FullHelp implements the view convention.
func (m Model) FullHelp() [][]key.Binding {
	km := m.c.Keys
	switch m.mode {
	case modeForm:
		return [][]key.Binding{
			{km.Send, km.LookupNumber, km.Back},
			{km.NextField, km.PrevField, km.PrevChoice, km.NextChoice},
		}
	case modeCode, modeResend:
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{
		{km.Up, km.Down, km.Filter, km.DetailUp, km.DetailDown},
		m.listKeys(),
		{m.copyKey(), timerMark()},
	}
}

// timerMark explains the "!" next to a session's countdown in the list,
// in full help.
func timerMark() key.Binding {
	return key.NewBinding(key.WithKeys(), key.WithHelp("! 8:30", "the last call failed: see its detail"))
}
