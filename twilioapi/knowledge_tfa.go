package twilioapi

import "time"

// Twilio error codes of the Push/TOTP resources (entities, factors,
// challenges) the console reacts to; hints.go explains them.
const (
	// CodeTFAInvalidParameter: a Push/TOTP parameter Twilio refused.
	CodeTFAInvalidParameter = 60300
	// CodeMaxChallengeAttempts: a challenge took MaxTOTPAttempts wrong
	// codes and takes no more answers.
	CodeMaxChallengeAttempts = 60308
	// CodeMaxFactorAttempts: a factor's verification took MaxTOTPAttempts
	// wrong codes; the factor must be created again.
	CodeMaxFactorAttempts = 60310
	// CodeFactorUnverified: a challenge was asked of a factor not yet
	// verified.
	CodeFactorUnverified = 60318
	// CodeChallengeExpired: the challenge's expiration date passed before
	// it was answered.
	CodeChallengeExpired = 60323
)

// Verify's TOTP limits.
const (
	// MaxTOTPAttempts is how many wrong codes a factor verification, and
	// separately each challenge, takes.
	MaxTOTPAttempts = 5
	// ChallengeLifetime is a challenge's default life; MaxChallengeLifetime
	// the longest ExpirationDate may give it.
	ChallengeLifetime    = 5 * time.Minute
	MaxChallengeLifetime = 60 * time.Minute
)
