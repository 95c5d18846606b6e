package twilioapi_test

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// phoneSeeds are the seed corpus of both fuzz targets: good numbers in many
// shapes, near misses, and hostile input.
var phoneSeeds = []struct{ in, region string }{
	{"(415) 555-0100", "US"},
	{"+14155550100", ""},
	{"+44 20 7183 8750", "US"},
	{"020 7183 8750", "GB"},
	{"+33 6 12 34 56 78", ""},
	{"+49 1512 3456789", "de"},
	{"+683 4002", ""},
	{"+1", ""},
	{"+", ""},
	{"", ""},
	{"garbage", "US"},
	{"1-800-FLOWERS", "US"},
	{"+999 123456", ""},
	{"+1 415 555 0100 ext 5", ""},
	{"++14155550100", ""},
	{"0000000000000000000000", "US"},
	{"+1 (((((((415)))))))", ""},
	{"+٤٤٢٠٧١٨٣٨٧٥٠", ""}, // Arabic-Indic digits
	{"+1 415 555 0100\x00", ""},
	{"alice@example.com", "US"},
	{"a@b@c", ""},
	{"\xff\xfe", "ZZ"},
	{"+14155550100", "XX"},
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range phoneSeeds {
		f.Add(s.in, s.region)
	}
	f.Fuzz(func(t *testing.T, in, region string) {
		out, err := twilioapi.NormalizePhone(in, region)
		if err != nil {
			var e *twilioapi.Error
			if !errors.As(err, &e) || e.Kind != twilioapi.KindInvalidInput || e.Field != "To" {
				t.Fatalf("NormalizePhone(%q, %q): error %v is not an invalid-input *Error on To", in, region, err)
			}
			if out != "" {
				t.Fatalf("output %q next to an error", out)
			}
			return
		}
		if !e164.MatchString(out) {
			t.Fatalf("NormalizePhone(%q, %q) = %q, not strict E.164", in, region, out)
		}
		// Normalising is idempotent.
		again, err := twilioapi.NormalizePhone(out, "")
		if err != nil || again != out {
			t.Fatalf("NormalizePhone(%q) = %q, %v; want itself", out, again, err)
		}
	})
}

func FuzzParseRecipient(f *testing.F) {
	for _, s := range phoneSeeds {
		f.Add(s.in, s.region)
	}
	f.Fuzz(func(t *testing.T, in, region string) {
		r, err := twilioapi.ParseRecipient(in, region)
		if r.Input != in {
			t.Fatalf("Input = %q, want %q", r.Input, in)
		}
		if err != nil {
			var e *twilioapi.Error
			if !errors.As(err, &e) || e.Kind != twilioapi.KindInvalidInput || e.Field != "To" {
				t.Fatalf("error %v is not an invalid-input *Error on To", err)
			}
			if r.Valid || r.E164 != "" || r.Email != "" {
				t.Fatalf("invalid recipient carries a value: %+v", r)
			}
			return
		}
		if !r.Valid {
			t.Fatalf("no error but not valid: %+v", r)
		}
		switch r.Kind {
		case twilioapi.RecipientPhone:
			if !e164.MatchString(r.E164) || r.Email != "" {
				t.Fatalf("phone recipient %+v", r)
			}
			if r.Region != "" && (len(r.Region) != 2 || r.Flag == "" || !utf8.ValidString(r.Flag)) {
				t.Fatalf("region %q flag %q", r.Region, r.Flag)
			}
		case twilioapi.RecipientEmail:
			if r.Email == "" || r.E164 != "" || twilioapi.ValidateEmail(r.Email) != nil {
				t.Fatalf("email recipient %+v", r)
			}
		default:
			t.Fatalf("kind %v", r.Kind)
		}
	})
}
