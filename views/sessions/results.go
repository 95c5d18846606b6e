package sessions

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// take returns what request id was for and, for a session's call, the
// session; ok is false for a result the view no longer waits for (late,
// its session closed or started over), which is dropped.
func (m Model) take(id common.RequestID) (c call, s *session, ok bool) {
	c, ok = m.pending.Take(id)
	if !ok || c.kind == callStart || c.kind == callFind || c.kind == callFormLookup {
		return c, nil, ok
	}
	s = m.byID[c.session]
	if s == nil || s.epoch != c.epoch {
		return c, nil, false
	}
	return c, s, true
}

// onVerification takes a start, resend, status fetch, cancel or approval.
func (m Model) onVerification(r common.Result[twilioapi.Verification]) (Model, tea.Cmd) {
	c, s, ok := m.take(r.ID)
	if !ok {
		return m, nil
	}
	now := m.c.Now()
	switch c.kind {
	case callStart:
		return m.startResult(c, r)
	case callFind:
		return m.findResult(c, r)
	case callResend:
		return m.resendResult(s, c, r, now)
	case callFetch:
		return m.fetchResult(s, r, now)
	case callCancel, callApprove:
		return m.statusResult(s, c, r, now)
	}
	return m, nil
}

// onCheck takes a code check.
func (m Model) onCheck(r common.Result[twilioapi.CheckResult]) (Model, tea.Cmd) {
	c, s, ok := m.take(r.ID)
	if !ok {
		return m, nil
	}
	if r.Err != nil && (twilioapi.IsTransient(r.Err) || twilioapi.IsRateLimited(r.Err)) && s.codeDraft == "" {
		// Nothing looked at the code: it can be sent again as it was.
		s.codeDraft = c.code
	}
	return m.checkResult(s, r, m.c.Now())
}

// onLookup takes a lookup of a session's number or of the form's.
func (m Model) onLookup(r common.Result[twilioapi.PhoneInfo]) (Model, tea.Cmd) {
	c, s, ok := m.take(r.ID)
	switch {
	case !ok:
		return m, nil
	case c.kind == callFormLookup:
		return m.formLookupResult(c, r)
	}
	m.lookupResult(s, r, m.c.Now())
	return m, nil
}

// onOutbox keeps what the sandbox delivered for a session.
func (m Model) onOutbox(r common.Result[[]twilioapi.OutboxMessage]) (Model, tea.Cmd) {
	if _, s, ok := m.take(r.ID); ok && r.Err == nil {
		s.outbox = outboxFor(r.Value, s.ver.SID)
	}
	return m, nil
}

// lookupResult keeps a session's lookup, or explains why it failed.
func (m *Model) lookupResult(s *session, msg common.Result[twilioapi.PhoneInfo], now time.Time) {
	if msg.Err != nil {
		s.problem = explain(m.c.Keys, "Lookup", msg.Err, now, s)
		m.record(s, "lookup", "failed: "+s.problem.Reason)
		return
	}
	info := msg.Value
	s.lookup = &info
	m.record(s, "lookup", lookupSummary(info))
}

// outboxFor keeps the messages of one verification (all of them when the
// sandbox does not say which verification a message belongs to).
func outboxFor(msgs []twilioapi.OutboxMessage, sid string) []twilioapi.OutboxMessage {
	var out []twilioapi.OutboxMessage
	for _, o := range msgs {
		if sid == "" || o.VerificationSID == "" || o.VerificationSID == sid {
			out = append(out, o)
		}
	}
	return out
}

// startResult takes the answer to the form's send: a new session (or a
// resend of an open one to the same customer), or the error explained in
// the form, every field kept as typed.
func (m Model) startResult(c call, msg common.Result[twilioapi.Verification]) (Model, tea.Cmd) {
	m.form.sending = false
	now := m.c.Now()
	p := c.params
	action := "send " + string(p.Channel)
	if msg.Err != nil {
		m.form.problem = explain(m.c.Keys, "Send", msg.Err, now, nil)
		m.form.form.PlaceError(msg.Err, errorPlaces())
		m.log(historyEntry{When: now, Who: m.c.Who(), Action: action, To: p.To, Outcome: "failed: " + m.form.problem.Reason})
		var find tea.Cmd
		if e := twilioapi.AsError(msg.Err); e != nil && e.OutcomeUnknown {
			// Whether the code went out is Twilio's to say: ask it
			// rather than leave the agent a second send to guess with.
			// Keys typed meanwhile wait for its answer (they may be the
			// code, for the session it finds).
			m.form.sending = true
			m.form.problem.Lines = []string{"Asking Twilio whether " + c.recipient.Label() + " has a pending verification…"}
			find = m.findStarted(c)
		} else {
			m.applyTypeAhead()
		}
		if m.mode != modeForm {
			// The user left the form meanwhile: say so; n shows the details.
			return m, tea.Batch(find, common.Flash(common.FlashError, m.form.problem.Title+" ("+common.KeyName(m.c.Keys.New)+" shows the form)"))
		}
		return m, find
	}
	return m.started(c, msg.Value, false, now)
}

// foundAfterLostAnswer is the note of a session findResult found.
const foundAfterLostAnswer = "The send got no answer, but Twilio has this pending verification: " +
	"a code went out, and no second one was sent."

// findResult takes the answer to findStarted: a pending verification is
// the start that went through (or one already open), adopted as the
// session with no second code sent; none means no code went out, and the
// form says enter sends it.
func (m Model) findResult(c call, msg common.Result[twilioapi.Verification]) (Model, tea.Cmd) {
	m.form.sending = false
	now := m.c.Now()
	if msg.Err == nil && msg.Value.Status == twilioapi.StatusPending {
		return m.started(c, msg.Value, true, now)
	}
	var line string
	switch {
	case twilioapi.IsNotFound(msg.Err):
		line = "Twilio has no pending verification for " + c.recipient.Label() + ": no code was sent. " +
			common.KeyName(m.c.Keys.Send) + " sends it."
	case msg.Err == nil:
		line = "Twilio's verification for " + c.recipient.Label() + " is " + string(msg.Value.Status) + ": " +
			common.KeyName(m.c.Keys.Send) + " sends a new code."
	default:
		line = "Whether a code was sent is still unknown (" + msg.Err.Error() + "). Sending again to " +
			c.recipient.Label() + " resends on the same verification if it was."
	}
	m.applyTypeAhead()
	if m.form.problem != nil {
		m.form.problem.Lines = []string{line}
	}
	return m, nil
}

// started shows a verification the form started as its session; found
// says it was found by findResult after the send's answer was lost.
func (m Model) started(c call, v twilioapi.Verification, found bool, now time.Time) (Model, tea.Cmd) {
	p := c.params
	action := "send " + string(p.Channel)
	s := m.adopt(c, v, now)
	fromForm := m.mode == modeForm
	if fromForm {
		// The user is waiting on this send: show it. (Someone typing a
		// code in another session keeps their place.)
		m.show(s)
	}
	outcome := string(s.status) + " (" + twilioapi.MaskSID(v.SID) + ")"
	if found {
		outcome += ", found"
		s.note = foundAfterLostAnswer
	}
	m.record(s, action, outcome)
	m.form = newSessionForm(m.service, m.riskCheck, m.c.DefaultRegion, m.c.Sandbox)
	cmds := []tea.Cmd{m.schedulePoll(s, true), m.readOutbox(s), m.ensureClock(),
		common.Flash(common.FlashInfo, "sent "+string(s.channel())+" to "+s.recipient.Label())}
	if fromForm {
		m.mode = modeList
		if !s.isSNA() && s.live(now) {
			cmds = append(cmds, m.focusCode(s))
			for _, k := range m.takeTypeAhead() {
				cmds = append(cmds, m.editCode(s, k))
			}
		}
	}
	return m, tea.Batch(cmds...)
}

// adopt puts a verification the form started in its session: the one
// sessionFor finds, else a new one at the end of the list.
func (m *Model) adopt(c call, v twilioapi.Verification, now time.Time) *session {
	s := m.sessionFor(v.SID, c.service.SID, c.recipient.To())
	if s == nil {
		m.nextID++
		s = &session{id: m.nextID, status: twilioapi.StatusPending, recipient: c.recipient}
		m.list.Append(s)
		m.byID[s.id] = s
	}
	s.recipient = c.recipient
	s.service = c.service
	s.params = c.params
	s.params.CustomCode = "" // codes are never kept
	s.problem = nil
	s.applyVerification(v, now)
	if f := m.form; f.lookup != nil && f.lookupTo == c.recipient.E164 && c.recipient.E164 != "" {
		s.lookup = f.lookup // looked up in the form: keep it with the session
	}
	return s
}

// sessionFor finds the session a started verification belongs to: the one
// with its SID (a start to a number with a pending verification is a
// resend of it), else a closed session of the same customer on the same
// service, which starts over (one row per customer, history kept).
func (m *Model) sessionFor(sid, serviceSID, to string) *session {
	now := m.c.Now()
	var closed *session
	for _, x := range m.list.Items() {
		switch {
		case x.ver.SID != "" && x.ver.SID == sid:
			return x
		case closed == nil && !x.live(now) && x.service.SID == serviceSID && x.recipient.To() == to:
			closed = x
		}
	}
	if closed != nil {
		closed.startOver()
	}
	return closed
}

// formLookupResult shows a lookup in the form, unless the number changed
// since.
func (m Model) formLookupResult(c call, msg common.Result[twilioapi.PhoneInfo]) (Model, tea.Cmd) {
	if c.to != m.form.recipient.E164 {
		return m, nil
	}
	m.form.lookupTo = c.to
	if msg.Err != nil {
		m.form.lookup = nil
		m.form.lookupErr = explain(m.c.Keys, "Lookup", msg.Err, m.c.Now(), nil)
		return m, nil
	}
	info := msg.Value
	m.form.lookup, m.form.lookupErr = &info, nil
	return m, nil
}

// resendResult takes the answer to a resend.
func (m Model) resendResult(s *session, c call, msg common.Result[twilioapi.Verification], now time.Time) (Model, tea.Cmd) {
	action := "resend " + string(c.channel)
	if msg.Err != nil {
		s.problem = explain(m.c.Keys, "Resend", msg.Err, now, s)
		m.noteRetryAfter(s, msg.Err, now)
		m.record(s, action, "failed: "+s.problem.Reason)
		return m, nil
	}
	v := msg.Value
	s.applyVerification(v, now) // a new verification starts over, typed code and all
	s.problem = nil
	s.params.Channel = c.channel
	m.record(s, action, fmt.Sprintf("%s, %d of %d sends used", s.status, s.sendsUsed(), twilioapi.MaxSends))
	cmds := []tea.Cmd{m.schedulePoll(s, true), m.readOutbox(s), m.ensureClock(),
		common.Flash(common.FlashInfo, "resent by "+string(c.channel)+" to "+s.recipient.Label())}
	if m.mode == modeList && m.current() == s && m.canTypeCode(s) {
		// As after the first send: the customer is about to read the
		// new code out.
		cmds = append(cmds, m.focusCode(s))
	}
	return m, tea.Batch(cmds...)
}

// checkResult takes the answer to a check.
func (m Model) checkResult(s *session, msg common.Result[twilioapi.CheckResult], now time.Time) (Model, tea.Cmd) {
	if msg.Err != nil {
		cmd := m.checkFailed(s, msg.Err, now)
		return m, cmd
	}
	s.problem = nil
	r := msg.Value
	var cmds []tea.Cmd
	switch r.Status {
	case twilioapi.StatusApproved:
		s.checksUsed++ // Verify counts the right code as a check too
		s.status = twilioapi.StatusApproved
		s.note = "APPROVED"
		cmds = append(cmds, common.Flash(common.FlashInfo, s.recipient.Label()+" approved"))
	case twilioapi.StatusPending:
		s.checksUsed++
		s.note = "not approved, " + checksLeftText(s.checksLeft())
	case twilioapi.StatusMaxAttemptsReached:
		s.outOfChecks()
	default:
		if r.Status != "" {
			s.status = r.Status
		}
		s.note = "not approved: " + statusWord(s, now)
	}
	if len(r.SNAAttemptErrorCodes) > 0 {
		var codes []string
		for _, e := range r.SNAAttemptErrorCodes {
			codes = append(codes, snaErrorText(e.Code))
		}
		s.note += " (SNA " + strings.Join(codes, "; ") + ")"
	}
	m.leaveCodeIfClosed(s, now)
	m.record(s, "check", s.note)
	if s.live(now) && s.checksLeft() == 0 {
		s.note += noChecksAdvice(m.c.Keys)
	}
	return m, tea.Batch(cmds...)
}

// checkFailed takes a refused or unanswered check: the code typed is
// cleared once Verify looked at it, and the error is explained.
func (m *Model) checkFailed(s *session, err error, now time.Time) tea.Cmd {
	s.problem = explain(m.c.Keys, "Check", err, now, s)
	s.note = ""
	m.noteRetryAfter(s, err, now)
	var cmd tea.Cmd
	switch {
	case twilioapi.IsNotFound(err):
		cmd = m.markGone(s, now)
	case twilioapi.ErrorCode(err) == twilioapi.CodeMaxChecks:
		s.outOfChecks()
	}
	m.leaveCodeIfClosed(s, now)
	m.record(s, "check", "failed: "+s.problem.Reason)
	return cmd
}

// leaveCodeIfClosed gives the keyboard back to the list once the session
// cannot be checked any more (closed, or every check used).
func (m *Model) leaveCodeIfClosed(s *session, now time.Time) {
	if (!s.live(now) || s.checksLeft() == 0) && m.mode == modeCode && m.current() == s {
		m.code.Blur()
		m.mode = modeList
	}
}

// fetchResult takes a status poll's answer.
func (m Model) fetchResult(s *session, msg common.Result[twilioapi.Verification], now time.Time) (Model, tea.Cmd) {
	if msg.Err != nil {
		m.noteRetryAfter(s, msg.Err, now)
		var cmd tea.Cmd
		if twilioapi.IsNotFound(msg.Err) {
			cmd = m.markGone(s, now)
			m.leaveCodeIfClosed(s, now)
		}
		s.problem = explain(m.c.Keys, "Status refresh", msg.Err, now, s)
		return m, cmd
	}
	v := msg.Value
	before := s.statusAt(now)
	s.applyVerification(v, now)
	if after := s.statusAt(now); after != before {
		m.record(s, "status", string(after))
	}
	if p := s.problem; p != nil && (p.Status == 429 || twilioapi.IsTransient(p.Err)) {
		s.problem = nil // the service answers again
	}
	m.leaveCodeIfClosed(s, now)
	return m, nil
}

// statusResult takes the answer to a cancel or a manual approval.
func (m Model) statusResult(s *session, c call, msg common.Result[twilioapi.Verification], now time.Time) (Model, tea.Cmd) {
	action := "cancel"
	if c.kind == callApprove {
		action = "approve manually"
	}
	if msg.Err != nil {
		s.problem = explain(m.c.Keys, strings.ToUpper(action[:1])+action[1:], msg.Err, now, s)
		var cmd tea.Cmd
		if twilioapi.IsNotFound(msg.Err) {
			cmd = m.markGone(s, now)
		}
		m.record(s, action, "failed: "+s.problem.Reason)
		return m, cmd
	}
	v := msg.Value
	s.applyVerification(v, now)
	s.problem = nil
	if s.status == twilioapi.StatusApproved {
		s.note = noteApprovedManually
	} else {
		s.note = ""
	}
	m.leaveCodeIfClosed(s, now)
	m.record(s, action, string(s.status))
	if c.thenResend && m.current() == s && m.mode == modeList {
		m.resend = newResendPicker(s)
		m.mode = modeResend
	}
	return m, common.Flash(common.FlashInfo, s.recipient.Label()+": "+statusWord(s, now))
}

// noteRetryAfter pauses polling for a 429's Retry-After.
func (m *Model) noteRetryAfter(s *session, err error, now time.Time) {
	if d, ok := twilioapi.RetryAfter(err); ok {
		if d <= 0 {
			d = twilioapi.DefaultRetryAfter
		}
		s.retryAfter = now.Add(d)
	}
}

// markGone records that Verify removed the verification (404), inferring
// why when the view knows.
// When the view cannot tell (approved or canceled elsewhere, say), it
// asks the Attempts API.
func (m *Model) markGone(s *session, now time.Time) tea.Cmd {
	if s.gone {
		return nil
	}
	s.gone = true
	if s.status == twilioapi.StatusPending {
		switch {
		case s.pastLifetime(now):
			s.status = twilioapi.StatusExpired
		case s.checksUsed >= twilioapi.MaxChecks:
			s.status = twilioapi.StatusMaxAttemptsReached
		}
	}
	m.record(s, "status", "removed by Verify (404)")
	if s.status != twilioapi.StatusPending || s.ver.SID == "" {
		return nil
	}
	svc, sid := s.service.SID, s.ver.SID
	return start(m, call{kind: callOutcome, session: s.id, epoch: s.epoch, background: true},
		func(ctx context.Context, cl *twilioapi.Client) (twilioapi.Status, error) {
			return cl.VerificationOutcome(ctx, svc, sid)
		})
}

// onOutcome takes what the Attempts API says became of a verification
// Verify no longer has.
func (m Model) onOutcome(r common.Result[twilioapi.Status]) (Model, tea.Cmd) {
	_, s, ok := m.take(r.ID)
	if !ok || !s.gone || s.status != twilioapi.StatusPending {
		return m, nil
	}
	switch {
	case r.Err != nil:
		s.outcome = "the Attempts API could not say why (" + r.Err.Error() + ")"
	case r.Value == twilioapi.StatusApproved:
		s.status = twilioapi.StatusApproved
		s.note = noteApprovedElsewhere
	case r.Value == twilioapi.StatusExpired:
		s.status = twilioapi.StatusExpired
	default:
		s.outcome = "canceled, or out of checks, elsewhere (its code was not used)"
	}
	m.leaveCodeIfClosed(s, m.c.Now())
	m.record(s, "status", "Attempts API: "+statusWord(s, m.c.Now()))
	return m, nil
}

// applyTypeAhead gives the form the keys typed while its send was in
// flight, where they were typed.
func (m *Model) applyTypeAhead() {
	for _, k := range m.takeTypeAhead() {
		m.form.form, _, _ = m.form.form.Update(k, m.c.Keys)
	}
	m.form.refresh(m.c.DefaultRegion)
}

// takeTypeAhead returns and forgets what was typed during a send.
func (m *Model) takeTypeAhead() []tea.KeyPressMsg {
	keys := m.typeAhead
	m.typeAhead = nil
	return keys
}
