package sessions

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseRecipientFormats(t *testing.T) {
	cases := []struct {
		in, region string
		kind       recipientKind
		to         string
		country    string
	}{
		{"(415) 555-0100", "US", recipientPhone, "+14155550100", "United States"},
		{"415.555.0100", "", recipientPhone, "+14155550100", "United States"},
		{"+44 20 7183 8750", "US", recipientPhone, "+442071838750", "United Kingdom"},
		{"020 7183 8750", "GB", recipientPhone, "+442071838750", "United Kingdom"},
		{"  +14155550100  ", "US", recipientPhone, "+14155550100", "United States"},
		{"bob@example.com", "US", recipientEmail, "bob@example.com", ""},
		{"", "US", recipientNone, "", ""},
		{"+1 800 FLOWERS", "US", recipientInvalid, "", ""},
		{"a@b", "US", recipientInvalid, "", ""},
		{"Bob <bob@example.com>", "US", recipientInvalid, "", ""},
		{"12", "US", recipientInvalid, "", "United States"},
	}
	for _, c := range cases {
		r := parseRecipient(c.in, c.region)
		if r.kind() != c.kind || r.To() != c.to || r.CountryName != c.country {
			t.Errorf("parseRecipient(%q, %q) = kind %d to %q country %q; want %d %q %q (problem %q)",
				c.in, c.region, r.Kind, r.To(), r.CountryName, c.kind, c.to, c.country, r.Problem)
		}
		if r.kind() == recipientInvalid && r.Problem == "" {
			t.Errorf("%q: invalid without a reason", c.in)
		}
	}
	if r := parseRecipient("+44 20", "US"); r.CountryName != "United Kingdom" || r.Flag != "🇬🇧" || r.Sendable() {
		t.Errorf("an incomplete number should show its country and not be sendable: %+v", r)
	}
}

// FuzzParseRecipient checks the To field's normaliser on any input: it
// never panics, anything sendable is strict E.164 or a bare address,
// normalising the result again changes nothing, and the summary is one
// line.
func FuzzParseRecipient(f *testing.F) {
	for _, s := range []string{
		"(415) 555-0100", "415.555.0100", "+44 20 7183 8750", "+14155550104", "bob@example.com",
		"", " ", "+", "@", "a@b.c", "+1 (415) 555-0100 ext. 2", "٤١٥٥٥٥٠١٠٠", "+999999999999999999",
		"\x00\xff", "bob@exa mple.com", "\"a b\"@example.com", "+1-800-FLOWERS", strings.Repeat("9", 300),
	} {
		f.Add(s, "US")
	}
	f.Add("020 7183 8750", "GB")
	f.Add("0612345678", "fr")
	f.Add("5550100", "")
	f.Fuzz(func(t *testing.T, in, region string) {
		r := parseRecipient(in, region)
		if strings.ContainsAny(r.Summary(), "\n\r") {
			t.Fatalf("summary spans lines: %q", r.Summary())
		}
		if !utf8.ValidString(r.Summary()) && utf8.ValidString(in) {
			t.Fatalf("summary not UTF-8: %q", r.Summary())
		}
		switch r.kind() {
		case recipientPhone:
			if !strictE164(r.E164) {
				t.Fatalf("%q → %q is not E.164", in, r.E164)
			}
			if again := parseRecipient(r.E164, region); again.E164 != r.E164 {
				t.Fatalf("not idempotent: %q → %q → %q", in, r.E164, again.E164)
			}
		case recipientEmail:
			if strings.Count(r.Email, "@") < 1 || strings.ContainsAny(r.Email, " \t\r\n") {
				t.Fatalf("%q → bad address %q", in, r.Email)
			}
			if again := parseRecipient(r.Email, region); again.Email != r.Email {
				t.Fatalf("not idempotent: %q → %q → %q", in, r.Email, again.Email)
			}
		case recipientInvalid:
			if r.Problem == "" || r.Sendable() {
				t.Fatalf("%q invalid but sendable or unexplained: %+v", in, r)
			}
		case recipientNone:
			if strings.TrimSpace(in) != "" {
				t.Fatalf("%q read as empty", in)
			}
		}
	})
}

// strictE164 is "+", then 2–15 digits, the first not 0.
func strictE164(s string) bool {
	if len(s) < 3 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
