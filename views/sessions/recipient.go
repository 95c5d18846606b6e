package sessions

import (
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// maxToLength bounds the To field: no e-mail address is longer (RFC 5321
// caps a path at 254) and no phone number comes close.
const maxToLength = 254

// recipientKind says what the To field holds.
type recipientKind int

// The kinds of To value.
const (
	recipientNone recipientKind = iota
	recipientPhone
	recipientEmail
	recipientInvalid
)

// recipient is the To field as the view shows it while the user types:
// twilioapi's reading of it (the normalised value, the country) and, when
// it cannot be sent, why.
type recipient struct {
	twilioapi.Recipient
	// Problem says why the value cannot be sent ("" when it can).
	Problem string
}

// kind is what the field holds, as the view tells the cases apart.
func (r recipient) kind() recipientKind {
	switch {
	case r.Input == "":
		return recipientNone
	case !r.Valid:
		return recipientInvalid
	case r.Kind == twilioapi.RecipientEmail:
		return recipientEmail
	}
	return recipientPhone
}

// To is what a start sends as To ("" when nothing can be sent).
func (r recipient) To() string {
	switch r.kind() {
	case recipientPhone:
		return r.E164
	case recipientEmail:
		return r.Email
	}
	return ""
}

// Sendable reports whether To can be sent.
func (r recipient) Sendable() bool { return r.To() != "" }

// Summary is the one line shown under the To field.
func (r recipient) Summary() string {
	country := strings.TrimSpace(r.Flag + " " + r.CountryName)
	switch r.kind() {
	case recipientNone:
		return "type a phone number or an e-mail address"
	case recipientInvalid:
		if country != "" {
			return country + " · ✗ " + r.Problem
		}
		return "✗ " + r.Problem
	case recipientEmail:
		return r.Email + " · e-mail address"
	}
	if country != "" {
		return r.E164 + " · " + country + " · valid number"
	}
	return r.E164 + " · valid number"
}

// Label is the short name of the recipient in lists and history.
func (r recipient) Label() string {
	if t := r.To(); t != "" {
		return t
	}
	return r.Input
}

// parseRecipient is the To field's normaliser: a phone number in any
// common format (national numbers read in defaultRegion, "US" when empty)
// or an e-mail address, through twilioapi.ParseRecipient, the same rules
// the client applies before any call.
func parseRecipient(input, defaultRegion string) recipient {
	in := strings.TrimSpace(input)
	if in == "" {
		return recipient{}
	}
	if strings.TrimSpace(defaultRegion) == "" {
		defaultRegion = "US"
	}
	pr, err := twilioapi.ParseRecipient(in, defaultRegion)
	r := recipient{Recipient: pr}
	r.Input = in
	switch {
	case err != nil:
		r.Valid = false
		r.Problem = problemText(err)
	case !pr.Valid || (pr.E164 == "" && pr.Email == ""):
		r.Valid = false
		r.Problem = "not a phone number or an e-mail address"
	}
	return r
}

// problemText is a validation error's message, without a trailing dot.
func problemText(err error) string {
	msg := err.Error()
	if e := twilioapi.AsError(err); e != nil && e.Message != "" {
		msg = e.Message
	}
	return strings.TrimSuffix(strings.TrimSpace(msg), ".")
}
