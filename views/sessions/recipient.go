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
// the normalised value to send, the country, and what is wrong.
type recipient struct {
	Kind recipientKind
	// Input is the field's text, trimmed.
	Input string
	// E164 is a valid phone number in E.164 ("+14155550100").
	E164 string
	// Email is a valid address.
	Email string
	// Region is the ISO country of the number ("US"), Country its English
	// name and Flag its emoji; known as soon as the country code is, even
	// while the number is incomplete.
	Region  string
	Country string
	Flag    string
	// Problem says why the value cannot be sent ("" when it can).
	Problem string
}

// To is what a start sends as To ("" when nothing can be sent).
func (r recipient) To() string {
	switch r.Kind {
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
	country := strings.TrimSpace(r.Flag + " " + r.Country)
	switch r.Kind {
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
	r := recipient{Input: in}
	if in == "" {
		return r
	}
	if strings.TrimSpace(defaultRegion) == "" {
		defaultRegion = "US"
	}
	pr, err := twilioapi.ParseRecipient(in, defaultRegion)
	r.Region, r.Country, r.Flag = pr.Region, pr.CountryName, pr.Flag
	switch {
	case err != nil:
		r.Kind = recipientInvalid
		r.Problem = problemText(err)
	case pr.Kind == twilioapi.RecipientEmail && pr.Email != "":
		r.Kind, r.Email = recipientEmail, pr.Email
	case pr.Kind == twilioapi.RecipientPhone && pr.E164 != "":
		r.Kind, r.E164 = recipientPhone, pr.E164
	default:
		r.Kind = recipientInvalid
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
