package sessions

import (
	"net/mail"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// maxRecipientInput bounds what the normaliser reads: no phone number or
// e-mail address a customer reads out is longer, and libphonenumber's cost
// grows with the input.
const maxRecipientInput = 254

// recipientKind says what the To field holds.
type recipientKind int

// The kinds of To value.
const (
	recipientNone recipientKind = iota
	recipientPhone
	recipientEmail
	recipientInvalid
)

// recipient is the To field as the view understands it while the user
// types: the normalised value to send and what to show under the field.
type recipient struct {
	Kind recipientKind
	// Input is the field's text, trimmed.
	Input string
	// E164 is the phone number in E.164 ("+14155550100").
	E164 string
	// Email is the normalised address (domain in lower case).
	Email string
	// Region is the ISO country of the number ("US"), Country its English
	// name and Flag its emoji.
	Region  string
	Country string
	Flag    string
	// Valid is libphonenumber's verdict (a number can be well formed but
	// not in any assigned range); always true for a well-formed address.
	Valid bool
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

// Sendable reports whether To can be sent at all (an unassigned but well
// formed number can: Twilio is the judge of that).
func (r recipient) Sendable() bool { return r.To() != "" }

// Summary is the one line shown under the To field.
func (r recipient) Summary() string {
	switch r.Kind {
	case recipientNone:
		return "type a phone number or an e-mail address"
	case recipientInvalid:
		return "✗ " + r.Problem
	case recipientEmail:
		return r.Email + " · e-mail address"
	}
	parts := []string{r.E164}
	if c := strings.TrimSpace(r.Flag + " " + r.Country); c != "" {
		parts = append(parts, c)
	}
	if r.Valid {
		parts = append(parts, "valid number")
	} else {
		parts = append(parts, "not a valid number in any plan")
	}
	return strings.Join(parts, " · ")
}

// Label is the short name of the recipient in lists and history.
func (r recipient) Label() string {
	if t := r.To(); t != "" {
		return t
	}
	return r.Input
}

// parseRecipient normalises what the user typed in the To field: a phone
// number in any common format (national ones read with defaultRegion, "US"
// when empty) or an e-mail address.
func parseRecipient(input, defaultRegion string) recipient {
	in := strings.TrimSpace(input)
	r := recipient{Input: in}
	if in == "" {
		return r
	}
	r.Kind = recipientInvalid
	if len(in) > maxRecipientInput {
		r.Problem = "too long for a phone number or an e-mail address"
		return r
	}
	if strings.Contains(in, "@") {
		return parseEmail(r)
	}
	return parsePhone(r, defaultRegion)
}

// parseEmail accepts a bare address (no display name, no comments) with a
// dotted domain.
func parseEmail(r recipient) recipient {
	addr, err := mail.ParseAddress(r.Input)
	if err != nil || addr.Address != r.Input || addr.Name != "" {
		r.Problem = "not an e-mail address (name@example.com)"
		return r
	}
	at := strings.LastIndexByte(addr.Address, '@')
	local, domain := addr.Address[:at], strings.ToLower(addr.Address[at+1:])
	if local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") || strings.ContainsAny(domain, "[]\"\\ ") {
		r.Problem = "not an e-mail address (name@example.com)"
		return r
	}
	r.Kind = recipientEmail
	r.Email = local + "@" + domain
	r.Valid = true
	return r
}

// parsePhone reads a number with libphonenumber. Letters are refused
// (vanity numbers are rarely what a caller means on the phone).
func parsePhone(r recipient, defaultRegion string) recipient {
	digits := 0
	for _, c := range r.Input {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case strings.ContainsRune(" +-().\u00a0/", c):
		default:
			if unicode.IsDigit(c) {
				// Non-ASCII digits: libphonenumber reads some, keep them.
				digits++
				continue
			}
			r.Problem = "a phone number has only digits, spaces and + ( ) - ."
			return r
		}
	}
	if digits < 3 {
		r.Problem = "too short for a phone number"
		return r
	}
	region := strings.ToUpper(strings.TrimSpace(defaultRegion))
	if region == "" {
		region = "US"
	}
	num, err := phonenumbers.Parse(r.Input, region)
	if err != nil {
		r.Problem = "not a phone number (" + region + " or +country code)"
		return r
	}
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	if !isE164(e164) {
		r.Problem = "not a phone number (" + region + " or +country code)"
		return r
	}
	r.Kind = recipientPhone
	r.E164 = e164
	r.Valid = phonenumbers.IsValidNumber(num)
	r.Region = phonenumbers.GetRegionCodeForNumber(num)
	r.Country = countryName(r.Region)
	r.Flag = flag(r.Region)
	return r
}

// isE164 reports whether s is "+" and 2–15 digits, the first not 0.
func isE164(s string) bool {
	if len(s) < 3 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// countryName is the English name of an ISO region ("" for unknown).
func countryName(region string) string {
	if len(region) != 2 {
		return ""
	}
	reg, err := language.ParseRegion(region)
	if err != nil {
		return ""
	}
	return display.English.Regions().Name(reg)
}

// flag is the emoji flag of a two-letter region ("" when there is none).
func flag(region string) string {
	if len(region) != 2 {
		return ""
	}
	var b strings.Builder
	for _, c := range region {
		if c < 'A' || c > 'Z' {
			return ""
		}
		b.WriteRune(0x1F1E6 + c - 'A')
	}
	return b.String()
}
