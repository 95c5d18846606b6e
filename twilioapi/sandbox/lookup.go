package sandbox

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"
)

// lookupFields are the Lookup v2 data packages Twilio knows. Each one
// asked for in Fields gets its object (lookup_packages.go), with data or
// with the error_code Twilio uses when a package has none for the number.
// "validation" has no object of its own: Twilio answers it in the
// top-level valid and validation_errors, which every lookup carries.
var lookupFields = []string{"validation", "caller_name", "sim_swap", "call_forwarding", "line_status",
	"line_type_intelligence", "identity_match", "reassigned_number", "sms_pumping_risk",
	"phone_number_quality_score", "pre_fill"}

// lookupJSON is the wire shape of a Lookup v2 answer.
type lookupJSON struct {
	CallingCountryCode      *string             `json:"calling_country_code"`
	CountryCode             *string             `json:"country_code"`
	PhoneNumber             string              `json:"phone_number"`
	NationalFormat          *string             `json:"national_format"`
	Valid                   bool                `json:"valid"`
	ValidationErrors        []string            `json:"validation_errors"`
	CallerName              *callerNameJSON     `json:"caller_name"`
	SimSwap                 *simSwapJSON        `json:"sim_swap"`
	CallForwarding          *callForwardingJSON `json:"call_forwarding"`
	LineStatus              *lineStatusJSON     `json:"line_status"`
	LineTypeIntelligence    *ltiJSON            `json:"line_type_intelligence"`
	IdentityMatch           *identityMatchJSON  `json:"identity_match"`
	ReassignedNumber        *reassignedJSON     `json:"reassigned_number"`
	SMSPumpingRisk          *riskJSON           `json:"sms_pumping_risk"`
	PhoneNumberQualityScore *qualityScoreJSON   `json:"phone_number_quality_score"`
	PreFill                 *preFillJSON        `json:"pre_fill"`
	URL                     string              `json:"url"`
}

type ltiJSON struct {
	MobileCountryCode *string `json:"mobile_country_code"`
	MobileNetworkCode *string `json:"mobile_network_code"`
	CarrierName       string  `json:"carrier_name"`
	Type              string  `json:"type"`
	ErrorCode         *int    `json:"error_code"`
}

type riskJSON struct {
	CarrierRiskCategory      string  `json:"carrier_risk_category"`
	NumberBlocked            bool    `json:"number_blocked"`
	NumberBlockedDate        *string `json:"number_blocked_date"`
	NumberBlockedLast3Months bool    `json:"number_blocked_last_3_months"`
	SMSPumpingRiskScore      int     `json:"sms_pumping_risk_score"`
	ErrorCode                *int    `json:"error_code"`
}

// strPtr is s as an optional JSON string: nil (null) when empty.
func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// lookupPhone answers GET /v2/PhoneNumbers/{n}. An invalid number is 200
// with valid:false and validation_errors, as on Twilio.
func (s *Sandbox) lookupPhone(w http.ResponseWriter, r *http.Request, raw string, f form) {
	want := map[string]bool{}
	for _, v := range f["Fields"] {
		for _, name := range strings.Split(v, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if !slices.Contains(lookupFields, name) {
				writeError(w, errInvalid("Fields"))
				return
			}
			want[name] = true
		}
	}
	region := strings.ToUpper(f.str("CountryCode"))
	if region == "" {
		region = "US" // Twilio's default for national-format input
	}
	base := s.basesFor(r).lookups
	out := lookupJSON{PhoneNumber: raw, URL: base + "/PhoneNumbers/" + raw}
	num, err := phonenumbers.Parse(raw, region)
	switch {
	case err == phonenumbers.ErrInvalidCountryCode:
		out.ValidationErrors = []string{"INVALID_COUNTRY_CODE"}
	case err == phonenumbers.ErrTooShortNSN || err == phonenumbers.ErrTooShortAfterIDD:
		out.ValidationErrors = []string{"TOO_SHORT"}
	case err == phonenumbers.ErrNumTooLong:
		out.ValidationErrors = []string{"TOO_LONG"}
	case err != nil:
		out.ValidationErrors = []string{"NOT_A_NUMBER"}
	case !phonenumbers.IsValidNumber(num):
		switch phonenumbers.IsPossibleNumberWithReason(num) {
		case phonenumbers.TOO_SHORT:
			out.ValidationErrors = []string{"TOO_SHORT"}
		case phonenumbers.TOO_LONG:
			out.ValidationErrors = []string{"TOO_LONG"}
		case phonenumbers.INVALID_COUNTRY_CODE:
			out.ValidationErrors = []string{"INVALID_COUNTRY_CODE"}
		case phonenumbers.INVALID_LENGTH:
			out.ValidationErrors = []string{"INVALID_LENGTH"}
		default:
			out.ValidationErrors = []string{"INVALID_BUT_POSSIBLE"}
		}
	default:
		e164 := phonenumbers.Format(num, phonenumbers.E164)
		out.Valid = true
		out.PhoneNumber = e164
		out.URL = base + "/PhoneNumbers/" + e164
		out.CallingCountryCode = strPtr(strconv.Itoa(int(num.GetCountryCode())))
		out.CountryCode = strPtr(phonenumbers.GetRegionCodeForNumber(num))
		out.NationalFormat = strPtr(phonenumbers.Format(num, phonenumbers.NATIONAL))
		ln := lineOf(e164)
		n := lookupSubject{e164: e164, region: phonenumbers.GetRegionCodeForNumber(num), line: ln, now: s.clock(), f: f}
		for _, p := range []struct {
			name string
			fill func()
		}{
			{"line_type_intelligence", func() {
				out.LineTypeIntelligence = &ltiJSON{MobileCountryCode: strPtr(ln.MCC), MobileNetworkCode: strPtr(ln.MNC),
					CarrierName: ln.Carrier, Type: ln.Type}
			}},
			{"sms_pumping_risk", func() { out.SMSPumpingRisk = s.pumpingRisk(e164) }},
			{"caller_name", func() { out.CallerName = n.callerName() }},
			{"sim_swap", func() { out.SimSwap = n.simSwap() }},
			{"call_forwarding", func() { out.CallForwarding = n.callForwarding() }},
			{"line_status", func() { out.LineStatus = n.lineStatus() }},
			{"identity_match", func() { out.IdentityMatch = n.identityMatch() }},
			{"reassigned_number", func() { out.ReassignedNumber = n.reassignedNumber() }},
			{"phone_number_quality_score", func() { out.PhoneNumberQualityScore = n.qualityScore() }},
			{"pre_fill", func() { out.PreFill = n.preFill() }},
		} {
			if want[p.name] {
				p.fill()
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// pumpingRisk is the sms_pumping_risk package: NumberFraud is the number
// Fraud Guard blocks.
func (s *Sandbox) pumpingRisk(e164 string) *riskJSON {
	if e164 == NumberFraud {
		d := rfc3339(s.clock())
		return &riskJSON{CarrierRiskCategory: "high", NumberBlocked: true, NumberBlockedDate: &d,
			NumberBlockedLast3Months: true, SMSPumpingRiskScore: 95}
	}
	return &riskJSON{CarrierRiskCategory: "low", SMSPumpingRiskScore: 7}
}
