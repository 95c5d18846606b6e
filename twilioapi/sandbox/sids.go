package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// newSID returns a Twilio-style SID: the two-letter prefix and 32 lowercase
// hex characters (the examples in Twilio's spec use lowercase hex). Three
// are made per verification start, so it builds the string in a stack
// buffer: one allocation, the result.
func newSID(prefix string) string {
	var raw [16]byte
	_, _ = rand.Read(raw[:])
	var buf [48]byte
	return string(hex.AppendEncode(append(buf[:0], prefix...), raw[:]))
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

// ValidAccountSID reports whether sid looks like a Twilio account SID
// ("AC" + 32 hex characters).
func ValidAccountSID(sid string) bool { return validSID(sid, "AC") }

// ValidAuthToken reports whether tok is usable as a sandbox auth token:
// non-empty and alphanumeric, because twilio-go refuses (locally, with
// 21224) any password with other characters.
func ValidAuthToken(tok string) bool {
	for _, c := range tok {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return tok != ""
}

// validSID reports whether s is prefix + 32 hex characters.
func validSID(s, prefix string) bool {
	if len(s) != 34 || !strings.HasPrefix(s, prefix) {
		return false
	}
	for _, c := range s[2:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
