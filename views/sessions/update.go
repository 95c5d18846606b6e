package sessions

import (
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// approveMsg comes back from the shell's confirm dialog when the user
// confirmed a manual approval.
type approveMsg struct {
	session sessionID
	epoch   int
}

// Update implements the view convention.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.ServiceSelectedMsg:
		m.service, m.hasService = msg.Service, true
		m.form.rebuild(m.service, m.form.values(), m.styles().Input)
		m.form.refresh(m.c.DefaultRegion)
		return m, nil
	case common.ResultMsg:
		if msg.View != common.ViewSessions {
			return m, nil
		}
		return m.handleResult(msg)
	case pollTickMsg:
		return m.handlePoll(msg)
	case clockTickMsg:
		return m.handleClock(msg)
	case approveMsg:
		return m.handleApprove(msg)
	case tea.KeyPressMsg, tea.PasteMsg:
		// Keys and pastes go to what has focus; the list and the picker
		// take keys only.
		switch kp, isKey := msg.(tea.KeyPressMsg); {
		case m.mode == modeForm:
			return m.updateForm(msg)
		case m.mode == modeCode:
			return m.updateCode(msg)
		case !isKey:
			return m, nil
		case m.mode == modeResend:
			return m.updateResend(kp)
		default:
			return m.updateList(kp)
		}
	}
	// Anything else (cursor blinks) goes to the focused input.
	switch m.mode {
	case modeForm:
		var cmd tea.Cmd
		m.form.form, cmd, _ = m.form.form.Update(msg, m.gk)
		return m, cmd
	case modeCode:
		if s := m.current(); s != nil {
			var cmd tea.Cmd
			s.code, cmd = s.code.Update(msg)
			return m, cmd
		}
	}
	return m, nil
}

// updateList handles keys on the session list: moving, a new session,
// and the actions on the selected session.
func (m Model) updateList(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	s := m.current()
	switch {
	case key.Matches(msg, m.keys.Up):
		m.selected = max(m.selected-1, 0)
		return m, nil
	case key.Matches(msg, m.keys.Down):
		m.selected = min(m.selected+1, max(len(m.sessions)-1, 0))
		return m, nil
	case key.Matches(msg, m.keys.New):
		if m.c.ReadOnly {
			return m, readOnlyRefused("sending verifications")
		}
		return m.openForm("")
	case s == nil:
		return m, nil
	}
	now := m.c.Now()
	switch {
	case key.Matches(msg, m.keys.Check):
		return m.startCheck(s, now)
	case key.Matches(msg, m.keys.Resend):
		return m.openResend(s, now)
	case key.Matches(msg, m.keys.Cancel):
		return m.cancel(s, now)
	case key.Matches(msg, m.keys.Approve):
		return m.askApprove(s, now)
	case key.Matches(msg, m.keys.Refresh):
		return m.refresh(s, now)
	case key.Matches(msg, m.keys.Lookup):
		return m.lookup(s)
	case key.Matches(msg, m.keys.Copy):
		return m, copyID(s)
	case key.Matches(msg, m.keys.Close):
		m.closeSession(s)
	case key.Matches(msg, m.keys.Details):
		if p := s.problem; p != nil {
			return m, func() tea.Msg { return common.ShowErrorMsg{Title: p.Title, Err: p.Err} }
		}
	}
	return m, nil
}

// readOnlyRefused says in the status line that read-only mode refuses
// what.
func readOnlyRefused(what string) tea.Cmd {
	return common.Flash(common.FlashWarn, "Read-only mode: "+what+" is refused")
}

// startCheck checks an SNA verification at once, or gives the code field
// the keyboard.
func (m Model) startCheck(s *session, now time.Time) (Model, tea.Cmd) {
	if !s.live(now) {
		return m, common.Flash(common.FlashWarn, "This verification is "+statusWord(s, now)+": press s to send a new code or n for a new session")
	}
	if s.checksLeft() == 0 {
		return m, common.Flash(common.FlashWarn, "No checks left"+noChecksAdvice)
	}
	if s.isSNA() {
		return m.sendCheck(s, "")
	}
	m.mode = modeCode
	return m, s.code.Focus()
}

// openResend opens the resend channel picker, unless Verify would refuse
// another send.
func (m Model) openResend(s *session, now time.Time) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, readOnlyRefused("sending verifications")
	}
	if s.live(now) && s.sendsLeft() == 0 {
		return m, common.Flash(common.FlashWarn, "No sends left: Verify sends 5 codes per verification. "+
			"The limit clears at "+clockTime(s.expiresAt())+"; x cancels it, then s sends a new code")
	}
	m.resend = newResendPicker(s)
	m.mode = modeResend
	return m, nil
}

// cancel cancels a pending verification.
func (m Model) cancel(s *session, now time.Time) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, readOnlyRefused("canceling")
	}
	if !s.live(now) || m.inFlight(s, callCancel) {
		return m, common.Flash(common.FlashWarn, "Nothing to cancel: the verification is "+statusWord(s, now))
	}
	return m, m.setStatus(s, twilioapi.StatusCanceled)
}

// askApprove asks the shell to confirm a manual approval; the answer
// comes back as an approveMsg.
func (m Model) askApprove(s *session, now time.Time) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, readOnlyRefused("approving")
	}
	if !s.live(now) {
		return m, common.Flash(common.FlashWarn, "Nothing to approve: the verification is "+statusWord(s, now))
	}
	confirm := common.ConfirmMsg{
		Title: "Approve without a code?",
		Body: "Mark the verification to " + s.recipient.Label() + " as approved. " +
			"Only do this when you verified the customer another way.",
		OnConfirm: approveMsg{session: s.id, epoch: s.epoch},
	}
	return m, func() tea.Msg { return confirm }
}

// lookup runs Lookup on the session's phone number.
func (m Model) lookup(s *session) (Model, tea.Cmd) {
	if s.recipient.Kind != recipientPhone {
		return m, common.Flash(common.FlashWarn, "Lookup needs a phone number")
	}
	if m.inFlight(s, callLookup) {
		return m, nil
	}
	return m, m.lookupSession(s)
}

// copyID copies the SNA URL, or else the verification SID.
func copyID(s *session) tea.Cmd {
	switch {
	case s.ver.SNAURL != "":
		return common.Copy(s.ver.SNAURL, "SNA URL")
	case s.ver.SID != "":
		return common.Copy(s.ver.SID, "verification SID")
	}
	return nil
}

// refresh fetches the status now (within the polling limits) and restarts
// the back-off.
func (m Model) refresh(s *session, now time.Time) (Model, tea.Cmd) {
	if s.ver.SID == "" || s.gone {
		return m, common.Flash(common.FlashWarn, "Nothing to refresh: Verify no longer has this verification")
	}
	if m.inFlight(s, callFetch) {
		return m, nil
	}
	if ok, until := allowFetch(s, now); !ok {
		why := "Status polling limit"
		if now.Before(s.retryAfter) {
			why = "Twilio asked to wait (429 Retry-After)"
		}
		return m, common.Flash(common.FlashWarn, why+": next fetch allowed at "+clockTime(until))
	}
	cmds := []tea.Cmd{m.fetch(s, false), m.readOutbox(s)}
	if s.live(now) {
		cmds = append(cmds, m.schedulePoll(s, true))
	}
	return m, tea.Batch(cmds...)
}

// closeSession removes s from the list; its late results are dropped.
func (m *Model) closeSession(s *session) {
	m.record(s, "close session", statusWord(s, m.c.Now()))
	delete(m.byID, s.id)
	for i, x := range m.sessions {
		if x == s {
			m.sessions = append(m.sessions[:i], m.sessions[i+1:]...)
			break
		}
	}
	for id, c := range m.pending {
		if c.session == s.id {
			delete(m.pending, id)
		}
	}
	m.selected = clamp(m.selected, 0, max(len(m.sessions)-1, 0))
}

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
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		focused := m.form.form.Fields[m.form.form.Focus]
		switch {
		case key.Matches(kp, m.keys.Back):
			m.mode = modeList
			return m, nil
		case key.Matches(kp, m.keys.Send):
			return m.submitForm()
		case key.Matches(kp, m.keys.FormLookup),
			key.Matches(kp, m.keys.Lookup) && focused.Kind != common.FieldText:
			return m.formLookup()
		}
		if focused.Key == fieldChannel && (kp.String() == "left" || kp.String() == "right" || key.Matches(kp, m.gk.Toggle)) {
			m.form.channelTouched = true
		}
	}
	var cmd tea.Cmd
	var submit bool
	m.form.form, cmd, submit = m.form.form.Update(msg, m.gk)
	m.form.refresh(m.c.DefaultRegion)
	if submit {
		return m.submitForm()
	}
	return m, cmd
}

// formLookup looks up the number typed in the form.
func (m Model) formLookup() (Model, tea.Cmd) {
	r := m.form.recipient
	if r.Kind != recipientPhone {
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
	if !m.hasService || m.service.SID == "" {
		m.form.form.Err = "no current service: choose one in Services (1) first"
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

// updateCode handles keys while the code field has focus.
func (m Model) updateCode(msg tea.Msg) (Model, tea.Cmd) {
	s := m.current()
	if s == nil {
		m.mode = modeList
		return m, nil
	}
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, m.keys.Back):
			s.code.Blur()
			m.mode = modeList
			return m, nil
		case key.Matches(kp, m.keys.Check):
			code := normalizeCode(s.code.Value())
			if code == "" {
				s.note = "type the code the customer reads out, then enter"
				return m, nil
			}
			return m.sendCheck(s, code)
		}
	}
	var cmd tea.Cmd
	s.code, cmd = s.code.Update(msg)
	return m, cmd
}

// normalizeCode drops the spaces and dashes a code is often read out or
// pasted with ("123 456", "123-456"): Verify's codes have none, and a
// check with them would spend one of the five checks on a typo.
func normalizeCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// sendCheck checks code (empty for SNA) unless a check is in flight.
func (m Model) sendCheck(s *session, code string) (Model, tea.Cmd) {
	if m.inFlight(s, callCheck) {
		return m, nil
	}
	if !s.live(m.c.Now()) {
		return m, common.Flash(common.FlashWarn, "This verification is "+statusWord(s, m.c.Now()))
	}
	s.note = "checking…"
	return m, m.check(s, code)
}

// updateResend handles keys in the resend channel picker.
func (m Model) updateResend(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	s := m.byID[m.resend.session]
	if s == nil {
		m.mode = modeList
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode = modeList
	case key.Matches(msg, m.keys.Left), key.Matches(msg, m.keys.Up):
		m.resend.move(-1)
	case key.Matches(msg, m.keys.Right), key.Matches(msg, m.keys.Down):
		m.resend.move(1)
	case key.Matches(msg, m.keys.Send):
		ch := m.resend.chosen()
		m.mode = modeList
		if ch == twilioapi.ChannelEmail && s.recipient.Kind != recipientEmail {
			return m.fallbackToEmail(s)
		}
		if m.inFlight(s, callResend) {
			return m, nil
		}
		p := s.params
		p.Channel = ch
		s.problem = nil
		return m, m.startVerification(call{kind: callResend, session: s.id, epoch: s.epoch, channel: ch}, p)
	}
	return m, nil
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
	m.form.rebuild(m.service, vals, m.styles().Input)
	m.form.channelTouched = true
	m.form.problem = nil
	m.form.form.FocusKey(fieldTo)
	return m.openForm("Fallback to e-mail for " + s.recipient.Label() + ": type the customer's e-mail address.")
}

// handleApprove runs a confirmed manual approval.
func (m Model) handleApprove(msg approveMsg) (Model, tea.Cmd) {
	s := m.byID[msg.session]
	if s == nil || s.epoch != msg.epoch {
		return m, nil
	}
	if m.c.ReadOnly {
		return m, readOnlyRefused("approving")
	}
	if !s.live(m.c.Now()) || m.inFlight(s, callApprove) {
		return m, nil
	}
	return m, m.setStatus(s, twilioapi.StatusApproved)
}

// newCodeInput is the code field of a session.
func newCodeInput(st textinput.Styles) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "type code"
	in.CharLimit = 16 // a 10-character code with separators
	in.SetStyles(staticCursor(st))
	return in
}

// staticCursor turns off cursor blinking: a blinking cursor is a timer
// that redraws the whole screen twice a second (over SSH too) and a
// Cmd that never ends in the Update tests.
func staticCursor(st textinput.Styles) textinput.Styles {
	st.Cursor.Blink = false
	return st
}
