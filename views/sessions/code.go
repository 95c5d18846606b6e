package sessions

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// updateCode handles keys while the code field has focus.
func (m Model) updateCode(msg tea.Msg) (Model, tea.Cmd) {
	s := m.current()
	if s == nil {
		m.mode = modeList
		return m, nil
	}
	// Letters are typed into the code whatever they are bound to.
	if kp, ok := msg.(tea.KeyPressMsg); ok && !common.Typed(kp) {
		switch {
		case key.Matches(kp, m.c.Keys.Back) && m.inFlight(s, callCheck):
			// esc stops waiting for the check; Verify may have counted
			// it, so the status is fetched to say.
			m.pending.Cancel(m.c, func(c call) bool { return c.kind == callCheck && c.session == s.id })
			s.note = "check canceled: it may have reached Verify; fetching the status"
			return m, m.fetch(s, false)
		case key.Matches(kp, m.c.Keys.Back):
			m.code.Blur()
			m.mode = modeList
			return m, nil
		case key.Matches(kp, m.c.Keys.Check):
			code := normalizeCode(s.codeDraft)
			if code == "" {
				// While a check is in flight its "checking…" stays: a
				// second enter must not read as if nothing was sent.
				if !m.inFlight(s, callCheck) {
					s.note = "type the code the customer reads out, then " + common.KeyName(m.c.Keys.Check)
				}
				return m, nil
			}
			// A code that cannot match is refused here: a check would
			// spend one of the five for nothing. What was typed stays.
			if err := twilioapi.CodeCanMatch(code, s.service.CodeLength, s.service.CustomCodeEnabled); err != nil {
				s.codeErr = twilioapi.AsError(err).Message
				return m, nil
			}
			return m.sendCheck(s, code)
		}
	}
	s.codeErr = ""
	return m, m.editCode(s, msg)
}

// editCode gives msg to the code field, editing s's draft. The field is
// first brought in line with the draft, which the session's logic may
// have cleared (a code that was used, a new verification).
func (m *Model) editCode(s *session, msg tea.Msg) tea.Cmd {
	m.syncCode(s)
	var cmd tea.Cmd
	m.code, cmd = m.code.Update(msg)
	s.codeDraft = m.code.Value()
	return cmd
}

// syncCode makes the code field show s's draft (keeping the cursor when
// it already does).
func (m *Model) syncCode(s *session) {
	if m.code.Value() != s.codeDraft {
		m.code.SetValue(s.codeDraft)
		m.code.CursorEnd()
	}
}

// focusCode gives the keyboard to s's code field.
func (m *Model) focusCode(s *session) tea.Cmd {
	m.mode = modeCode
	m.syncCode(s)
	return m.code.Focus()
}

// ClaimsKey implements common.KeyClaimer: on the list, a digit typed on
// a session that waits for its code starts typing the code (the shell
// would otherwise take 1–5 as tab keys and the code would be lost).
func (m Model) ClaimsKey(k tea.KeyPressMsg) bool {
	s := m.current()
	return m.mode == modeList && !m.list.Filtering() && s != nil && m.canTypeCode(s) && isCodeDigit(k)
}

// canTypeCode reports whether a code can be typed for s now.
func (m Model) canTypeCode(s *session) bool {
	return s.live(m.c.Now()) && !s.isSNA() && s.checksLeft() > 0
}

// isCodeDigit reports whether k is a plain digit, as codes are typed.
func isCodeDigit(k tea.KeyPressMsg) bool {
	return len(k.Text) == 1 && k.Text[0] >= '0' && k.Text[0] <= '9' && k.Mod&^tea.ModShift == 0
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
		return m, common.Flash(common.FlashWarn, "the verification is "+statusWord(s, m.c.Now()))
	}
	s.note = "checking…"
	// The field is free at once: what is typed while the check is in
	// flight is the next attempt, not lost when the answer comes.
	s.codeDraft, s.codeErr = "", ""
	return m, m.check(s, code)
}

// newCodeInput is the view's code field. common.NewInput's cursor
// does not blink: a blinking cursor is a timer that redraws the whole
// screen twice a second (over SSH too) and a Cmd that never ends in the
// Update tests.
func newCodeInput() textinput.Model {
	in := common.NewInput()
	in.Prompt = ""
	in.Placeholder = "type code"
	in.CharLimit = 16 // a 10-character code with separators
	return in
}
