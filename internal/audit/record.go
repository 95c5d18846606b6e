// Package audit keeps the audit trail: one JSON line per action that
// changed something or reached a person, appended to audit.jsonl in the
// state directory (and optionally copied to syslog). twilioapi reports
// each audited call through Config.Audit; Log.For binds those events to
// who acted and where, and the CLI records logins and logouts itself.
//
// A line never holds a code, a secret or a full phone number: twilioapi
// hands out masked destinations and SIDs only, and Record has no field
// that could carry anything else.
package audit

import (
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// Record is one line of the audit trail.
type Record struct {
	Time time.Time `json:"time"`
	// Operator is the local user, or the SSH user.
	Operator string `json:"operator"`
	// KeyFingerprint is the SSH key the operator signed in with.
	KeyFingerprint string `json:"key_fingerprint,omitempty"`
	// Profile is the saved profile acted through ("" for the environment
	// or a sandbox).
	Profile string `json:"profile,omitempty"`
	// Sandbox is the sandbox's base URL, or "in-process" for one started
	// by this process; "" for Twilio.
	Sandbox    string `json:"sandbox,omitempty"`
	AccountSID string `json:"account_sid,omitempty"`
	Action     string `json:"action"`
	ServiceSID string `json:"service_sid,omitempty"`
	// SID is the resource acted on inside the service (VE…, YF…).
	SID string `json:"sid,omitempty"`
	// Destination is masked: at most the last 4 digits of a number.
	Destination string `json:"destination,omitempty"`
	// Outcome is a status ("pending", "approved"), "ok", "error" (with
	// ErrorCode) or the kind of failure ("timeout").
	Outcome   string `json:"outcome"`
	ErrorCode int    `json:"error_code,omitempty"`
}

// Actor says who acts and through what: the fields every record of one
// program or command shares.
type Actor struct {
	Operator       string
	KeyFingerprint string
	Profile        string
	Sandbox        string
}

// InProcessSandbox is Actor.Sandbox for a sandbox this process started.
const InProcessSandbox = "in-process"

// The actions the CLI records itself (the others are twilioapi's).
const (
	ActionLogin  = "login"
	ActionLogout = "logout"
)

// record is the Record of ev acted by a at now.
func (a Actor) record(now time.Time, ev twilioapi.AuditEvent) Record {
	return Record{Time: now.UTC(), Operator: a.Operator, KeyFingerprint: a.KeyFingerprint, Profile: a.Profile,
		Sandbox: a.Sandbox, AccountSID: ev.AccountSID, Action: string(ev.Action), ServiceSID: ev.ServiceSID,
		SID: ev.SID, Destination: ev.Destination, Outcome: ev.Outcome, ErrorCode: ev.ErrorCode}
}

// For returns the twilioapi.Auditor that appends each event as acted by
// a: what a client's Config.Audit is set to.
func (l *Log) For(a Actor) twilioapi.Auditor { return bound{l, a} }

// bound is a Log bound to an Actor.
type bound struct {
	log   *Log
	actor Actor
}

// Audit implements twilioapi.Auditor.
func (b bound) Audit(ev twilioapi.AuditEvent) error {
	return b.log.Append(b.actor.record(b.log.now(), ev))
}

// Event records an action the client does not see (login, logout) as
// acted by a.
func (l *Log) Event(a Actor, action, accountSID, outcome string, errorCode int) error {
	return l.Append(a.record(l.now(), twilioapi.AuditEvent{Action: twilioapi.Action(action), AccountSID: accountSID,
		Outcome: outcome, ErrorCode: errorCode}))
}
