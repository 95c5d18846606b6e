package twilioapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrorKind classifies a failure so callers can react without parsing text.
type ErrorKind int

// The kinds of failure a call can have.
const (
	// KindAPI is an answer from Twilio with a status and code.
	KindAPI ErrorKind = iota
	// KindInvalidInput is a validation failure found before any call.
	KindInvalidInput
	// KindTimeout is a call that ran out of time.
	KindTimeout
	// KindRefused is a connection refused (nothing listens).
	KindRefused
	// KindReset is a connection dropped mid-call.
	KindReset
	// KindNetwork is any other transport failure (DNS, TLS, ...).
	KindNetwork
	// KindDecode is an answer that could not be decoded.
	KindDecode
	// KindReadOnly is a mutating call refused by a read-only client.
	KindReadOnly
	// KindAudit is a call that ran but whose audit record could not be
	// written (Config.Audit failed); the message says how the call ended.
	KindAudit
)

// String names the kind in plain words, for dialogs and logs.
func (k ErrorKind) String() string {
	switch k {
	case KindAPI:
		return "api error"
	case KindInvalidInput:
		return "invalid input"
	case KindTimeout:
		return "timeout"
	case KindRefused:
		return "connection refused"
	case KindReset:
		return "connection reset"
	case KindNetwork:
		return "network error"
	case KindDecode:
		return "unreadable answer"
	case KindReadOnly:
		return "read-only"
	case KindAudit:
		return "audit failure"
	default:
		return fmt.Sprintf("ErrorKind(%d)", int(k))
	}
}

// Error is every failure the client returns.
type Error struct {
	Kind ErrorKind
	// Status is the HTTP status (0 when there was no answer).
	Status int
	// Code is Twilio's error code (0 when there is none).
	Code     int
	Message  string
	MoreInfo string
	// Hint says in plain language why it happened and what to do.
	Hint string
	// Field names the offending input for KindInvalidInput.
	Field string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
	// Attempts is how many times the request was sent (a read is
	// retried within Config.Retry; 0 when it was never sent).
	Attempts int
	// OutcomeUnknown marks a write (a send, a check, a change) that was
	// sent once, not repeated, and not answered clearly: it may or may
	// not have taken effect.
	OutcomeUnknown bool
	// Err is the underlying error, if any.
	Err error
}

// Error implements error. It always carries the Twilio code (when there is
// one) next to the message, so a one-line flash is still actionable.
func (e *Error) Error() string {
	switch {
	case e.Code != 0:
		return fmt.Sprintf("Twilio error %d: %s", e.Code, e.Message)
	case e.Kind == KindAPI && e.Status != 0:
		return fmt.Sprintf("HTTP %d: %s", e.Status, e.Message)
	default:
		return e.Message
	}
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// IsAuthFailure reports whether Twilio refused the credentials themselves
// (error 20003, Authenticate), as opposed to refusing the request or not
// answering: the one failure that means the SID, token or key is wrong.
func (e *Error) IsAuthFailure() bool { return e.Code == 20003 }

// Detail is the multi-line text of the error dialog: status, code, message,
// hint and more_info, each on its own line, empty ones left out.
func (e *Error) Detail() string {
	var b strings.Builder
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-11s%s\n", label+":", value)
		}
	}
	line("Kind", e.Kind.String())
	if e.Status != 0 {
		line("Status", strings.TrimSpace(fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))))
	}
	if e.Code != 0 {
		line("Code", fmt.Sprint(e.Code))
	}
	line("Field", e.Field)
	line("Message", e.Message)
	if e.RetryAfter > 0 {
		line("Retry in", e.RetryAfter.String())
	}
	if e.Attempts > 1 {
		line("Attempts", fmt.Sprint(e.Attempts))
	}
	if e.OutcomeUnknown {
		line("Outcome", "unknown (sent once, not repeated)")
	}
	line("Hint", e.Hint)
	line("More info", e.MoreInfo)
	return strings.TrimRight(b.String(), "\n")
}

// invalid builds a KindInvalidInput error for field.
func invalid(field, format string, args ...any) *Error {
	return &Error{Kind: KindInvalidInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ReadOnlyMessage is the one wording of a refusal in read-only mode. The
// verdict comes first: beside the badges a narrow status line cuts the
// end.
const ReadOnlyMessage = "Read-only: refused (it changes Twilio or reaches people)."

// ErrReadOnly is the error of every mutating call on a read-only client.
func ErrReadOnly() *Error {
	return &Error{Kind: KindReadOnly, Message: ReadOnlyMessage,
		Hint: "Start the console without --read-only (and with a profile that is not read_only) to do this."}
}

// IsReadOnly reports whether err is a read-only refusal.
func IsReadOnly(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindReadOnly
}
