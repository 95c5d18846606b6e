package sessions

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"

	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// TestDigitOnPendingSessionStartsCode: on the list, a digit typed on a
// session waiting for its code goes into the code field (the shell would
// take 2 and 4 as tab keys); the view claims digits only then.
func TestDigitOnPendingSessionStartsCode(t *testing.T) {
	h := newHarness(t, 100, 30)
	if h.M.ClaimsKey(keyOf("7")) {
		t.Fatal("no session: digits are the shell's")
	}
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	if !h.M.ClaimsKey(keyOf("7")) || h.M.ClaimsKey(keyOf("q")) {
		t.Fatal("a pending session claims digits, and only digits")
	}
	h.typeText("729824")
	if h.M.mode != modeCode || h.M.current().codeDraft != "729824" {
		t.Fatalf("mode %d, draft %q", h.M.mode, h.M.current().codeDraft)
	}
	// After a resend the field is focused, as after the first send.
	h.key("esc")
	h.key("s")
	h.key("enter")
	if h.M.mode != modeCode {
		t.Fatalf("after a resend: mode %d", h.M.mode)
	}
	// A closed session does not claim digits.
	h.key("esc")
	h.key("x")
	h.ConfirmYes()
	if h.M.ClaimsKey(keyOf("7")) {
		t.Fatal("a canceled session claims digits")
	}
}

// TestResendWithNoChecksLeftCancelsFirst: s on a verification whose five
// checks are used asks, cancels it and opens the picker for a new
// verification (a resend to the old one could never approve).
func TestResendWithNoChecksLeftCancelsFirst(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	old := s.ver.SID
	for i := 0; i < twilioapi.MaxChecks; i++ {
		if h.M.mode != modeCode {
			h.key("enter")
		}
		h.typeText("000000")
		h.key("enter")
	}
	if s.checksLeft() != 0 || !s.live(h.c.Now()) {
		t.Fatalf("checks left %d, live %v", s.checksLeft(), s.live(h.c.Now()))
	}
	h.key("s")
	if h.Confirm == nil || !h.Confirm.Mutates || h.M.mode == modeResend {
		t.Fatalf("s with no checks left must ask first (confirm %+v, mode %d)", h.Confirm, h.M.mode)
	}
	sendsBefore := s.sendsUsed()
	h.ConfirmYes()
	if h.M.mode != modeResend || s.statusAt(h.c.Now()) != twilioapi.StatusCanceled {
		t.Fatalf("after yes: mode %d, status %s", h.M.mode, s.statusAt(h.c.Now()))
	}
	if s.sendsUsed() != sendsBefore {
		t.Fatal("a send was spent on the dead verification")
	}
	h.key("enter")
	if s.ver.SID == old || s.checksLeft() != twilioapi.MaxChecks || s.statusAt(h.c.Now()) != twilioapi.StatusPending {
		t.Fatalf("new verification: SID changed %v, checks left %d, status %s", s.ver.SID != old, s.checksLeft(), s.status)
	}
}

// TestResendAfterApprovalAsksAndKeepsHistory: s on an approved session
// asks first; the approval stays in the session's history.
func TestResendAfterApprovalAsksAndKeepsHistory(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.typeText(h.code())
	h.key("enter")
	s := h.M.current()
	if s.status != twilioapi.StatusApproved {
		t.Fatalf("status %s", s.status)
	}
	h.key("s")
	if h.Confirm == nil || h.M.mode == modeResend || s.status != twilioapi.StatusApproved {
		t.Fatal("s on an approved session must ask first and change nothing")
	}
	h.ConfirmYes()
	h.key("enter")
	if s.statusAt(h.c.Now()) != twilioapi.StatusPending {
		t.Fatalf("after confirming: %s", s.status)
	}
	approved := false
	for _, e := range s.history {
		approved = approved || strings.Contains(e.Outcome, "APPROVED")
	}
	if !approved {
		t.Fatalf("the approval left the history: %+v", s.history)
	}
}

// TestClosePendingAsksAndSays: w on a pending session asks, and says
// the verification goes on at Twilio; a closed one closes at once.
func TestClosePendingAsksAndSays(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	h.key("w")
	if h.Confirm == nil || h.M.list.Len() != 1 {
		t.Fatal("w on a pending session must ask")
	}
	h.ConfirmYes()
	if h.M.list.Len() != 0 || !strings.Contains(h.LastFlash(), "stays pending at Twilio until 12:10:00") {
		t.Fatalf("closed: %d sessions, flash %q", h.M.list.Len(), h.LastFlash())
	}
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	h.key("x")
	h.ConfirmYes()
	h.Confirm = nil
	h.key("w")
	if h.Confirm != nil || h.M.list.Len() != 0 {
		t.Fatal("a canceled session closes without asking")
	}
}

// keyOf is the key press of name, for ClaimsKey.
func keyOf(name string) tea.KeyPressMsg { return viewtest.Key(name) }

// TestCodeThatCannotMatchIsNotSent: a code of the wrong length or with
// letters (custom codes off) is refused before any call: no check spent,
// what was typed kept, no history line for a call never made.
func TestCodeThatCannotMatchIsNotSent(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	hist := len(s.history)
	for _, code := range []string{"12ab", "1234567", "1dTemp", "12345"} {
		s.codeDraft = ""
		h.typeText(code)
		h.key("enter")
		if s.checksLeft() != twilioapi.MaxChecks || h.M.pending.Len() != 0 {
			t.Fatalf("%q was sent: %d checks left", code, s.checksLeft())
		}
		if s.codeDraft != code || s.codeErr == "" || h.M.mode != modeCode {
			t.Fatalf("%q: draft %q, error %q, mode %d", code, s.codeDraft, s.codeErr, h.M.mode)
		}
		h.wantScreen("Codes of this service are 6 digits", "Nothing was sent.")
	}
	if len(s.history) != hist {
		t.Fatalf("history logged a check that was never made: %+v", s.history[hist:])
	}
	// Editing clears the complaint; the right code goes through.
	s.codeDraft = ""
	h.typeText(h.code())
	if s.codeErr != "" {
		t.Fatal("the error stays while typing")
	}
	h.key("enter")
	if s.status != twilioapi.StatusApproved {
		t.Fatalf("status %s", s.status)
	}
}

// TestKeysTypedDuringCallsAreKept: digits typed while a check is in
// flight are the next attempt, not wiped by its answer; digits typed
// while the form's send is in flight land in the new session's code.
func TestKeysTypedDuringCallsAreKept(t *testing.T) {
	h := newHarness(t, 100, 30)
	s, cmd := h.wrongCheckInFlight()
	for _, k := range viewtest.Type("22") {
		h.M, _ = h.M.update(k) // …while the agent types on
	}
	if s.codeDraft != "22" {
		t.Fatalf("while checking: draft %q", s.codeDraft)
	}
	h.Loop(cmd) // "not approved" arrives
	if s.codeDraft != "22" || s.checksLeft() != twilioapi.MaxChecks-1 {
		t.Fatalf("after the answer: draft %q, checks left %d", s.codeDraft, s.checksLeft())
	}

	h.key("esc")
	h.key("n")
	h.typeText("+14155550111")
	h.M, cmd = h.M.update(keyOf("enter")) // the send is in flight…
	for _, k := range viewtest.Type("4321") {
		h.M, _ = h.M.update(k)
	}
	h.Loop(cmd)
	s2 := h.M.current()
	if s2 == s || h.M.mode != modeCode || s2.codeDraft != "4321" {
		t.Fatalf("typed during the send: mode %d, draft %q", h.M.mode, s2.codeDraft)
	}
}

// twoSessions starts an SMS session to the sandbox's mobile number, then
// an e-mail one to bob@example.com (selected), each left with esc.
func (h *harness) twoSessions() {
	h.T().Helper()
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	h.newSession("bob@example.com", twilioapi.ChannelEmail)
	h.key("esc")
}

// TestClickSelectsSessionRow: with --mouse, clicking a row of the list
// selects that session (rows start below the title line).
func TestClickSelectsSessionRow(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.twoSessions()
	if h.M.list.Cursor() != 1 {
		t.Fatalf("cursor %d", h.M.list.Cursor())
	}
	h.send(tea.MouseClickMsg{X: 3, Y: 1, Button: tea.MouseLeft})
	if h.M.current().recipient.E164 != sandbox.NumberMobile {
		t.Fatalf("click on row 1 selected %s", h.M.current().recipient.Label())
	}
	h.send(tea.MouseClickMsg{X: 3, Y: 2, Button: tea.MouseLeft})
	if h.M.current().recipient.Email != "bob@example.com" {
		t.Fatal("click on row 2")
	}
	h.send(tea.MouseClickMsg{X: 3, Y: 9, Button: tea.MouseLeft})
	h.send(tea.MouseClickMsg{X: 80, Y: 1, Button: tea.MouseLeft})
	if h.M.current().recipient.Email != "bob@example.com" {
		t.Fatal("a click below the rows or in the detail moved the selection")
	}
}

// TestWheelScrollsDetailOrList: with --mouse, the wheel over the detail
// scrolls it as J/K do (it moved the list's selection wherever the
// pointer was), over the list it moves the selection and the next
// session's detail starts at its top.
func TestWheelScrollsDetailOrList(t *testing.T) {
	h := newHarness(t, 100, 16)
	h.twoSessions()
	for range 30 {
		h.send(tea.MouseWheelMsg{X: 80, Y: 5, Button: tea.MouseWheelDown})
	}
	if h.M.list.Cursor() != 1 || h.M.detail.Offset == 0 {
		t.Fatalf("wheel over the detail: cursor %d, detail offset %d", h.M.list.Cursor(), h.M.detail.Offset)
	}
	h.send(tea.MouseWheelMsg{X: 3, Y: 1, Button: tea.MouseWheelUp})
	if h.M.list.Cursor() != 0 || h.M.detail.Offset != 0 {
		t.Fatalf("wheel over the list: cursor %d, detail offset %d", h.M.list.Cursor(), h.M.detail.Offset)
	}
	h.send(tea.MouseWheelMsg{X: 80, Y: 5, Button: tea.MouseWheelDown})
	h.send(tea.MouseClickMsg{X: 3, Y: 2, Button: tea.MouseLeft})
	if h.M.list.Cursor() != 1 || h.M.detail.Offset != 0 {
		t.Fatalf("click on another session: cursor %d, detail offset %d", h.M.list.Cursor(), h.M.detail.Offset)
	}
}

// TestDeletedServiceSaysSo: once the session's service is gone, a send
// says so and offers another service instead of suggesting a resend that
// fails the same way.
func TestDeletedServiceSaysSo(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	if err := h.client.DeleteService(context.Background(), h.svc.SID); err != nil {
		t.Fatal(err)
	}
	h.key("s")
	h.key("enter")
	s := h.M.current()
	if s.problem == nil || !strings.Contains(s.problem.Title, "the service no longer exists") {
		t.Fatalf("problem %+v", s.problem)
	}
	h.wantScreen("The service was deleted", "Pick another service in Services")
	if strings.Contains(h.screen(), "to send this customer a new code") {
		t.Fatalf("still suggests a resend:\n%s", h.screen())
	}
	// Deleted from this console: sessions on it are told at once.
	h2 := newHarness(t, 100, 30)
	h2.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h2.send(common.ServiceDeletedMsg{SID: h2.svc.SID})
	if p := h2.M.current().problem; p == nil || !strings.Contains(strings.Join(p.Lines, " "), "The service was deleted") {
		t.Fatalf("after ServiceDeletedMsg: %+v", p)
	}
}

// TestOtherViewsReachSessions: the Guard view's RiskCheck default applies
// to the next form, and a number from the attempts log opens the form.
func TestOtherViewsReachSessions(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.send(common.RiskCheckChangedMsg{RiskCheck: "disable"})
	h.send(common.OpenSessionMsg{To: "+14155550102"})
	if h.M.mode != modeForm || h.M.form.form.Get(fieldTo) != "+14155550102" {
		t.Fatalf("mode %d, To %q", h.M.mode, h.M.form.form.Get(fieldTo))
	}
	p, ok := h.M.form.params(h.M.service)
	if !ok || p.RiskCheck != "disable" {
		t.Fatalf("RiskCheck %q (ok %v)", p.RiskCheck, ok)
	}
	h.key("enter")
	if s := h.M.current(); s == nil || s.statusAt(h.c.Now()) != twilioapi.StatusPending {
		t.Fatalf("the Fraud Guard test number with RiskCheck=disable was not sent: %+v", h.M.form.problem)
	}
}

// TestHintsFollowState: help offers only the keys that work now.
func TestHintsFollowState(t *testing.T) {
	h := newHarness(t, 100, 30)
	if hl := helpText(h.M); strings.Contains(hl, "type code") || strings.Contains(hl, "cancel") || !strings.Contains(hl, "new session") {
		t.Fatalf("no session yet:\n%s", hl)
	}
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	if hl := helpText(h.M); !strings.Contains(hl, "enter type code") || !strings.Contains(hl, "x cancel") {
		t.Fatalf("pending:\n%s", hl)
	}
	h.key("x")
	h.ConfirmYes()
	if hl := helpText(h.M); strings.Contains(hl, "type code") || strings.Contains(hl, "x cancel") || !strings.Contains(hl, "s resend") {
		t.Fatalf("canceled:\n%s", hl)
	}
	if full := fullHelpText(h.M); !strings.Contains(full, "! 8:30") {
		t.Fatalf("full help does not explain the ! mark:\n%s", full)
	}
	h.c.ReadOnly = true
	if hl := helpText(h.M); strings.Contains(hl, "new session") || strings.Contains(hl, "resend") {
		t.Fatalf("read-only:\n%s", hl)
	}
}

// TestReadOnlyEmptyListOffersNoSend: in read-only mode the empty session
// list does not offer n (new session), which is refused; the help line
// and the detail pane already say so.
func TestReadOnlyEmptyListOffersNoSend(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.c.ReadOnly = true
	if screen := h.Screen(); strings.Contains(screen, "new session") || !strings.Contains(screen, "sending verifications is refused") {
		t.Fatalf("read-only empty list:\n%s", screen)
	}
}

// fullHelpText is every key of the full help as "key desc" lines.
func fullHelpText(m Model) string {
	var out []string
	for _, col := range m.FullHelp() {
		for _, b := range col {
			out = append(out, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(out, "\n")
}

// TestGoneVerificationLearnsItsOutcome: when Verify removes a pending
// verification (approved elsewhere here), the view asks the Attempts API
// and says what happened instead of only "removed by Verify".
func TestGoneVerificationLearnsItsOutcome(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	s := h.M.current()
	// Approved by another client of the same service.
	if _, err := h.client.CheckVerification(context.Background(), twilioapi.CheckParams{
		ServiceSID: h.svc.SID, VerificationSID: s.ver.SID, Code: h.code()}); err != nil {
		t.Fatal(err)
	}
	h.key("r")
	if s.status != twilioapi.StatusApproved || s.note != noteApprovedElsewhere {
		t.Fatalf("status %s, note %q, history %+v", s.status, s.note, s.history)
	}
	h.wantScreen("APPROVED elsewhere")

	// Canceled elsewhere: the Attempts API cannot tell cancel from a
	// used-up verification, and says so.
	h.newSession("+14155550106", twilioapi.ChannelSMS)
	h.key("esc")
	s2 := h.M.current()
	if _, err := h.client.UpdateVerificationStatus(context.Background(), h.svc.SID, s2.ver.SID, twilioapi.StatusCanceled); err != nil {
		t.Fatal(err)
	}
	h.key("r")
	if !strings.Contains(statusWord(s2, h.c.Now()), "canceled, or out of checks, elsewhere") {
		t.Fatalf("status word %q", statusWord(s2, h.c.Now()))
	}
}

// TestEscCancelsCallsInFlight: esc while a send or a check waits for
// Twilio stops waiting (the call is cancelled), keeps what was typed, and
// says the outcome is unknown; after a check, the status is fetched.
func TestEscCancelsCallsInFlight(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.typeText(sandbox.NumberMobile)
	h.M, _ = h.M.update(keyOf("enter")) // the send is in flight (its Cmd never runs)
	if !h.M.form.sending || h.M.pending.Len() != 1 {
		t.Fatalf("sending %v, pending %d", h.M.form.sending, h.M.pending.Len())
	}
	h.key("esc")
	if h.M.form.sending || h.M.pending.Len() != 0 || h.M.mode != modeForm || h.M.form.form.Get(fieldTo) != sandbox.NumberMobile {
		t.Fatalf("after esc: sending %v, pending %d, mode %d, To %q", h.M.form.sending, h.M.pending.Len(), h.M.mode, h.M.form.form.Get(fieldTo))
	}
	h.wantScreen("Canceled while sending")

	h.key("enter") // sent for real this time
	s := h.M.current()
	h.typeText("123456")
	h.M, _ = h.M.update(keyOf("enter")) // the check is in flight
	h.key("esc")
	if h.M.inFlight(s, callCheck) || !strings.Contains(s.note, "check canceled") {
		t.Fatalf("after esc: in flight %v, note %q", h.M.inFlight(s, callCheck), s.note)
	}
}
