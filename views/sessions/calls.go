package sessions

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// callKind says what a request was for.
type callKind int

// The calls the view makes.
const (
	callStart callKind = iota
	callResend
	callCheck
	callFetch
	callCancel
	callApprove
	callLookup
	callFormLookup
	callOutbox
	callOutcome
	// callFind looks for the verification of a start from the form whose
	// answer never came (see findResult).
	callFind
)

// call is what the view remembers about a request in flight.
type call struct {
	kind callKind
	// session and epoch name the session it was for (0 for the form).
	session sessionID
	epoch   int
	// background calls (timer polls, outbox reads) do not make the view
	// Busy.
	background bool
	// to is what a form lookup was for, so a late answer for an edited
	// number is not shown.
	to string
	// channel is the channel a resend asked for.
	channel twilioapi.Channel
	// thenResend opens the resend picker after a successful cancel.
	thenResend bool
	// code is what a check sent, given back to the code field when the
	// check got no answer (held only while the call is in flight).
	code string
	// For a start from the form: what was sent, to whom, on which
	// service (the form and the current service may change meanwhile).
	params    twilioapi.StartParams
	recipient recipient
	service   twilioapi.Service
}

// start registers a request for c and runs fn on the client; its typed
// result comes back to Update addressed to this view.
func start[T any](m *Model, c call, fn func(ctx context.Context, cl *twilioapi.Client) (T, error)) tea.Cmd {
	return common.ClientCall(m.c, ID, m.pending.Start(m.c, c), fn)
}

// inFlight reports whether a call of kind for s is waiting.
func (m Model) inFlight(s *session, kind callKind) bool {
	return m.pending.Any(func(c call) bool { return c.kind == kind && c.session == s.id && c.epoch == s.epoch })
}

// startVerification sends p (a new session from the form, or a resend).
func (m *Model) startVerification(c call, p twilioapi.StartParams) tea.Cmd {
	return start(m, c, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.Verification, error) {
		return cl.StartVerification(ctx, p)
	})
}

// findStarted asks Twilio for the pending verification of a start from
// the form whose answer never came: the customer may have been sent a code
// already, and sending again would send a second one.
func (m *Model) findStarted(c call) tea.Cmd {
	c.kind = callFind
	svc, to := c.service.SID, c.recipient.To()
	return start(m, c, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.Verification, error) {
		return cl.FetchVerification(ctx, svc, to)
	})
}

// fetch asks for the verification's status.
func (m *Model) fetch(s *session, background bool) tea.Cmd {
	s.fetches = append(s.fetches, m.c.Now())
	svc, sid := s.service.SID, s.ver.SID
	return start(m, call{kind: callFetch, session: s.id, epoch: s.epoch, background: background}, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.Verification, error) {
		return cl.FetchVerification(ctx, svc, sid)
	})
}

// check sends a code (empty for SNA).
func (m *Model) check(s *session, code string) tea.Cmd {
	p := twilioapi.CheckParams{
		ServiceSID:      s.service.SID,
		VerificationSID: s.ver.SID,
		Code:            code,
		Amount:          s.params.Amount,
		Payee:           s.params.Payee,
	}
	return start(m, call{kind: callCheck, session: s.id, epoch: s.epoch, code: code}, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.CheckResult, error) {
		return cl.CheckVerification(ctx, p)
	})
}

// setStatus cancels or approves the verification.
func (m *Model) setStatus(s *session, st twilioapi.Status) tea.Cmd {
	return m.setStatusThen(s, st, false)
}

// setStatusThen is setStatus; thenResend opens the resend picker once a
// cancel succeeded (a new code after every check was used).
func (m *Model) setStatusThen(s *session, st twilioapi.Status, thenResend bool) tea.Cmd {
	kind := callCancel
	if st == twilioapi.StatusApproved {
		kind = callApprove
	}
	svc, sid := s.service.SID, s.ver.SID
	return start(m, call{kind: kind, session: s.id, epoch: s.epoch, thenResend: thenResend}, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.Verification, error) {
		return cl.UpdateVerificationStatus(ctx, svc, sid, st)
	})
}

// lookupSession runs Lookup on the session's number.
func (m *Model) lookupSession(s *session) tea.Cmd {
	to := s.recipient.E164
	return start(m, call{kind: callLookup, session: s.id, epoch: s.epoch}, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.PhoneInfo, error) {
		return cl.LookupPhone(ctx, to)
	})
}

// lookupForm runs Lookup on the number typed in the form.
func (m *Model) lookupForm(to string) tea.Cmd {
	return start(m, call{kind: callFormLookup, to: to}, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.PhoneInfo, error) {
		return cl.LookupPhone(ctx, to)
	})
}

// readOutbox reads what the sandbox delivered to the session's To. Only
// on the sandbox, and never from View.
func (m *Model) readOutbox(s *session) tea.Cmd {
	if !m.c.Sandbox {
		return nil
	}
	to := s.recipient.To()
	return start(m, call{kind: callOutbox, session: s.id, epoch: s.epoch, background: true}, func(ctx context.Context, cl *twilioapi.Client) ([]twilioapi.OutboxMessage, error) {
		return cl.Outbox(ctx, to)
	})
}
