package twilioapi

import (
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTPCode is the RFC 6238 code of a Base32 secret at t, with Verify's
// parameters: algorithm sha1, sha256 or sha512, 3–8 digits, a time step of
// 20–60 seconds. The console uses it to answer a test factor whose secret
// it kept. (pquerna/otp computes it; the sandbox has its own
// implementation, so the two check each other.)
func TOTPCode(secret string, t time.Time, algorithm string, digits, step int) (string, error) {
	if err := ValidateTOTPSecret(secret); err != nil {
		return "", err
	}
	if err := ValidateTOTPAlgorithm(algorithm); err != nil {
		return "", err
	}
	if err := ValidateTOTPCodeLength(digits); err != nil {
		return "", err
	}
	if err := ValidateTOTPTimeStep(step); err != nil {
		return "", err
	}
	alg := map[string]otp.Algorithm{
		TOTPSHA1: otp.AlgorithmSHA1, TOTPSHA256: otp.AlgorithmSHA256, TOTPSHA512: otp.AlgorithmSHA512,
	}[algorithm]
	// pquerna/otp wants upper case and pads what is missing itself.
	norm := strings.TrimRight(strings.ToUpper(strings.ReplaceAll(secret, " ", "")), "=")
	code, err := totp.GenerateCodeCustom(norm, t, totp.ValidateOpts{
		Period: uint(step), Digits: otp.Digits(digits), Algorithm: alg,
	})
	if err != nil {
		return "", invalid("Secret", "The secret could not be used: %v", err)
	}
	return code, nil
}
