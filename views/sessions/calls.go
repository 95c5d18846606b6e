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
	// For a start from the form: what was sent, to whom, on which
	// service (the form and the current service may change meanwhile).
	params    twilioapi.StartParams
	recipient recipient
	service   twilioapi.Service
}

// start registers a request and runs fn through Common.Call.
func (m *Model) start(c call, fn func(ctx context.Context, cl *twilioapi.Client) (any, error)) tea.Cmd {
	id := m.c.NextRequestID()
	m.pending[id] = c
	cl := m.c.Client
	return m.c.Call(common.ViewSessions, id, func(ctx context.Context) (any, error) {
		if cl == nil {
			return nil, &twilioapi.Error{Kind: twilioapi.KindNetwork, Message: "no Twilio client", Hint: "The console has no credentials or sandbox to talk to."}
		}
		return fn(ctx, cl)
	})
}

// inFlight reports whether a call of kind for s is waiting.
func (m Model) inFlight(s *session, kind callKind) bool {
	for _, c := range m.pending {
		if c.kind == kind && c.session == s.id && c.epoch == s.epoch {
			return true
		}
	}
	return false
}

// startVerification sends p (a new session from the form, or a resend).
func (m *Model) startVerification(c call, p twilioapi.StartParams) tea.Cmd {
	return m.start(c, func(ctx context.Context, cl *twilioapi.Client) (any, error) {
		return cl.StartVerification(ctx, p)
	})
}

// fetch asks for the verification's status.
func (m *Model) fetch(s *session, background bool) tea.Cmd {
	s.fetches = append(s.fetches, m.c.Now())
	svc, sid := s.service.SID, s.ver.SID
	return m.start(call{kind: callFetch, session: s.id, epoch: s.epoch, background: background},
		func(ctx context.Context, cl *twilioapi.Client) (any, error) {
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
	return m.start(call{kind: callCheck, session: s.id, epoch: s.epoch},
		func(ctx context.Context, cl *twilioapi.Client) (any, error) {
			return cl.CheckVerification(ctx, p)
		})
}

// setStatus cancels or approves the verification.
func (m *Model) setStatus(s *session, st twilioapi.Status) tea.Cmd {
	kind := callCancel
	if st == twilioapi.StatusApproved {
		kind = callApprove
	}
	svc, sid := s.service.SID, s.ver.SID
	return m.start(call{kind: kind, session: s.id, epoch: s.epoch},
		func(ctx context.Context, cl *twilioapi.Client) (any, error) {
			return cl.UpdateVerificationStatus(ctx, svc, sid, st)
		})
}

// lookupSession runs Lookup on the session's number.
func (m *Model) lookupSession(s *session) tea.Cmd {
	to := s.recipient.E164
	return m.start(call{kind: callLookup, session: s.id, epoch: s.epoch},
		func(ctx context.Context, cl *twilioapi.Client) (any, error) {
			return cl.LookupPhone(ctx, to)
		})
}

// lookupForm runs Lookup on the number typed in the form.
func (m *Model) lookupForm(to string) tea.Cmd {
	return m.start(call{kind: callFormLookup, to: to},
		func(ctx context.Context, cl *twilioapi.Client) (any, error) {
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
	return m.start(call{kind: callOutbox, session: s.id, epoch: s.epoch, background: true},
		func(ctx context.Context, cl *twilioapi.Client) (any, error) {
			return cl.Outbox(ctx, to)
		})
}
