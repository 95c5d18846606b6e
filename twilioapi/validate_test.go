package twilioapi_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// e164 is the strict shape every accepted number must have.
var e164 = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)

// wantInvalid asserts err is a KindInvalidInput *Error naming field.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var e *twilioapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not *twilioapi.Error", err, err)
	}
	if e.Kind != twilioapi.KindInvalidInput {
		t.Fatalf("kind = %v, want invalid input", e.Kind)
	}
	if field != "" && e.Field != field {
		t.Fatalf("field = %q, want %q (message %q)", e.Field, field, e.Message)
	}
	if e.Message == "" {
		t.Fatal("empty message")
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, region, want string
	}{
		{"(415) 555-0100", "US", "+14155550100"},
		{"(415) 555-0100", "us", "+14155550100"},
		{"415.555.0100", "US", "+14155550100"},
		{"+1 415 555 0100", "", "+14155550100"},
		{"+44 20 7183 8750", "", "+442071838750"},
		{"+44 20 7183 8750", "US", "+442071838750"},
		{"020 7183 8750", "GB", "+442071838750"},
		{"  +33 6 12 34 56 78  ", "", "+33612345678"},
		{"+49 1512 3456789", "DE", "+4915123456789"},
		{"garbage", "US", ""},
		{"", "US", ""},
		{"   ", "US", ""},
		{"1-800-FLOWERS", "US", ""}, // letters refused
		{"(415) 555-0100", "", ""},  // national number without a region
		{"+1 415 555 010", "", ""},  // too short
		{"+999 123456", "", ""},     // no such country code
		{"+1 415 555 0100 ext 5", "", ""},
		{"++14155550100", "", ""},
		{"+", "", ""},
		{strings.Repeat("1", 80), "US", ""},
	}
	for _, tt := range tests {
		got, err := twilioapi.NormalizePhone(tt.in, tt.region)
		if tt.want == "" {
			if err == nil {
				t.Errorf("NormalizePhone(%q, %q) = %q, want an error", tt.in, tt.region, got)
				continue
			}
			wantInvalid(t, err, "To")
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q, %q) = %q, %v; want %q", tt.in, tt.region, got, err, tt.want)
		}
		if !e164.MatchString(got) {
			t.Errorf("%q is not strict E.164", got)
		}
	}
}

func TestIsPhoneRegion(t *testing.T) {
	for region, want := range map[string]bool{
		"US": true, "GB": true, "IE": true, "JP": true,
		"gb": false, "": false, "UK": false, "XX": false, "USA": false, "001": false, "ZZ": false,
	} {
		if got := twilioapi.IsPhoneRegion(region); got != want {
			t.Errorf("IsPhoneRegion(%q) = %v, want %v", region, got, want)
		}
	}
}

func TestValidateEmail(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"alice@example.com", true},
		{"bounce@example.com", true},
		{"a.b+tag@sub.example.co.uk", true},
		{"", false},
		{"alice", false},
		{"alice@", false},
		{"@example.com", false},
		{"alice@localhost", false},
		{"Alice <alice@example.com>", false},
		{"alice@example..com", false},
		{"alice@.example.com", false},
		{"alice@example.com.", false},
		{"al ice@example.com", false},
		{strings.Repeat("a", 250) + "@example.com", false},
	}
	for _, tt := range tests {
		err := twilioapi.ValidateEmail(tt.in)
		if tt.ok && err != nil {
			t.Errorf("ValidateEmail(%q) = %v, want nil", tt.in, err)
		}
		if !tt.ok {
			if err == nil {
				t.Errorf("ValidateEmail(%q) = nil, want an error", tt.in)
				continue
			}
			wantInvalid(t, err, "To")
		}
	}
}

func TestValidateSID(t *testing.T) {
	hex := "0123456789abcdef0123456789ABCDEF"
	tests := []struct {
		prefix, sid string
		ok          bool
		field       string
	}{
		{"VA", "VA" + hex, true, ""},
		{"VE", "VE" + hex, true, ""},
		{"YE", "YE" + hex, true, ""},
		{"YF", "YF" + hex, true, ""},
		{"YC", "YC" + hex, true, ""},
		{"VL", "VL" + hex, true, ""},
		{"SK", "SK" + hex, true, ""},
		{"AC", "AC" + hex, true, ""},
		{"VA", "VE" + hex, false, "Service SID"},
		{"VA", "VA" + hex[:31], false, "Service SID"},
		{"VA", "VA" + hex + "0", false, "Service SID"},
		{"VA", "VA" + strings.Replace(hex, "a", "g", 1), false, "Service SID"},
		{"VE", "", false, "Verification SID"},
		{"VA", "va" + hex, false, "Service SID"},
		{"AC", "AC/../" + hex[:28], false, "Account SID"},
	}
	for _, tt := range tests {
		err := twilioapi.ValidateSID(tt.prefix, tt.sid)
		if tt.ok != (err == nil) {
			t.Errorf("ValidateSID(%q, %q) = %v, want ok=%v", tt.prefix, tt.sid, err, tt.ok)
			continue
		}
		if !tt.ok {
			wantInvalid(t, err, tt.field)
			if !strings.Contains(err.Error(), tt.prefix+" followed by 32 hex") && tt.sid != "" {
				t.Errorf("message %q does not explain the shape", err)
			}
		}
	}
}

func TestRangeValidators(t *testing.T) {
	tests := []struct {
		name   string
		f      func(int) error
		lo, hi int
	}{
		{"code length", twilioapi.ValidateCodeLength, 4, 10},
		{"totp time step", twilioapi.ValidateTOTPTimeStep, 20, 60},
		{"totp code length", twilioapi.ValidateTOTPCodeLength, 3, 8},
		{"totp skew", twilioapi.ValidateTOTPSkew, 0, 2},
		{"page size", twilioapi.ValidatePageSize, 1, 1000},
	}
	for _, tt := range tests {
		for _, n := range []int{tt.lo, tt.hi, (tt.lo + tt.hi) / 2} {
			if err := tt.f(n); err != nil {
				t.Errorf("%s %d: %v", tt.name, n, err)
			}
		}
		for _, n := range []int{tt.lo - 1, tt.hi + 1, -1000} {
			err := tt.f(n)
			if err == nil {
				t.Errorf("%s %d accepted", tt.name, n)
				continue
			}
			wantInvalid(t, err, "")
		}
	}
}

func TestTextValidators(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) error
		in   string
		ok   bool
	}{
		{"name", twilioapi.ValidateFriendlyName, "Sandbox Demo", true},
		{"name 30", twilioapi.ValidateFriendlyName, strings.Repeat("x", 30), true},
		{"name 31", twilioapi.ValidateFriendlyName, strings.Repeat("x", 31), false},
		{"name empty", twilioapi.ValidateFriendlyName, "  ", false},
		{"name control", twilioapi.ValidateFriendlyName, "Acme\x1b[2J", false},
		{"name unicode 30", twilioapi.ValidateFriendlyName, strings.Repeat("é", 30), true},
		{"custom 4", twilioapi.ValidateCustomCode, "1234", true},
		{"custom 10", twilioapi.ValidateCustomCode, "1234567890", true},
		{"custom 3", twilioapi.ValidateCustomCode, "123", false},
		{"custom 11", twilioapi.ValidateCustomCode, "12345678901", false},
		{"custom letters", twilioapi.ValidateCustomCode, "12ab", false},
		{"code 6", twilioapi.ValidateCode, "123456", true},
		{"code alnum", twilioapi.ValidateCode, "ab12", true},
		{"code short", twilioapi.ValidateCode, "123", false},
		{"code long", twilioapi.ValidateCode, "12345678901", false},
		{"code space", twilioapi.ValidateCode, "12 456", false},
	}
	for _, tt := range tests {
		err := tt.f(tt.in)
		if tt.ok != (err == nil) {
			t.Errorf("%s (%q): err = %v, want ok=%v", tt.name, tt.in, err, tt.ok)
		}
		if err != nil {
			wantInvalid(t, err, "")
		}
	}
}

func TestParseRecipient(t *testing.T) {
	tests := []struct {
		in, region string
		kind       twilioapi.RecipientKind
		valid      bool
		e164       string
		iso, flag  string
		country    string
	}{
		{"+14155550100", "", twilioapi.RecipientPhone, true, "+14155550100", "US", "🇺🇸", "United States"},
		{"(415) 555-0100", "US", twilioapi.RecipientPhone, true, "+14155550100", "US", "🇺🇸", "United States"},
		{"+44 20 7183 8750", "US", twilioapi.RecipientPhone, true, "+442071838750", "GB", "🇬🇧", "United Kingdom"},
		{"+44 20", "US", twilioapi.RecipientPhone, false, "", "GB", "🇬🇧", "United Kingdom"}, // still typing
		{"+33 6 12 34 56 78", "", twilioapi.RecipientPhone, true, "+33612345678", "FR", "🇫🇷", "France"},
		{"alice@example.com", "US", twilioapi.RecipientEmail, true, "", "", "", ""},
		{"alice@", "US", twilioapi.RecipientEmail, false, "", "", "", ""},
		{"garbage", "US", twilioapi.RecipientPhone, false, "", "", "", ""},
		{"", "US", twilioapi.RecipientPhone, false, "", "", "", ""},
	}
	for _, tt := range tests {
		r, err := twilioapi.ParseRecipient(tt.in, tt.region)
		if tt.valid != (err == nil) || r.Valid != tt.valid {
			t.Errorf("ParseRecipient(%q): valid=%v err=%v, want valid=%v", tt.in, r.Valid, err, tt.valid)
		}
		if err != nil {
			wantInvalid(t, err, "To")
		}
		if r.Kind != tt.kind || r.E164 != tt.e164 || r.Region != tt.iso || r.Flag != tt.flag || r.CountryName != tt.country {
			t.Errorf("ParseRecipient(%q) = %+v", tt.in, r)
		}
		if r.Input != tt.in {
			t.Errorf("Input = %q, want %q", r.Input, tt.in)
		}
		if tt.kind == twilioapi.RecipientEmail && tt.valid && r.Email != tt.in {
			t.Errorf("Email = %q", r.Email)
		}
	}
}

func TestFlagEmoji(t *testing.T) {
	for in, want := range map[string]string{"US": "🇺🇸", "gb": "🇬🇧", "": "", "USA": "", "1A": ""} {
		if got := twilioapi.FlagEmoji(in); got != want {
			t.Errorf("FlagEmoji(%q) = %q, want %q", in, got, want)
		}
	}
}
