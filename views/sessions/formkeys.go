package sessions

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// openForm shows the new-session form; note says why (e.g. a fallback to
// e-mail).
func (m Model) openForm(note string) (Model, tea.Cmd) {
	m.mode = modeForm
	m.form.note = note
	m.form.refresh(m.c.DefaultRegion)
	return m, m.form.form.FocusKey(m.form.form.Fields[m.form.form.Focus].Key)
}

// updateForm handles keys in the new-session form.
func (m Model) updateForm(msg tea.Msg) (Model, tea.Cmd) {
	if kp, ok := msg.(tea.KeyPressMsg); ok && m.form.sending && common.Typed(kp) {
		// Typed while the send is in flight: most likely the code the
		// customer reads out. It goes to the new session's code field
		// (or back to the form if the send fails), never lost.
		m.typeAhead = append(m.typeAhead[:len(m.typeAhead):len(m.typeAhead)], kp)
		return m, nil
	}
	if kp, ok := msg.(tea.KeyPressMsg); ok && m.form.sending && key.Matches(kp, m.c.Keys.Back) {
		// esc stops waiting for the send; the form stays as typed.
		m.pending.Cancel(m.c, func(c call) bool { return c.kind == callStart || c.kind == callFind })
		m.form.sending = false
		m.form.note = "Canceled while sending: the code may still have gone out. Sending again to the same number " +
			"resends on the same verification if it did."
		m.applyTypeAhead()
		return m, nil
	}
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		focused := m.form.form.Fields[m.form.form.Focus]
		// A focused text field takes letters whatever they are bound to.
		typed := focused.Kind == common.FieldText && common.Typed(kp)
		switch {
		case typed: // to the field, below
		case key.Matches(kp, m.c.Keys.Back):
			m.mode = modeList
			return m, nil
		case key.Matches(kp, m.c.Keys.Send):
			return m.submitForm()
		case key.Matches(kp, m.c.Keys.LookupNumber),
			key.Matches(kp, m.c.Keys.Lookup) && focused.Kind != common.FieldText:
			return m.formLookup()
		}
		// The same bindings common.Form moves choices with.
		if focused.Key == fieldChannel && key.Matches(kp, m.c.Keys.Toggle, m.c.Keys.PrevChoice, m.c.Keys.NextChoice) {
			m.form.channelTouched = true
		}
	}
	var cmd tea.Cmd
	var submit bool
	m.form.form, cmd, submit = m.form.form.Update(msg, m.c.Keys)
	m.form.refresh(m.c.DefaultRegion)
	if submit {
		return m.submitForm()
	}
	return m, cmd
}

// formLookup looks up the number typed in the form.
func (m Model) formLookup() (Model, tea.Cmd) {
	r := m.form.recipient
	if r.kind() != recipientPhone {
		return m, m.form.form.SetError(fieldTo, "lookup needs a phone number")
	}
	m.form.lookupErr = nil
	return m, m.lookupForm(r.E164)
}

// submitForm validates the form and starts the verification. Nothing is
// cleared until Twilio accepted it.
func (m Model) submitForm() (Model, tea.Cmd) {
	if m.form.sending {
		return m, nil
	}
	if m.c.ReadOnly {
		m.form.form.Err = "read-only mode: sending verifications is refused"
		return m, nil
	}
	m.form.refresh(m.c.DefaultRegion)
	m.form.problem = nil
	if !m.hasService() {
		m.form.form.Err = m.c.Keys.NoServiceFirst()
		return m, nil
	}
	m.form.form.Err = ""
	p, ok := m.form.params(m.service)
	if !ok {
		return m, nil
	}
	m.form.sending = true
	return m, m.startVerification(call{kind: callStart, params: p, recipient: m.form.recipient, service: m.service}, p)
}

// fallbackToEmail opens the form for an e-mail verification with the
// session's options: e-mail goes to an address, which the customer has to
// give.
func (m Model) fallbackToEmail(s *session) (Model, tea.Cmd) {
	vals := m.form.values()
	vals[fieldTo] = ""
	vals[fieldChannel] = string(twilioapi.ChannelEmail)
	vals[fieldLocale] = s.params.Locale
	vals[fieldFriendly] = s.params.CustomFriendlyName
	vals[fieldAmount] = s.params.Amount
	vals[fieldPayee] = s.params.Payee
	vals[fieldTags] = formatTags(s.params.Tags)
	m.form.rebuild(m.service, vals)
	m.form.channelTouched = true
	m.form.problem = nil
	m.form.form.FocusKey(fieldTo)
	return m.openForm("Fallback to e-mail for " + s.recipient.Label() + ": type the customer's e-mail address.")
}
