package twilioapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Action names what an audited call did, e.g. "verification.start".
type Action string

// The audited actions: every call that changes something on Twilio or
// reaches a person, and every check (it spends one of the verification's
// attempts and can approve it).
const (
	ActionServiceCreate      Action = "service.create"
	ActionServiceUpdate      Action = "service.update"
	ActionServiceDelete      Action = "service.delete"
	ActionVerificationStart  Action = "verification.start"
	ActionVerificationResend Action = "verification.resend"
	ActionVerificationCancel Action = "verification.cancel"
	ActionVerificationAppr   Action = "verification.approve"
	ActionVerificationCheck  Action = "verification.check"
	ActionEntityCreate       Action = "entity.create"
	ActionEntityDelete       Action = "entity.delete"
	ActionFactorCreate       Action = "factor.create"
	ActionFactorVerify       Action = "factor.verify"
	ActionFactorUpdate       Action = "factor.update"
	ActionFactorDelete       Action = "factor.delete"
	ActionChallengeCreate    Action = "challenge.create"
	ActionChallengeAnswer    Action = "challenge.answer"
	ActionRateLimitCreate    Action = "rate_limit.create"
	ActionRateLimitUpdate    Action = "rate_limit.update"
	ActionRateLimitDelete    Action = "rate_limit.delete"
	ActionBucketCreate       Action = "bucket.create"
	ActionBucketUpdate       Action = "bucket.update"
	ActionBucketDelete       Action = "bucket.delete"
	ActionSafeListAdd        Action = "safe_list.add"
	ActionSafeListRemove     Action = "safe_list.remove"
	ActionSandboxGuard       Action = "sandbox_guard.update"
	ActionWebhookCreate      Action = "webhook.create"
	ActionWebhookUpdate      Action = "webhook.update"
	ActionWebhookDelete      Action = "webhook.delete"
	ActionMsgConfigCreate    Action = "messaging_configuration.create"
	ActionMsgConfigUpdate    Action = "messaging_configuration.update"
	ActionMsgConfigDelete    Action = "messaging_configuration.delete"
)

// AuditEvent is what the client knows of one audited call once it has
// ended. It never holds a code, a secret or a full phone number: Target is
// a SID or a destination masked by MaskDestination.
type AuditEvent struct {
	Action     Action
	AccountSID string
	// ServiceSID is the service acted on ("" for a service create that
	// failed).
	ServiceSID string
	// SID is the resource acted on inside the service (a VE or factor
	// SID), when it is known.
	SID string
	// Destination is the number or address reached, masked by
	// MaskDestination, when it is known.
	Destination string
	// Outcome is the resource's status after the call ("pending",
	// "approved", "canceled"), "ok" for a success without one, "error"
	// for a Twilio error (ErrorCode says which), or the failure's kind
	// ("timeout", "connection refused"): then it is unknown whether the
	// call took effect.
	Outcome   string
	ErrorCode int
}

// Auditor receives one event per audited call, after the call. An error
// is returned to the caller in place of the call's result (see KindAudit),
// so an action whose record could not be kept never passes unnoticed.
// (An interface rather than a func so that Config stays comparable.)
type Auditor interface {
	Audit(AuditEvent) error
}

// audited describes an audited call before it runs: what it does and to
// what. Outcome and, for creates, the target come from the answer.
type audited struct {
	action  Action
	service string
	// ref is a VE SID or a destination, as the caller gave it.
	ref string
	// sid is the resource acted on (a factor, challenge, rate limit or
	// bucket SID) when the caller knows it; the answer's SID replaces it.
	sid string
}

// mutate is run for an operation that changes something on Twilio or
// reaches a person (create, update, delete, send, approve). A read-only
// client refuses it with ErrReadOnly before any request; otherwise it is
// run and audited.
func mutate[T any](ctx context.Context, c *Client, a audited, op func(cl *call) (T, error)) (T, error) {
	if c.cfg.ReadOnly {
		var zero T
		return zero, ErrReadOnly()
	}
	return runAudited(ctx, c, a, op)
}

// runAudited runs op and hands its event to the configured Auditor, the
// one place every audited call passes. A failed record replaces the
// result with a KindAudit error that says what happened to the call.
func runAudited[T any](ctx context.Context, c *Client, a audited, op func(cl *call) (T, error)) (T, error) {
	v, err := run(ctx, c, op)
	if c.cfg.Audit == nil {
		return v, err
	}
	ev := AuditEvent{Action: a.action, AccountSID: c.cfg.AccountSID, ServiceSID: a.service, SID: a.sid}
	if strings.HasPrefix(a.ref, "VE") {
		ev.SID = a.ref
	} else if a.ref != "" {
		ev.Destination = MaskDestination(a.ref)
	}
	if err != nil {
		ev.Outcome, ev.ErrorCode = AuditOutcome(err)
	} else {
		describeResult(&ev, v)
	}
	if aerr := c.cfg.Audit.Audit(ev); aerr != nil {
		var zero T
		return zero, auditFailure(ev, aerr)
	}
	return v, err
}

// describeResult fills the outcome (and what only the answer knows: a new
// service's SID, a verification's SID, whether a start was a resend).
func describeResult(ev *AuditEvent, v any) {
	ev.Outcome = "ok"
	switch r := v.(type) {
	case auditDescriber:
		r.describe(ev)
	case Service:
		ev.ServiceSID = r.SID
	case Verification:
		ev.Outcome = string(r.Status)
		ev.SID, ev.Destination = r.SID, MaskDestination(r.To)
		// Verify answers a start on a pending verification by sending the
		// code again: the answer's attempt count tells the two apart.
		if ev.Action == ActionVerificationStart && len(r.SendCodeAttempts) > 1 {
			ev.Action = ActionVerificationResend
		}
	case CheckResult:
		ev.Outcome = string(r.Status)
		ev.SID, ev.Destination = r.SID, MaskDestination(r.To)
	case Factor:
		ev.Outcome, ev.SID = string(r.Status), r.SID
	case Challenge:
		ev.Outcome, ev.SID = string(r.Status), r.SID
	case Entity:
		ev.SID = r.SID
	case RateLimit:
		ev.SID = r.SID
	case Bucket:
		ev.SID = r.SID
	case SafeListEntry:
		ev.SID = r.SID
	}
}

// auditDescriber is a result type of this package's own that says what
// the audit should know of it.
type auditDescriber interface{ describe(*AuditEvent) }

// AuditOutcome is the outcome and Twilio error code an audit record gives
// a failed call: "error" with Twilio's code, or the kind of failure. (For
// actions recorded outside the client, such as a login's check.)
func AuditOutcome(err error) (string, int) {
	var e *Error
	if !errors.As(err, &e) {
		return "error", 0
	}
	if e.Kind == KindAPI {
		if e.Code == 0 {
			return fmt.Sprintf("http %d", e.Status), 0
		}
		return "error", e.Code
	}
	return e.Kind.String(), 0
}

// auditFailure is the error of a call whose record could not be written.
func auditFailure(ev AuditEvent, err error) *Error {
	what := "succeeded (" + ev.Outcome + ")"
	switch {
	case ev.ErrorCode != 0:
		what = fmt.Sprintf("failed with Twilio error %d", ev.ErrorCode)
	case ev.Outcome != "ok" && !isStatus(ev.Outcome):
		what = "ended with " + ev.Outcome
	}
	return &Error{Kind: KindAudit, Err: err,
		Message: fmt.Sprintf("%s %s, but the audit trail could not be written: %v", ev.Action, what, err),
		Hint: "Fix the audit file (its directory must be writable; TWILIO_VERIFY_STATE_DIR moves it) " +
			"before doing anything else: actions are not being recorded."}
}

// isStatus reports whether s is a verification status (a successful
// outcome other than "ok").
func isStatus(s string) bool {
	switch s {
	case string(StatusPending), string(StatusApproved), string(StatusCanceled), string(StatusExpired),
		string(StatusMaxAttemptsReached), string(StatusDeleted), string(StatusFailed),
		string(FactorUnverified), string(FactorVerified), string(ChallengeDenied):
		return true
	}
	return false
}
