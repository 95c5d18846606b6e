package sandbox

import (
	"encoding/json"
	"testing"

	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
)

func TestLookup(t *testing.T) {
	e := newEnv(t, Options{})
	fields := (&lookups.FetchPhoneNumberParams{}).SetFields("line_type_intelligence,sms_pumping_risk")
	tests := []struct {
		number, country     string
		valid               bool
		e164, national, typ string
		risk                int
		blocked             bool
		errs                string
	}{
		{NumberMobile, "", true, NumberMobile, "(415) 555-0100", "mobile", 7, false, ""},
		{NumberLandline, "", true, NumberLandline, "(415) 555-0101", "landline", 7, false, ""},
		{NumberFraud, "", true, NumberFraud, "(415) 555-0102", "mobile", 95, true, ""},
		{"+442071838750", "", true, "+442071838750", "020 7183 8750", "mobile", 7, false, ""},
		{"4155550100", "US", true, NumberMobile, "(415) 555-0100", "mobile", 7, false, ""},
		{"02071838750", "GB", true, "+442071838750", "020 7183 8750", "mobile", 7, false, ""},
		{"+141599299600", "", false, "", "", "", 0, false, "TOO_LONG"},
		{"+1415", "", false, "", "", "", 0, false, "TOO_SHORT"},
		{"hello", "", false, "", "", "", 0, false, "NOT_A_NUMBER"},
	}
	for _, tt := range tests {
		t.Run(tt.number, func(t *testing.T) {
			p := *fields
			if tt.country != "" {
				p.SetCountryCode(tt.country)
			}
			r, err := e.l.FetchPhoneNumber(tt.number, &p)
			if err != nil {
				t.Fatal(err)
			}
			if r.Valid != tt.valid {
				t.Fatalf("valid=%v", r.Valid)
			}
			if !tt.valid {
				if len(r.ValidationErrors) != 1 || string(r.ValidationErrors[0]) != tt.errs || r.CountryCode != nil {
					t.Fatalf("invalid answer %+v", r)
				}
				return
			}
			if *r.PhoneNumber != tt.e164 || *r.NationalFormat != tt.national || r.LineTypeIntelligence.Type != tt.typ ||
				r.SmsPumpingRisk.SmsPumpingRiskScore != tt.risk || r.SmsPumpingRisk.NumberBlocked != tt.blocked {
				t.Fatalf("answer %+v", r)
			}
			if r.Url != e.srv.URL()+"/v2/PhoneNumbers/"+tt.e164 {
				t.Fatalf("url %s", r.Url)
			}
		})
	}
	// Packages not asked for are null.
	_, body := e.raw("GET", "/v2/PhoneNumbers/+14155550100", "")
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if m["line_type_intelligence"] != nil || m["sms_pumping_risk"] != nil || m["valid"] != true || m["calling_country_code"] != "1" {
		t.Fatalf("%s", body)
	}
	resp, _ := e.raw("GET", "/v2/PhoneNumbers/+14155550100?Fields=everything", "")
	if resp.StatusCode != 400 {
		t.Fatalf("unknown field answered %d", resp.StatusCode)
	}
}
