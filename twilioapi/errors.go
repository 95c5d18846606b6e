package twilioapi

import "time"

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
)

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
	// Err is the underlying error, if any.
	Err error
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }
