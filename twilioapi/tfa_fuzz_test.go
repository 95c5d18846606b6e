package twilioapi_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// FuzzTFAInput checks the Push/TOTP validators on random input: an
// accepted identity is safe to put into a URL path as twilio-go does (it
// does not escape it), an accepted code is 3–8 digits, and TOTPCode never
// panics and, when it answers, answers a code of the asked length.
func FuzzTFAInput(f *testing.F) {
	for _, s := range []string{
		"user-0001-abcd", "ff483d1ff591898a9942916050d2ca3f", "abcd/efgh", "abcd--efgh", "-abcdefgh", "ab cd efgh",
		"123456", "12345a", "JBSWY3DPEHPK3PXP", "gezd gnbv gy3t qojq", "====", "",
	} {
		f.Add(s, uint8(6), uint8(30), int64(1_800_000_000))
	}
	f.Fuzz(func(t *testing.T, s string, digits, step uint8, unix int64) {
		if twilioapi.ValidateIdentity(s) == nil {
			if url.PathEscape(s) != s || len(s) < twilioapi.MinIdentityLength || len(s) > twilioapi.MaxIdentityLength {
				t.Fatalf("accepted identity %q needs escaping or has a bad length", s)
			}
		}
		if twilioapi.ValidateTOTPCode(s) == nil {
			for _, c := range []byte(s) {
				if c < '0' || c > '9' {
					t.Fatalf("accepted code %q", s)
				}
			}
		}
		code, err := twilioapi.TOTPCode(s, time.Unix(unix, 0), twilioapi.TOTPSHA256, int(digits), int(step))
		if err == nil && len(code) != int(digits) {
			t.Fatalf("TOTPCode(%q, %d digits) = %q", s, digits, code)
		}
	})
}
