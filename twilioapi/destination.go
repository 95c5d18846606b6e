package twilioapi

import (
	"errors"
	"net/mail"
	"strings"

	"github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"
)

// This file reads destinations: phone numbers into strict E.164 and
// e-mail addresses into bare addresses, as Verify wants them.

// maxPhoneInputLength bounds what parsePhone hands to phonenumbers.
const maxPhoneInputLength = 64

// isE164 reports whether s is strict E.164: "+", a non-zero digit, then 6 to
// 14 more digits. Every number the package hands out passes it.
func isE164(s string) bool {
	if len(s) < 8 || len(s) > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9' {
		return false
	}
	for i := 2; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parsePhone parses input with phonenumbers after a character check, so only
// what a person types for a number gets through: digits, one leading "+",
// spaces and the usual separators. Letters (vanity numbers, "ext") are
// refused because Verify needs the digits the carrier dials.
func parsePhone(input, defaultRegion string) (*phonenumbers.PhoneNumber, *Error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return nil, invalid("To", "Enter a phone number in E.164 form, like +14155550100.")
	}
	if len(s) > maxPhoneInputLength {
		return nil, invalid("To", "That is too long for a phone number.")
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' || r == '/':
		default:
			return nil, invalid("To", "A phone number may contain only digits, a leading +, spaces, dashes, dots and brackets.")
		}
	}
	if digits == 0 {
		return nil, invalid("To", "Enter a phone number in E.164 form, like +14155550100.")
	}
	region := strings.ToUpper(strings.TrimSpace(defaultRegion))
	if s[0] != '+' && region == "" {
		return nil, invalid("To", "Start the number with + and the country code, like +14155550100.")
	}
	if region == "" {
		region = "ZZ" // unknown region: phonenumbers then needs the leading +
	}
	num, err := phonenumbers.Parse(s, region)
	if err != nil {
		if errors.Is(err, phonenumbers.ErrInvalidCountryCode) {
			return nil, invalid("To", "%q has no valid country code; start it with + and the country code.", s)
		}
		return nil, invalid("To", "%q is not a phone number.", s)
	}
	return num, nil
}

// NormalizePhone turns what a person typed into strict E.164 using
// phonenumbers: "(415) 555-0100" with default region "US" becomes
// "+14155550100", "+44 20 7183 8750" becomes "+442071838750". A number
// without "+" needs defaultRegion (ISO 3166 alpha-2, e.g. "US"). Numbers that
// are not valid for their country are rejected, so garbage never reaches
// Twilio.
func NormalizePhone(input, defaultRegion string) (string, error) {
	num, verr := parsePhone(input, defaultRegion)
	if verr != nil {
		return "", verr
	}
	return formatValid(num, input)
}

// IsPhoneRegion reports whether region is an ISO 3166 alpha-2 code, in
// upper case, that national phone numbers can be read for (one of
// phonenumbers' supported regions), e.g. "US" or "GB": the regions
// NormalizePhone accepts as its default.
func IsPhoneRegion(region string) bool {
	return len(region) == 2 && phonenumbers.GetSupportedRegions()[region]
}

// formatValid formats a parsed number as E.164 once it is valid for its
// country.
func formatValid(num *phonenumbers.PhoneNumber, input string) (string, error) {
	if !phonenumbers.IsValidNumber(num) {
		return "", invalid("To", "%q is not a valid phone number for its country.", strings.TrimSpace(input))
	}
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	if !isE164(e164) {
		// Belt and braces: never hand out a number Twilio would refuse.
		return "", invalid("To", "%q is not a valid phone number.", strings.TrimSpace(input))
	}
	return e164, nil
}

// ValidateEmail checks an e-mail address the way the email channel needs it:
// a bare address (no display name), a local part, and a domain with a dot.
func ValidateEmail(s string) error {
	if s == "" {
		return invalid("To", "Enter an e-mail address.")
	}
	if len(s) > MaxEmailLength {
		return invalid("To", "That e-mail address is longer than %d characters.", MaxEmailLength)
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return invalid("To", "%q is not an e-mail address like name@example.com.", s)
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	if local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") || strings.ContainsAny(s, " \t\r\n") {
		return invalid("To", "%q is not an e-mail address like name@example.com.", s)
	}
	return nil
}

// isEmailInput is how a destination typed without a channel (a check's To,
// an outbox filter, a recipient being typed) is told apart: an e-mail
// address has an "@", a phone number never does.
func isEmailInput(s string) bool { return strings.Contains(s, "@") }

// normalizeTo turns a destination into what Verify expects: strict E.164
// for phone channels, the bare address for e-mail. Numbers must carry their
// country code here, because an operation has no default region.
func normalizeTo(to string, email bool) (string, error) {
	if email {
		s := strings.TrimSpace(to)
		return s, ValidateEmail(s)
	}
	return NormalizePhone(to, "")
}
