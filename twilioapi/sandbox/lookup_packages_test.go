package sandbox

import (
	"encoding/json"
	"testing"
	"time"

	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
)

// allPackages asks for every data package.
const allPackages = "validation,caller_name,sim_swap,call_forwarding,line_status,line_type_intelligence," +
	"identity_match,reassigned_number,sms_pumping_risk,phone_number_quality_score,pre_fill"

// Every package asked for answers Twilio's shape through twilio-go, with
// the test numbers' data.
func TestLookupEveryPackage(t *testing.T) {
	e := newEnv(t, Options{})
	fetch := func(number string, set func(*lookups.FetchPhoneNumberParams)) *lookups.LookupResponse {
		t.Helper()
		p := (&lookups.FetchPhoneNumberParams{}).SetFields(allPackages)
		if set != nil {
			set(p)
		}
		r, err := e.l.FetchPhoneNumber(number, p)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	m := fetch(NumberMobile, func(p *lookups.FetchPhoneNumberParams) {
		p.SetFirstName("john").SetLastName("Do").SetCity("Portland").SetLastVerifiedDate("20250101")
	})
	if m.CallerName.CallerName != "JOHN DOE" || m.CallerName.CallerType != "CONSUMER" || m.CallerName.ErrorCode != 0 {
		t.Fatalf("caller_name %+v", m.CallerName)
	}
	if m.SimSwap.LastSimSwap.SwappedInPeriod || m.SimSwap.LastSimSwap.SwappedPeriod != "PT24H" || m.SimSwap.CarrierName != "Sandbox Wireless" {
		t.Fatalf("sim_swap %+v", m.SimSwap)
	}
	if m.CallForwarding.CallForwardingEnabled || m.LineStatus.Status != "active" {
		t.Fatalf("call_forwarding %+v line_status %+v", m.CallForwarding, m.LineStatus)
	}
	im := m.IdentityMatch
	if im.FirstNameMatch != "exact_match" || im.LastNameMatch != "high_partial_match" || im.CityMatch != "no_match" ||
		im.PostalCodeMatch != "" || im.SummaryScore != 50 || im.ErrorCode != 0 {
		t.Fatalf("identity_match %+v", im)
	}
	if m.ReassignedNumber.IsNumberReassigned != "no" || m.ReassignedNumber.LastVerifiedDate != "2025-01-01" {
		t.Fatalf("reassigned_number %+v", m.ReassignedNumber)
	}
	if m.PreFill == nil || m.PhoneNumberQualityScore == nil {
		t.Fatal("pre_fill or phone_number_quality_score missing")
	}

	swapped := fetch(NumberSIMSwapped, nil)
	if ls := swapped.SimSwap.LastSimSwap; !ls.SwappedInPeriod || !ls.LastSimSwapDate.Equal(t0.Add(-simSwapAge)) {
		t.Fatalf("swapped number: %+v", ls)
	}
	// The swap stays recent when the sandbox's clock moves.
	if _, err := e.sb.AdvanceClock(48 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if ls := fetch(NumberSIMSwapped, nil).SimSwap.LastSimSwap; !ls.SwappedInPeriod || !ls.LastSimSwapDate.Equal(t0.Add(48*time.Hour-simSwapAge)) {
		t.Fatalf("after 48 h: %+v", ls)
	}
	if !fetch(NumberCallForwarding, nil).CallForwarding.CallForwardingEnabled {
		t.Fatal("call forwarding number not forwarding")
	}
	und := fetch(NumberUndeliverable, func(p *lookups.FetchPhoneNumberParams) { p.SetLastVerifiedDate("20240601") })
	if und.LineStatus.Status != "unreachable" || und.ReassignedNumber.IsNumberReassigned != "yes" {
		t.Fatalf("undeliverable: %+v %+v", und.LineStatus, und.ReassignedNumber)
	}

	// No data: the package's error_code, never an HTTP error.
	land := fetch(NumberLandline, nil)
	for name, code := range map[string]int{
		"sim_swap": land.SimSwap.ErrorCode, "call_forwarding": land.CallForwarding.ErrorCode,
		"line_status": land.LineStatus.ErrorCode, "identity_match": land.IdentityMatch.ErrorCode,
		"pre_fill": int(asMap(t, land.PreFill)["error_code"].(float64)),
	} {
		if code != lookupNotMobile {
			t.Fatalf("landline %s error_code %d", name, code)
		}
	}
	uk := fetch("+442071838750", nil)
	if uk.CallerName.ErrorCode != lookupUnsupportedCountry || uk.CallerName.CallerName != "" || uk.ReassignedNumber.ErrorCode != "60607" {
		t.Fatalf("UK caller_name %+v reassigned %+v", uk.CallerName, uk.ReassignedNumber)
	}
}

// The raw answer: each package asked for is an object with Twilio's keys
// (null values included), dates are RFC 3339, and the ones not asked for
// stay null.
func TestLookupPackageShapes(t *testing.T) {
	e := newEnv(t, Options{})
	keys := map[string][]string{
		"caller_name":     {"caller_name", "caller_type", "error_code"},
		"sim_swap":        {"last_sim_swap", "carrier_name", "mobile_country_code", "mobile_network_code", "error_code"},
		"call_forwarding": {"call_forwarding_enabled", "error_code"},
		"line_status":     {"status", "error_code"},
		"identity_match": {"first_name_match", "last_name_match", "address_lines_match", "city_match", "state_match",
			"postal_code_match", "address_country_match", "national_id_match", "date_of_birth_match", "summary_score",
			"error_code", "error_message"},
		"reassigned_number": {"last_verified_date", "is_number_reassigned", "error_code"},
		"phone_number_quality_score": {"carrier_risk_score", "carrier_risk_category", "disposable_phone_risk_score",
			"disposable_phone_risk_category", "quality_score", "quality_category", "velocity_risk_score",
			"velocity_risk_category", "error_code"},
		"pre_fill": {"first_name", "last_name", "address_line", "country_code", "state", "postal_code", "error_code"},
	}
	for pkg, want := range keys {
		_, body := e.raw("GET", "/v2/PhoneNumbers/+14155550106?Fields="+pkg, "")
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		obj, ok := m[pkg].(map[string]any)
		if !ok || len(obj) != len(want) {
			t.Fatalf("%s: %s", pkg, body)
		}
		for _, k := range want {
			if _, ok := obj[k]; !ok {
				t.Fatalf("%s lacks %s: %s", pkg, k, body)
			}
		}
		for other := range keys {
			if other != pkg && m[other] != nil {
				t.Fatalf("%s answered without being asked", other)
			}
		}
	}
	_, body := e.raw("GET", "/v2/PhoneNumbers/+14155550106?Fields=sim_swap", "")
	var m struct {
		SimSwap struct {
			LastSimSwap struct {
				Date string `json:"last_sim_swap_date"`
			} `json:"last_sim_swap"`
		} `json:"sim_swap"`
	}
	_ = json.Unmarshal(body, &m)
	if _, err := time.Parse(time.RFC3339, m.SimSwap.LastSimSwap.Date); err != nil {
		t.Fatalf("last_sim_swap_date %q", m.SimSwap.LastSimSwap.Date)
	}
}
