package twilioapi

import (
	"errors"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// Limits from the Verify reference, exported so forms can show them.
const (
	MinCodeLength        = 4
	MaxCodeLength        = 10
	MinTOTPTimeStep      = 20
	MaxTOTPTimeStep      = 60
	MinTOTPCodeLength    = 3
	MaxTOTPCodeLength    = 8
	MinTOTPSkew          = 0
	MaxTOTPSkew          = 2
	MinPageSize          = 1
	MaxPageSize          = 1000
	MaxTags              = 10
	MaxTagLength         = 128
	MaxEmailLength       = 254
	MaxServiceNameLength = 30
	MaxCustomCodeLength  = 10
	MinCustomCodeLength  = 4
	maxPhoneInputLength  = 64
)

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

// sidName is the human name of a SID prefix, for messages and Field.
func sidName(prefix string) string {
	switch prefix {
	case "AC":
		return "Account SID"
	case "VA":
		return "Service SID"
	case "VE":
		return "Verification SID"
	case "VL":
		return "Attempt SID"
	case "YE":
		return "Entity SID"
	case "YF":
		return "Factor SID"
	case "YC":
		return "Challenge SID"
	case "SK":
		return "API key SID"
	case "HJ":
		return "Template SID"
	case "MG":
		return "Messaging Service SID"
	case "CR":
		return "Credential SID"
	case "RK":
		return "Rate limit SID"
	case "BL":
		return "Bucket SID"
	default:
		return prefix + " SID"
	}
}

// isHex32 reports whether s is exactly 32 hex digits.
func isHex32(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// ValidateSID checks that sid is prefix followed by 32 hex digits (the shape
// of every Twilio SID: VA, VE, VL, YE, YF, YC, SK, AC, ...). The error's
// Field is the SID's human name ("Service SID").
func ValidateSID(prefix, sid string) error {
	name := sidName(prefix)
	if sid == "" {
		return invalid(name, "%s is empty.", name)
	}
	if !strings.HasPrefix(sid, prefix) || !isHex32(sid[len(prefix):]) {
		return invalid(name, "%s must be %s followed by 32 hex characters (34 in all).", name, prefix)
	}
	return nil
}

// intRange returns an invalid-input error unless min <= n <= max.
func intRange(field string, n, min, max int) error {
	if n < min || n > max {
		return invalid(field, "%s must be between %d and %d (got %d).", field, min, max, n)
	}
	return nil
}

// ValidateCodeLength checks a service's code length (4–10 digits).
func ValidateCodeLength(n int) error {
	return intRange("Code length", n, MinCodeLength, MaxCodeLength)
}

// ValidateTOTPTimeStep checks a TOTP time step in seconds (20–60).
func ValidateTOTPTimeStep(n int) error {
	return intRange("TOTP time step", n, MinTOTPTimeStep, MaxTOTPTimeStep)
}

// ValidateTOTPCodeLength checks a TOTP code length (3–8).
func ValidateTOTPCodeLength(n int) error {
	return intRange("TOTP code length", n, MinTOTPCodeLength, MaxTOTPCodeLength)
}

// ValidateTOTPSkew checks a TOTP skew in time steps each way (0–2).
func ValidateTOTPSkew(n int) error {
	return intRange("TOTP skew", n, MinTOTPSkew, MaxTOTPSkew)
}

// ValidateFriendlyName checks a service name. Twilio's request docs say up
// to 32 characters but the resource docs and error 60200's page say 30 (it
// goes into the message text); 30 is the limit that never fails.
func ValidateFriendlyName(s string) error {
	if strings.TrimSpace(s) == "" {
		return invalid("Friendly name", "Friendly name is required.")
	}
	if n := utf8.RuneCountInString(s); n > MaxServiceNameLength {
		return invalid("Friendly name", "Friendly name is %d characters; the limit is %d.", n, MaxServiceNameLength)
	}
	if err := printable("Friendly name", s); err != nil {
		return err
	}
	return nil
}

// printable refuses control characters, which Twilio would reject and which
// could corrupt the terminal when echoed.
func printable(field, s string) error {
	if !utf8.ValidString(s) {
		return invalid(field, "%s is not valid UTF-8.", field)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return invalid(field, "%s must not contain control characters.", field)
		}
	}
	return nil
}

// ValidateCustomCode checks a pre-generated code: 4–10 digits.
func ValidateCustomCode(s string) error {
	if len(s) < MinCustomCodeLength || len(s) > MaxCustomCodeLength || !allDigits(s) {
		return invalid("Custom code", "Custom code must be %d to %d digits.", MinCustomCodeLength, MaxCustomCodeLength)
	}
	return nil
}

// ValidateCode checks a code typed for a verification check: 4–10 letters or
// digits (codes Verify sends are digits; custom codes may differ).
func ValidateCode(s string) error {
	if len(s) < MinCodeLength || len(s) > MaxCodeLength {
		return invalid("Code", "The code must be %d to %d characters.", MinCodeLength, MaxCodeLength)
	}
	if !isAlnum(s) {
		return invalid("Code", "The code may contain only digits and letters.")
	}
	return nil
}

// ValidatePageSize checks a list page size (1–1000).
func ValidatePageSize(n int) error {
	return intRange("Page size", n, MinPageSize, MaxPageSize)
}

// isAlnum reports whether s holds only ASCII letters and digits.
func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
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
