package twilioapi

import (
	"encoding/base32"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Limits of the Push/TOTP resources, exported so forms can show them.
const (
	MinIdentityLength        = 8
	MaxIdentityLength        = 64
	MaxFactorNameLength      = 64
	MinTOTPCodeInput         = 3 // AuthPayload: the shortest TOTP code
	MaxTOTPCodeInput         = 8
	MaxChallengeMessage      = 256
	MaxChallengeFields       = 20
	MaxChallengeFieldLabel   = 36
	MaxChallengeFieldValue   = 128
	MaxChallengeJSONLength   = 1024 // Metadata and HiddenDetails, as JSON
	MinTOTPSecretBase32Chars = 16   // 80 bits
)

// ValidateIdentity checks an entity identity: 8–64 characters, letters and
// digits in groups separated by single dashes (a UUID fits). twilio-go puts
// the identity into the URL path as it is, so this rule is also what keeps
// a "/" or "?" from changing which resource is addressed.
func ValidateIdentity(id string) error {
	const field = "Identity"
	if n := len(id); n < MinIdentityLength || n > MaxIdentityLength {
		return invalid(field, "Identity must be %d to %d characters (got %d).", MinIdentityLength, MaxIdentityLength, len(id))
	}
	for _, part := range strings.Split(id, "-") {
		if part == "" || !isAlnum(part) {
			return invalid(field, "Identity may contain only letters and digits, in groups separated by single dashes (like a UUID).")
		}
	}
	return nil
}

// ValidateFactorName checks a factor's friendly name (the account name an
// authenticator app shows): required, at most 64 characters, printable.
func ValidateFactorName(s string) error {
	const field = "Friendly name"
	if strings.TrimSpace(s) == "" {
		return invalid(field, "Friendly name is required.")
	}
	if n := utf8.RuneCountInString(s); n > MaxFactorNameLength {
		return invalid(field, "Friendly name is %d characters; the limit is %d.", n, MaxFactorNameLength)
	}
	return printable(field, s)
}

// ValidateTOTPAlgorithm checks a TOTP algorithm: sha1, sha256 or sha512
// (lower case, as Verify wants them).
func ValidateTOTPAlgorithm(alg string) error {
	switch alg {
	case TOTPSHA1, TOTPSHA256, TOTPSHA512:
		return nil
	}
	return invalid("TOTP algorithm", "TOTP algorithm must be sha1, sha256 or sha512.")
}

// ValidateTOTPCode checks a code typed from an authenticator app: 3–8
// digits.
func ValidateTOTPCode(code string) error {
	if len(code) < MinTOTPCodeInput || len(code) > MaxTOTPCodeInput || !allDigits(code) {
		return invalid("Code", "The code must be %d to %d digits.", MinTOTPCodeInput, MaxTOTPCodeInput)
	}
	return nil
}

// ValidateTOTPSecret checks a shared secret: Base32 (A–Z, 2–7; case,
// spaces and padding ignored), at least 16 characters.
func ValidateTOTPSecret(secret string) error {
	s := strings.TrimRight(strings.ToUpper(strings.ReplaceAll(secret, " ", "")), "=")
	if len(s) < MinTOTPSecretBase32Chars {
		return invalid("Secret", "The secret must be at least %d Base32 characters.", MinTOTPSecretBase32Chars)
	}
	if _, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s); err != nil {
		return invalid("Secret", "The secret must be Base32: letters A–Z and digits 2–7.")
	}
	return nil
}

// ValidateTOTPOptions checks the set fields of o.
func ValidateTOTPOptions(o TOTPOptions) error {
	if o.Algorithm != "" {
		if err := ValidateTOTPAlgorithm(o.Algorithm); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		p     *int
		check func(int) error
	}{{o.TimeStep, ValidateTOTPTimeStep}, {o.CodeLength, ValidateTOTPCodeLength}, {o.Skew, ValidateTOTPSkew}} {
		if f.p != nil {
			if err := f.check(*f.p); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateStringMap checks Metadata or HiddenDetails: at most 1024
// characters as JSON, printable.
func validateStringMap(field string, m map[string]string) error {
	if m == nil {
		return nil
	}
	b, _ := json.Marshal(m) // a map of strings always marshals
	if len(b) > MaxChallengeJSONLength {
		return invalid(field, "%s is %d characters as JSON; the limit is %d.", field, len(b), MaxChallengeJSONLength)
	}
	for k, v := range m {
		if err := printable(field, k+v); err != nil {
			return err
		}
	}
	return nil
}

// validateTOTPFactorParams checks a TOTP factor creation.
func validateTOTPFactorParams(p TOTPFactorParams) error {
	if err := ValidateSID("VA", p.ServiceSID); err != nil {
		return err
	}
	if err := ValidateIdentity(p.Identity); err != nil {
		return err
	}
	if err := ValidateFactorName(p.FriendlyName); err != nil {
		return err
	}
	if p.Secret != "" {
		if err := ValidateTOTPSecret(p.Secret); err != nil {
			return err
		}
	}
	if err := ValidateTOTPOptions(p.Config); err != nil {
		return err
	}
	return validateStringMap("Metadata", p.Metadata)
}

// validateChallengeParams checks a challenge creation.
func validateChallengeParams(p ChallengeParams) error {
	if err := validateFactorPath(p.ServiceSID, p.Identity, p.FactorSID); err != nil {
		return err
	}
	if p.Code != "" {
		if err := ValidateTOTPCode(p.Code); err != nil {
			return err
		}
	}
	if n := utf8.RuneCountInString(p.Message); n > MaxChallengeMessage {
		return invalid("Message", "Message is %d characters; the limit is %d.", n, MaxChallengeMessage)
	}
	if err := printable("Message", p.Message); err != nil {
		return err
	}
	if len(p.Fields) > MaxChallengeFields {
		return invalid("Fields", "A challenge has at most %d detail fields.", MaxChallengeFields)
	}
	for _, f := range p.Fields {
		if f.Label == "" || utf8.RuneCountInString(f.Label) > MaxChallengeFieldLabel ||
			utf8.RuneCountInString(f.Value) > MaxChallengeFieldValue {
			return invalid("Fields", "Each detail field needs a label of at most %d characters and a value of at most %d.",
				MaxChallengeFieldLabel, MaxChallengeFieldValue)
		}
	}
	return validateStringMap("Hidden details", p.HiddenDetails)
}

// validateEntityPath checks the service SID and identity every entity
// call names.
func validateEntityPath(serviceSID, identity string) error {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return err
	}
	return ValidateIdentity(identity)
}

// validateFactorPath is validateEntityPath plus a factor SID.
func validateFactorPath(serviceSID, identity, factorSID string) error {
	if err := validateEntityPath(serviceSID, identity); err != nil {
		return err
	}
	return ValidateSID("YF", factorSID)
}

// validateChallengePath is validateEntityPath plus a challenge SID.
func validateChallengePath(serviceSID, identity, challengeSID string) error {
	if err := validateEntityPath(serviceSID, identity); err != nil {
		return err
	}
	return ValidateSID("YC", challengeSID)
}
