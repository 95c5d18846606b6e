package twilioapi

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
)

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
	case "YW":
		return "Webhook SID"
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
