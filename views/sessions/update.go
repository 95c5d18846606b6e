package sessions

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
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
		return m, nil
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
		return m.cancel(s, now)
	case key.Matches(msg, m.c.Keys.Approve):
		return m.askApprove(s, now)
	case key.Matches(msg, m.c.Keys.Refresh):
		return m.refresh(s, now)
	case key.Matches(msg, m.c.Keys.Lookup):
		return m.lookup(s)
	case key.Matches(msg, m.c.Keys.Copy):
		return m, copyID(s)
	case key.Matches(msg, m.c.Keys.CloseSession):
		m.closeSession(s)
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
		return m, common.Flash(common.FlashWarn, "This verification is "+statusWord(s, now)+": press "+keyName(m.c.Keys.Resend)+" to send a new code or "+keyName(m.c.Keys.New)+" for a new session")
	}
	if s.checksLeft() == 0 {
		return m, common.Flash(common.FlashWarn, "No checks left"+noChecksAdvice(m.c.Keys))
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
	if s.live(now) && s.sendsLeft() == 0 {
		return m, common.Flash(common.FlashWarn, "No sends left: Verify sends 5 codes per verification. "+
			"The limit clears at "+clockTime(s.expiresAt())+"; "+keyName(m.c.Keys.CancelVerification)+" cancels it, then "+
			keyName(m.c.Keys.Resend)+" sends a new code")
	}
	m.resend = newResendPicker(s)
	m.mode = modeResend
	return m, nil
}

// cancel cancels a pending verification.
func (m Model) cancel(s *session, now time.Time) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
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
		return m, common.ReadOnlyRefused()
	}
	if !s.live(now) {
		return m, common.Flash(common.FlashWarn, "Nothing to approve: the verification is "+statusWord(s, now))
	}
	confirm := common.ConfirmMsg{
		Title: "Approve without a code?",
		Body: "Mark the verification to " + s.recipient.Label() + " as approved. " +
			"Only do this when you verified the customer another way.",
		OnConfirm: common.ToView{View: ID, Msg: approveMsg{session: s.id, epoch: s.epoch}},
		Mutates:   true,
	}
	return m, func() tea.Msg { return confirm }
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
	m.list.Remove(fmt.Sprint(s.id))
	m.pending.Drop(func(c call) bool { return c.session == s.id })
}

// handleApprove runs a confirmed manual approval.
func (m Model) handleApprove(msg approveMsg) (Model, tea.Cmd) {
	s := m.byID[msg.session]
	if s == nil || s.epoch != msg.epoch {
		return m, nil
	}
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	if !s.live(m.c.Now()) || m.inFlight(s, callApprove) {
		return m, nil
	}
	return m, m.setStatus(s, twilioapi.StatusApproved)
}
