package sandbox

import (
	"strings"
	"time"
)

// Lookup package error codes (Twilio's error dictionary): a package that
// has no data for a number answers its object with null data and one of
// these in error_code, never an HTTP error.
const (
	// lookupUnsupportedCountry is 60607 "Lookup Unsupported Country": the
	// package does not cover the number's country (Caller Name,
	// Reassigned Number and, in the sandbox, Identity Match and Pre-Fill
	// are US only).
	lookupUnsupportedCountry = 60607
	// lookupNotMobile is 60612 "Requested phone number is not a mobile
	// number": the package applies to mobile numbers only.
	lookupNotMobile = 60612
)

// The identity the sandbox's carrier holds for every US mobile number
// (Identity Match compares against it, Pre-Fill returns it).
var sandboxIdentity = struct {
	first, last, address, city, state, postal, country, nationalID, dob string
}{"John", "Doe", "321 Main Street", "Seattle", "WA", "98117", "US", "YZ3456883", "19901214"}

// simSwapAge is how long before "now" NumberSIMSwapped's SIM was swapped:
// always inside the 24-hour period, whatever the sandbox's clock reads.
const simSwapAge = 3 * time.Hour

type callerNameJSON struct {
	CallerName *string `json:"caller_name"`
	CallerType *string `json:"caller_type"`
	ErrorCode  *int    `json:"error_code"`
}

type lastSimSwapJSON struct {
	LastSimSwapDate *string `json:"last_sim_swap_date"`
	SwappedPeriod   *string `json:"swapped_period"`
	SwappedInPeriod *bool   `json:"swapped_in_period"`
}

type simSwapJSON struct {
	LastSimSwap       *lastSimSwapJSON `json:"last_sim_swap"`
	CarrierName       *string          `json:"carrier_name"`
	MobileCountryCode *string          `json:"mobile_country_code"`
	MobileNetworkCode *string          `json:"mobile_network_code"`
	ErrorCode         *int             `json:"error_code"`
}

type callForwardingJSON struct {
	CallForwardingEnabled *bool `json:"call_forwarding_enabled"`
	ErrorCode             *int  `json:"error_code"`
}

type lineStatusJSON struct {
	Status    *string `json:"status"`
	ErrorCode *int    `json:"error_code"`
}

type identityMatchJSON struct {
	FirstNameMatch      *string `json:"first_name_match"`
	LastNameMatch       *string `json:"last_name_match"`
	AddressLinesMatch   *string `json:"address_lines_match"`
	CityMatch           *string `json:"city_match"`
	StateMatch          *string `json:"state_match"`
	PostalCodeMatch     *string `json:"postal_code_match"`
	AddressCountryMatch *string `json:"address_country_match"`
	NationalIDMatch     *string `json:"national_id_match"`
	DateOfBirthMatch    *string `json:"date_of_birth_match"`
	SummaryScore        *int    `json:"summary_score"`
	ErrorCode           *int    `json:"error_code"`
	ErrorMessage        *string `json:"error_message"`
}

// reassignedJSON's error_code is a string: so the spec types it.
type reassignedJSON struct {
	LastVerifiedDate   *string `json:"last_verified_date"`
	IsNumberReassigned *string `json:"is_number_reassigned"`
	ErrorCode          *string `json:"error_code"`
}

type qualityScoreJSON struct {
	CarrierRiskScore            *int    `json:"carrier_risk_score"`
	CarrierRiskCategory         *string `json:"carrier_risk_category"`
	DisposablePhoneRiskScore    *int    `json:"disposable_phone_risk_score"`
	DisposablePhoneRiskCategory *string `json:"disposable_phone_risk_category"`
	QualityScore                *int    `json:"quality_score"`
	QualityCategory             *string `json:"quality_category"`
	VelocityRiskScore           *int    `json:"velocity_risk_score"`
	VelocityRiskCategory        *string `json:"velocity_risk_category"`
	ErrorCode                   *int    `json:"error_code"`
}

type preFillJSON struct {
	FirstName   *string `json:"first_name"`
	LastName    *string `json:"last_name"`
	AddressLine *string `json:"address_line"`
	CountryCode *string `json:"country_code"`
	State       *string `json:"state"`
	PostalCode  *string `json:"postal_code"`
	ErrorCode   *int    `json:"error_code"`
}

// ptr is a pointer to a copy of v (an optional JSON value that is set).
func ptr[T any](v T) *T { return &v }

// lookupSubject is what the packages need to know about a valid number.
type lookupSubject struct {
	e164, region string
	line         line
	now          time.Time
	f            form
}

func (n lookupSubject) mobile() bool { return n.line.Type == "mobile" }
func (n lookupSubject) us() bool     { return n.region == "US" }

func (n lookupSubject) callerName() *callerNameJSON {
	switch {
	case !n.us():
		return &callerNameJSON{ErrorCode: ptr(lookupUnsupportedCountry)}
	case n.line.Type == "landline":
		return &callerNameJSON{CallerName: ptr("SANDBOX TELEPHONE CO"), CallerType: ptr("BUSINESS")}
	}
	return &callerNameJSON{CallerName: ptr("JOHN DOE"), CallerType: ptr("CONSUMER")}
}

func (n lookupSubject) simSwap() *simSwapJSON {
	if !n.mobile() {
		return &simSwapJSON{ErrorCode: ptr(lookupNotMobile)}
	}
	last := &lastSimSwapJSON{SwappedPeriod: ptr("PT24H"), SwappedInPeriod: ptr(false)}
	if n.e164 == NumberSIMSwapped {
		last.LastSimSwapDate = ptr(rfc3339(n.now.Add(-simSwapAge)))
		last.SwappedInPeriod = ptr(true)
	}
	return &simSwapJSON{LastSimSwap: last, CarrierName: ptr(n.line.Carrier),
		MobileCountryCode: strPtr(n.line.MCC), MobileNetworkCode: strPtr(n.line.MNC)}
}

func (n lookupSubject) callForwarding() *callForwardingJSON {
	if !n.mobile() {
		return &callForwardingJSON{ErrorCode: ptr(lookupNotMobile)}
	}
	return &callForwardingJSON{CallForwardingEnabled: ptr(n.e164 == NumberCallForwarding)}
}

func (n lookupSubject) lineStatus() *lineStatusJSON {
	switch {
	case !n.mobile():
		return &lineStatusJSON{ErrorCode: ptr(lookupNotMobile)}
	case n.e164 == NumberUndeliverable:
		return &lineStatusJSON{Status: ptr("unreachable")}
	}
	return &lineStatusJSON{Status: ptr("active")}
}

// identityMatch compares the identity parameters given with
// sandboxIdentity: exact_match when equal (ignoring case and spacing),
// high_partial_match when one starts with the other, no_match otherwise,
// null when not given. summary_score is the share of given fields that
// match (a partial match counts half), in tens.
func (n lookupSubject) identityMatch() *identityMatchJSON {
	switch {
	case !n.us():
		return &identityMatchJSON{ErrorCode: ptr(lookupUnsupportedCountry), ErrorMessage: ptr("Lookup Unsupported Country")}
	case !n.mobile():
		return &identityMatchJSON{ErrorCode: ptr(lookupNotMobile), ErrorMessage: ptr("Requested phone number is not a mobile number")}
	}
	id := sandboxIdentity
	j := &identityMatchJSON{}
	given, points := 0, 0
	for _, c := range []struct {
		param string
		alt   string // a second parameter compared with the same value
		want  string
		dst   **string
	}{
		{"FirstName", "", id.first, &j.FirstNameMatch},
		{"LastName", "", id.last, &j.LastNameMatch},
		{"AddressLine1", "AddressLine2", id.address, &j.AddressLinesMatch},
		{"City", "", id.city, &j.CityMatch},
		{"State", "", id.state, &j.StateMatch},
		{"PostalCode", "", id.postal, &j.PostalCodeMatch},
		{"AddressCountryCode", "", id.country, &j.AddressCountryMatch},
		{"NationalId", "", id.nationalID, &j.NationalIDMatch},
		{"DateOfBirth", "", id.dob, &j.DateOfBirthMatch},
	} {
		v := strings.TrimSpace(n.f.str(c.param) + " " + n.f.str(c.alt))
		if v == "" {
			continue
		}
		given++
		m := matchLevel(v, c.want)
		*c.dst = ptr(m)
		switch m {
		case "exact_match":
			points += 2
		case "high_partial_match":
			points++
		}
	}
	score := 0
	if given > 0 {
		score = points * 100 / (2 * given) / 10 * 10
	}
	j.SummaryScore = ptr(score)
	return j
}

// matchLevel grades a given identity value against the known one.
func matchLevel(got, want string) string {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	g, w := norm(got), norm(want)
	switch {
	case g == w:
		return "exact_match"
	case len(g) >= 2 && (strings.HasPrefix(w, g) || strings.HasPrefix(g, w)):
		return "high_partial_match"
	}
	return "no_match"
}

// reassignedNumber: NumberUndeliverable (a disconnected line) has been
// reassigned since any LastVerifiedDate; other US numbers have not. Without
// a valid LastVerifiedDate (YYYYMMDD) there is nothing to compare:
// no_data_available.
func (n lookupSubject) reassignedNumber() *reassignedJSON {
	if !n.us() {
		return &reassignedJSON{ErrorCode: ptr("60607")}
	}
	d, err := time.Parse("20060102", n.f.str("LastVerifiedDate"))
	if err != nil {
		return &reassignedJSON{IsNumberReassigned: ptr("no_data_available")}
	}
	answer := "no"
	if n.e164 == NumberUndeliverable {
		answer = "yes"
	}
	return &reassignedJSON{LastVerifiedDate: ptr(d.Format(time.DateOnly)), IsNumberReassigned: ptr(answer)}
}

// qualityScore rates NumberFraud high risk, NumberSIMSwapped moderate
// (velocity), everything else low.
func (n lookupSubject) qualityScore() *qualityScoreJSON {
	q := &qualityScoreJSON{
		CarrierRiskScore: ptr(17), CarrierRiskCategory: ptr("low"),
		DisposablePhoneRiskScore: ptr(13), DisposablePhoneRiskCategory: ptr("low"),
		QualityScore: ptr(12), QualityCategory: ptr("low"),
		VelocityRiskScore: ptr(0), VelocityRiskCategory: ptr("low"),
	}
	switch n.e164 {
	case NumberFraud:
		q.CarrierRiskScore, q.CarrierRiskCategory = ptr(92), ptr("high")
		q.QualityScore, q.QualityCategory = ptr(88), ptr("high")
		q.VelocityRiskScore, q.VelocityRiskCategory = ptr(75), ptr("high")
	case NumberSIMSwapped:
		q.QualityScore, q.QualityCategory = ptr(55), ptr("moderate")
		q.VelocityRiskScore, q.VelocityRiskCategory = ptr(60), ptr("moderate")
	}
	return q
}

func (n lookupSubject) preFill() *preFillJSON {
	switch {
	case !n.us():
		return &preFillJSON{ErrorCode: ptr(lookupUnsupportedCountry)}
	case !n.mobile():
		return &preFillJSON{ErrorCode: ptr(lookupNotMobile)}
	}
	id := sandboxIdentity
	return &preFillJSON{FirstName: ptr(id.first), LastName: ptr(id.last), AddressLine: ptr(id.address),
		CountryCode: ptr(id.country), State: ptr(id.state), PostalCode: ptr(id.postal)}
}
