package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
)

// newSID returns a Twilio-style SID: the two-letter prefix and 32 lowercase
// hex characters (the examples in Twilio's spec use lowercase hex).
func newSID(prefix string) string {
	return prefix + randomHex(16)
}

// randomHex returns 2n lowercase hex characters from crypto/rand.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails since Go 1.24
	return hex.EncodeToString(b)
}

// randomDigits returns an n-digit numeric code. The tiny modulo bias is
// irrelevant for a local emulator.
func randomDigits(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}

var (
	accountSIDPattern = regexp.MustCompile(`^AC[0-9a-fA-F]{32}$`)
	serviceSIDPattern = regexp.MustCompile(`^VA[0-9a-fA-F]{32}$`)
	alnumPattern      = regexp.MustCompile(`^[a-zA-Z0-9]+$`)
)

// ValidAccountSID reports whether sid looks like a Twilio account SID.
func ValidAccountSID(sid string) bool { return accountSIDPattern.MatchString(sid) }

// ValidAuthToken reports whether tok is usable as a sandbox auth token:
// non-empty and alphanumeric, because twilio-go refuses (locally, with
// 21224) any password with other characters.
func ValidAuthToken(tok string) bool { return alnumPattern.MatchString(tok) }
