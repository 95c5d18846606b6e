package sessions

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// statusMsg comes back from the shell's confirm dialog when the user
// confirmed setting a verification's status by hand: a manual approval,
// or a cancel.
type statusMsg struct {
	session sessionID
	epoch   int
	to      twilioapi.Status
}

// closeMsg comes back when the user confirmed closing a session whose
// verification is still pending.
type closeMsg struct {
	session sessionID
	epoch   int
}

// newCodeMsg comes back when the user confirmed sending a new code where
// that needs asking: to a customer already approved, or (cancelFirst)
// when every check of the pending verification is used.
type newCodeMsg struct {
	session     sessionID
	epoch       int
	cancelFirst bool
}

// Update implements common.View.
func (m Model) Update(msg tea.Msg) (common.View, tea.Cmd) { return m.update(msg) }

// update handles a message.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.ServiceSelectedMsg:
		m.service = msg.Service
		m.form.rebuild(m.service, m.form.values())
		m.form.refresh(m.c.DefaultRegion)
		return m, nil
	case common.Result[twilioapi.Verification]:
		return m.onVerification(msg)
	case common.Result[twilioapi.CheckResult]:
		return m.onCheck(msg)
	case common.Result[twilioapi.PhoneInfo]:
		return m.onLookup(msg)
	case common.Result[[]twilioapi.OutboxMessage]:
		return m.onOutbox(msg)
	case common.Result[twilioapi.Status]:
		return m.onOutcome(msg)
	case pollTickMsg:
		return m.handlePoll(msg)
	case clockTickMsg:
		return m.handleClock(msg)
	case statusMsg:
		return m.handleStatus(msg)
	case closeMsg:
		if s := m.byID[msg.session]; s != nil && s.epoch == msg.epoch {
			return m.closePending(s)
		}
		return m, nil
	case newCodeMsg:
		return m.handleNewCode(msg)
	case common.RiskCheckChangedMsg:
		m.riskCheck = msg.RiskCheck
		if m.mode != modeForm {
			// The next form starts from the new default; a form being
			// filled in keeps what the agent chose.
			vals := m.form.values()
			vals[fieldRiskCheck] = riskChoiceFor(m.riskCheck)
			m.form.rebuild(m.service, vals)
		}
		return m, nil
	case common.OpenSessionMsg:
		return m.openFor(msg.To)
	case common.ServiceDeletedMsg:
		for _, s := range m.list.Items() {
			if s.service.SID == msg.SID && s.problem == nil {
				s.problem = common.Explain("Send", errServiceDeleted, []string{serviceGoneAdvice(m.c.Keys)}, m.c.Now(), "")
			}
		}
		return m, nil
	case tea.MouseClickMsg:
		return m.click(msg)
	case tea.MouseWheelMsg:
		if m.mode == modeList {
			m.wheel(msg)
		}
		return m, nil
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
		case m.list.Filtering():
			cmd, _ := m.list.UpdateFilter(kp, m.c.Keys)
			return m, cmd
		default:
			return m.updateList(kp)
		}
	}
	// Anything else (cursor blinks) goes to the focused input.
	switch m.mode {
	case modeForm:
		var cmd tea.Cmd
		m.form.form, cmd, _ = m.form.form.Update(msg, m.c.Keys)
		return m, cmd
	case modeCode:
		if s := m.current(); s != nil {
			return m, m.editCode(s, msg)
		}
	}
	return m, nil
}

// updateList handles keys on the session list: moving, a new session,
// and the actions on the selected session.
func (m Model) updateList(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	s := m.current()
	if d, ok := m.list.Step(msg, m.c.Keys); ok {
		m.list.Move(d)
		m.detail.Offset = 0
		return m, nil
	}
	switch {
	case key.Matches(msg, m.c.Keys.DetailDown):
		m.scrollDetail(1)
		return m, nil
	case key.Matches(msg, m.c.Keys.DetailUp):
		m.scrollDetail(-1)
		return m, nil
	}
	if s != nil && isCodeDigit(msg) && m.canTypeCode(s) {
		// The first digit of the code: the field takes it.
		focus := m.focusCode(s)
		return m, tea.Batch(focus, m.editCode(s, msg))
	}
	switch {
	case key.Matches(msg, m.c.Keys.Filter):
		return m, m.list.StartFilter()
	case key.Matches(msg, m.c.Keys.Back) && m.list.Filter() != "":
		m.list.SetFilter("")
		return m, nil
	case key.Matches(msg, m.c.Keys.New):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		return m.openForm("")
	case s == nil:
		return m, nil
	}
	now := m.c.Now()
	switch {
	case key.Matches(msg, m.c.Keys.Check):
		return m.startCheck(s, now)
	case key.Matches(msg, m.c.Keys.Resend):
		return m.openResend(s, now)
	case key.Matches(msg, m.c.Keys.CancelVerification):
		return m.askCancel(s, now)
	case key.Matches(msg, m.c.Keys.Approve):
		return m.askApprove(s, now)
	case key.Matches(msg, m.c.Keys.Refresh):
		return m.refresh(s, now)
	case key.Matches(msg, m.c.Keys.Lookup):
		return m.lookup(s)
	case key.Matches(msg, m.c.Keys.Copy):
		return m, copyID(s)
	case key.Matches(msg, m.c.Keys.CloseSession):
		return m.askClose(s, now)
	case key.Matches(msg, m.c.Keys.Details):
		if p := s.problem; p != nil {
			return m, func() tea.Msg { return common.ShowErrorMsg{Title: p.Title, Err: p.Err} }
		}
	}
	return m, nil
}

// startCheck checks an SNA verification at once, or gives the code field
// the keyboard.
func (m Model) startCheck(s *session, now time.Time) (Model, tea.Cmd) {
	if !s.live(now) {
		return m, common.Flash(common.FlashWarn, "the verification is "+statusWord(s, now)+": "+common.KeyName(m.c.Keys.Resend)+" sends a new code, "+common.KeyName(m.c.Keys.New)+" a new session")
	}
	if s.checksLeft() == 0 {
		return m, common.Flash(common.FlashWarn, "no checks left: "+cancelAndResend(m.c.Keys))
	}
	if s.isSNA() {
		return m.sendCheck(s, "")
	}
	return m, m.focusCode(s)
}

// openResend opens the resend channel picker, unless Verify would refuse
// another send.
func (m Model) openResend(s *session, now time.Time) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	switch {
	case s.statusAt(now) == twilioapi.StatusApproved:
		return m, m.confirmNewCode(s, false, "Send a new code to a verified customer?",
			s.recipient.Label()+" was already verified. A new verification starts on this row; the approval stays in its history.")
	case s.live(now) && s.checksLeft() == 0:
		return m, m.confirmNewCode(s, true, "Cancel and send a new code?",
			"Every check of this verification is used, so no code can approve it. Cancel it and send "+s.recipient.Label()+" a new code?")
	}
	if s.live(now) && s.sendsLeft() == 0 {
		return m, common.Flash(common.FlashWarn, "no sends left "+noSendsAdvice(m.c.Keys, s))
	}
	m.resend = newResendPicker(s)
	m.mode = modeResend
	return m, nil
}

// askCancel asks the shell to confirm cancelling a pending verification
// (the code the customer holds stops working; another costs a send); the
// answer comes back as a statusMsg.
func (m Model) askCancel(s *session, now time.Time) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	if !s.live(now) || m.inFlight(s, callCancel) {
		return m, common.Flash(common.FlashWarn, "nothing to cancel: the verification is "+statusWord(s, now))
	}
	return m, m.askStatus(s, twilioapi.StatusCanceled, "Cancel the verification?",
		"The code sent to "+s.recipient.Label()+" stops working, and a new one costs a send.")
}

// askApprove asks the shell to confirm a manual approval; the answer
// comes back as a statusMsg.
func (m Model) askApprove(s *session, now time.Time) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	if !s.live(now) {
		return m, common.Flash(common.FlashWarn, "nothing to approve: the verification is "+statusWord(s, now))
	}
	return m, m.askStatus(s, twilioapi.StatusApproved, "Approve without a code?",
		"Mark the verification to "+s.recipient.Label()+" as approved. "+
			"Only do this when you verified the customer another way.")
}

// askStatus is the confirm dialog for setting s's status to to by hand.
func (m Model) askStatus(s *session, to twilioapi.Status, title, body string) tea.Cmd {
	confirm := common.ConfirmMsg{Title: title, Body: body, Mutates: true,
		OnConfirm: common.ToView{View: ID, Msg: statusMsg{session: s.id, epoch: s.epoch, to: to}}}
	return func() tea.Msg { return confirm }
}

// lookup runs Lookup on the session's phone number.
func (m Model) lookup(s *session) (Model, tea.Cmd) {
	if s.recipient.kind() != recipientPhone {
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
		return m, common.Flash(common.FlashWarn, "nothing to refresh: Verify no longer has this verification")
	}
	if m.inFlight(s, callFetch) {
		return m, nil
	}
	if ok, until := allowFetch(s, now); !ok {
		why := "status polling limit"
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
	m.list.Remove(fmt.Sprint(s.id))
	m.pending.Drop(func(c call) bool { return c.session == s.id })
}

// handleStatus runs a confirmed approval or cancel, unless the session
// moved on while the dialog was open.
func (m Model) handleStatus(msg statusMsg) (Model, tea.Cmd) {
	s := m.byID[msg.session]
	if s == nil || s.epoch != msg.epoch {
		return m, nil
	}
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	if !s.live(m.c.Now()) || m.inFlight(s, callApprove) || m.inFlight(s, callCancel) {
		return m, nil
	}
	return m, m.setStatus(s, msg.to)
}

// confirmNewCode asks before a send that needs it (it reaches a person
// and costs a send).
func (m Model) confirmNewCode(s *session, cancelFirst bool, title, body string) tea.Cmd {
	confirm := common.ConfirmMsg{Title: title, Body: body, Mutates: true,
		OnConfirm: common.ToView{View: ID, Msg: newCodeMsg{session: s.id, epoch: s.epoch, cancelFirst: cancelFirst}}}
	return func() tea.Msg { return confirm }
}

// handleNewCode goes on with a confirmed new code: the channel picker
// opens, after the old verification is canceled when that was asked.
func (m Model) handleNewCode(msg newCodeMsg) (Model, tea.Cmd) {
	s := m.byID[msg.session]
	if s == nil || s.epoch != msg.epoch {
		return m, nil
	}
	if msg.cancelFirst {
		if m.inFlight(s, callCancel) {
			return m, nil
		}
		return m, m.setStatusThen(s, twilioapi.StatusCanceled, true)
	}
	m.resend = newResendPicker(s)
	m.mode = modeResend
	return m, nil
}

// askClose closes a session at once, or asks first while its
// verification is pending (it goes on at Twilio, unseen here).
func (m Model) askClose(s *session, now time.Time) (Model, tea.Cmd) {
	if !s.live(now) {
		m.closeSession(s)
		return m, common.Flash(common.FlashInfo, "closed the session of "+s.recipient.Label())
	}
	confirm := common.ConfirmMsg{Title: "Close a pending session?",
		Body: "The verification to " + s.recipient.Label() + " stays pending at Twilio until " + clockTime(s.expiresAt()) +
			"; this console stops following it. (" + common.KeyName(m.c.Keys.CancelVerification) + " cancels it instead.)",
		OnConfirm: common.ToView{View: ID, Msg: closeMsg{session: s.id, epoch: s.epoch}}}
	return m, func() tea.Msg { return confirm }
}

// closePending closes a confirmed pending session and says what became of
// the verification.
func (m Model) closePending(s *session) (Model, tea.Cmd) {
	m.closeSession(s)
	return m, common.Flash(common.FlashInfo, "closed "+s.recipient.Label()+": it stays pending at Twilio until "+clockTime(s.expiresAt()))
}

// click selects the session row under the pointer (the list's title is
// row 0). A click leaves a focused code field or picker, as a key that
// moves the selection would not be possible there.
func (m Model) click(msg tea.MouseClickMsg) (Model, tea.Cmd) {
	mouse := msg.Mouse()
	if mouse.Button != tea.MouseLeft || m.mode == modeForm || mouse.X >= m.listWidth() {
		return m, nil
	}
	if i := m.list.RowAt(mouse.Y - 1); i >= 0 {
		if m.mode != modeList {
			m.code.Blur()
			m.mode = modeList
		}
		if i != m.list.Cursor() {
			m.detail.Offset = 0
		}
		m.list.SetCursor(i)
	}
	return m, nil
}

// wheel moves the list by a row when the pointer is over it, or scrolls
// the detail beside it as J/K do; a new selection shows its detail from
// the top, as with the keys.
func (m *Model) wheel(msg tea.MouseWheelMsg) {
	d := common.WheelStep(msg)
	if msg.Mouse().X >= m.listWidth() {
		m.scrollDetail(d)
		return
	}
	before := m.list.Cursor()
	m.list.Move(d)
	if m.list.Cursor() != before {
		m.detail.Offset = 0
	}
}

// openFor opens the new-session form for a destination another view
// names (a row of the attempts log), keeping the form's other choices.
func (m Model) openFor(to string) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	vals := m.form.values()
	vals[fieldTo] = to
	m.form.rebuild(m.service, vals)
	m.form.problem = nil
	m.form.form.FocusKey(fieldTo)
	return m.openForm("")
}
