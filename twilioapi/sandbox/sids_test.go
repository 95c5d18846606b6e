package sandbox

import (
	"strings"
	"testing"
)

func TestValidators(t *testing.T) {
	hex32 := strings.Repeat("aB3", 10) + "00"
	for _, tt := range []struct {
		name string
		got  bool
		want bool
	}{
		{"AC sid", ValidAccountSID("AC" + hex32), true},
		{"AC short", ValidAccountSID("AC" + hex32[1:]), false},
		{"AC non-hex", ValidAccountSID("AC" + strings.Repeat("g", 32)), false},
		{"VA as AC", ValidAccountSID("VA" + hex32), false},
		{"token", ValidAuthToken("abcXYZ123"), true},
		{"token empty", ValidAuthToken(""), false},
		{"token symbol", ValidAuthToken("abc-1"), false},
		{"e164", strictE164("+14155550100"), true},
		{"e164 no plus", strictE164("14155550100"), false},
		{"e164 zero", strictE164("+04155550100"), false},
		{"e164 long", strictE164("+1234567890123456"), false},
		{"e164 letter", strictE164("+1415555010a"), false},
		{"valid number", validE164("+442071838750"), true},
		{"invalid number", validE164("+1415555"), false},
		{"email", validEmail("a.b@example.com"), true},
		{"email name", validEmail("A <a@example.com>"), false},
		{"email no dot", validEmail("a@localhost"), false},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %v", tt.name, tt.got)
		}
	}
	for _, p := range []string{"AC", "VA", "VE", "VL", "SK", "GN"} {
		if sid := newSID(p); !validSID(sid, p) || sid != strings.ToLower(sid[:0])+p+strings.ToLower(sid[2:]) {
			t.Errorf("newSID(%s) = %s", p, sid)
		}
	}
	if c := randomDigits(10); len(c) != 10 || strings.Trim(c, "0123456789") != "" {
		t.Errorf("randomDigits = %q", c)
	}
}
