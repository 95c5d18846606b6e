package sessions

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Every key of this view is a binding of the program's common.KeyMap
// (m.c.Keys): the shared list and form keys and the Sessions ones (check,
// resend, cancel_verification, approve, lookup, close_session, details,
// send, lookup_number, prev_choice, next_choice), so the config's `[keys]`
// table rebinds them and help shows the keys actually bound. Each program
// has its own KeyMap, so two SSH sessions never share one.

// keyName is how on-screen hints name a binding: the first key of its
// help ("s", "enter", "tab" of "tab/↓", "→" of "→/space"), so a rebinding
// shows up in the hints as well as in help.
func keyName(b key.Binding) string {
	h := b.Help().Key
	if first, _, ok := strings.Cut(h, "/"); ok && first != "" {
		return first
	}
	return h
}

// detailsKey names the error-details key where it works: on the list
// (elsewhere a field may take the letter).
func (m Model) detailsKey() string {
	if m.mode != modeList {
		return ""
	}
	return keyName(m.c.Keys.Details)
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
	if m.c.ReadOnly {
		// Only what read-only mode allows.
		return []key.Binding{km.Check, km.Refresh, km.Lookup, m.copyKey()}
	}
	return []key.Binding{m.newKey(), km.Check, km.Resend, km.CancelVerification, km.Approve, km.Refresh}
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
		{km.Up, km.Down, km.Filter, m.newKey(), km.CloseSession},
		{km.Check, km.Resend, km.CancelVerification, km.Approve},
		{km.Refresh, km.Lookup, m.copyKey(), km.Details},
	}
}
