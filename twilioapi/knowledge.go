package twilioapi

import (
	"errors"
	"strings"
	"time"
)

// Twilio error codes the console reacts to. Views phrase them; the rules
// (what a code means, when it clears) live here and in hints.go.
const (
	// CodeAuthFailed: the credentials were refused.
	CodeAuthFailed = 20003
	// CodeNotFound: the resource does not exist (a verification Verify
	// removed after approval, expiry, cancel or max attempts).
	CodeNotFound = 20404
	// CodeTooManyRequests: a rate limit (the account's, or a service rate
	// limit bucket) refused the call; Retry-After says when to retry.
	CodeTooManyRequests = 20429
	// CodeInvalidParameter: a parameter Twilio refused.
	CodeInvalidParameter = 60200
	// CodeMaxChecks: the verification was checked MaxChecks times.
	CodeMaxChecks = 60202
	// CodeMaxSends: the verification sent MaxSends codes; it clears when
	// the verification expires (CodeLifetime after it started).
	CodeMaxSends = 60203
	// CodeLandline: SMS to a landline on a service that skips them.
	CodeLandline = 60205
	// CodeChannelDisabled: the channel is off for the service or account.
	CodeChannelDisabled = 60223
	// CodeFraudGuard: Fraud Guard (SMS pumping protection) blocked the
	// destination; the Safe List or RiskCheck=disable bypass it.
	CodeFraudGuard = 60410
	// CodeGeoPermissions: the destination country is not allowed by
	// Verify's Geo Permissions; the Safe List or RiskCheck=disable bypass
	// it.
	CodeGeoPermissions = 60605
)

// Verify's limits for one verification (Twilio's documented defaults).
const (
	// CodeLifetime is how long a verification stays pending.
	CodeLifetime = 10 * time.Minute
	// MaxSends is how many codes one verification may send.
	MaxSends = 5
	// MaxChecks is how many checks one verification allows.
	MaxChecks = 5
)

// Twilio's status polling limits per verification, and the console's own
// budget well inside them: timer polls back off from PollMin to PollMax
// (about 25 fetches in a code's 10 minutes), and manual refreshes share
// the budget with them.
const (
	// StatusPollsPerMinute and StatusPollsPerHour are Twilio's limits.
	StatusPollsPerMinute = 60
	StatusPollsPerHour   = 180
	// PollMin and PollMax bound the wait between timer polls.
	PollMin = 2 * time.Second
	PollMax = 30 * time.Second
	// FetchesPerMinute and FetchesPerHour are the console's budget.
	FetchesPerMinute = 30
	FetchesPerHour   = 150
	// DefaultRetryAfter is how long to wait after a 429 that sent no
	// Retry-After.
	DefaultRetryAfter = time.Minute
)

// AsError returns err as an *Error, or nil when it is not one.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// ErrorCode is Twilio's code of err (0 when there is none).
func ErrorCode(err error) int {
	if e := AsError(err); e != nil {
		return e.Code
	}
	return 0
}

// IsNotFound reports whether Twilio answered that the resource does not
// exist (for a verification: Verify removed it, see CodeNotFound).
func IsNotFound(err error) bool {
	e := AsError(err)
	return e != nil && e.Kind == KindAPI && (e.Code == CodeNotFound || (e.Code == 0 && e.Status == 404))
}

// IsTransient reports whether nothing was answered, or the server failed
// (5xx): the call may be repeated as it was. A non-*Error counts as
// transient (nothing known was answered).
func IsTransient(err error) bool {
	e := AsError(err)
	if e == nil {
		return true
	}
	switch e.Kind {
	case KindTimeout, KindRefused, KindReset, KindNetwork:
		return true
	}
	return e.Status >= 500
}

// IsAttemptLimit reports whether a verification's, factor's or
// challenge's own limit refused the call (CodeMaxChecks, CodeMaxSends,
// CodeMaxFactorAttempts, CodeMaxChallengeAttempts): Verify looked at it.
func IsAttemptLimit(err error) bool {
	switch ErrorCode(err) {
	case CodeMaxChecks, CodeMaxSends, CodeMaxFactorAttempts, CodeMaxChallengeAttempts:
		return true
	}
	return false
}

// IsRateLimited reports whether Twilio refused the call for its rate (429)
// without looking at it, so the same call may be made again as it was
// once RetryAfter has passed. An attempt limit (also 429) is not.
func IsRateLimited(err error) bool {
	e := AsError(err)
	return e != nil && e.Status == 429 && !IsAttemptLimit(e)
}

// RetryAfter is how long Twilio asked to wait, for a 429; ok is false for
// other errors. d is 0 when the answer had no Retry-After header.
func RetryAfter(err error) (d time.Duration, ok bool) {
	e := AsError(err)
	if e == nil || e.Status != 429 {
		return 0, false
	}
	return e.RetryAfter, true
}

// ClearsAt is when a limit that err reports stops refusing, given when
// the verification started (zero when unknown) and now: the end of the
// verification's life for CodeMaxSends, now+Retry-After (or
// DefaultRetryAfter) for a rate limit. ok is false for errors that do not
// clear by waiting.
func ClearsAt(err error, started, now time.Time) (at time.Time, ok bool) {
	switch {
	case ErrorCode(err) == CodeMaxSends:
		if started.IsZero() {
			return time.Time{}, false
		}
		return started.Add(CodeLifetime), true
	case IsRateLimited(err):
		d, _ := RetryAfter(err)
		if d <= 0 {
			d = DefaultRetryAfter
		}
		return now.Add(d), true
	}
	return time.Time{}, false
}

// DefaultCodeLength is the length of Verify's codes when a service does
// not say.
const DefaultCodeLength = 6

// CodeCanMatch reports, before a check spends one of the verification's
// MaxChecks, whether code could be the one Verify sent: exactly
// codeLength digits (DefaultCodeLength when 0), or, when the service
// allows custom codes, 4 to 10 characters without spaces. The error says
// what was expected (Field "Code").
func CodeCanMatch(code string, codeLength int, customCodes bool) error {
	if codeLength <= 0 {
		codeLength = DefaultCodeLength
	}
	n := len([]rune(code))
	if customCodes {
		if n < 4 || n > 10 || strings.ContainsAny(code, " \t") {
			return invalid("Code", "Codes of this service are %d digits, or a custom code of 4 to 10 characters; this has %d.", codeLength, n)
		}
		return nil
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return invalid("Code", "Codes of this service are %d digits; %q has other characters.", codeLength, code)
		}
	}
	if n != codeLength {
		return invalid("Code", "Codes of this service are %d digits; this has %d.", codeLength, n)
	}
	return nil
}
