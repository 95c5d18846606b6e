package sandbox

import (
	"encoding/json"
	"strings"
)

// The wire structs below are the reference for the hand-written encoders
// in jsonappend.go: json.Marshal of these must equal what the sandbox
// sends (jsonappend_test.go).

// headJSON is what a verification and its check start with (appendHead);
// encoding/json flattens the embedded struct.
type headJSON struct {
	SID        string `json:"sid"`
	ServiceSID string `json:"service_sid"`
	AccountSID string `json:"account_sid"`
	To         string `json:"to"`
	Channel    string `json:"channel"`
	Status     string `json:"status"`
	Valid      bool   `json:"valid"`
}

// head is the headJSON of v.
func (s *Sandbox) head(v *verification) headJSON {
	return headJSON{SID: v.SID, ServiceSID: v.ServiceSID, AccountSID: s.st.AccountSID, To: v.To, Channel: v.Channel,
		Status: v.Status, Valid: v.Status == statusApproved}
}

// verificationJSON is the wire shape of a verification.
type verificationJSON struct {
	headJSON
	Lookup           lookupBlockJSON   `json:"lookup"`
	Amount           *string           `json:"amount"`
	Payee            *string           `json:"payee"`
	SendCodeAttempts []sendAttemptJSON `json:"send_code_attempts"`
	DateCreated      string            `json:"date_created"`
	DateUpdated      string            `json:"date_updated"`
	SNA              *snaJSON          `json:"sna"`
	URL              string            `json:"url"`
}

// sendAttemptJSON is one send_code_attempts entry. Twilio's examples mix
// "SMS" and "sna" casing; the sandbox uses the lowercase channel names of
// the Channel parameter (unverified which the live API uses).
type sendAttemptJSON struct {
	Time       string `json:"time"`
	Channel    string `json:"channel"`
	AttemptSID string `json:"attempt_sid"`
}

// lookupBlockJSON is a verification's lookup: {} when the service's
// lookup is off, {"carrier":{…}} when on.
type lookupBlockJSON struct {
	Carrier *carrierJSON `json:"carrier,omitempty"`
}

type carrierJSON struct {
	MobileCountryCode *string `json:"mobile_country_code"`
	Type              string  `json:"type"`
	ErrorCode         *int    `json:"error_code"`
	MobileNetworkCode *string `json:"mobile_network_code"`
	Name              string  `json:"name"`
}

type snaJSON struct {
	URL string `json:"url"`
}

// renderVerification is the wire struct of v (the sandbox's answers before
// they were appended by hand).
func (s *Sandbox) renderVerification(base string, sv *service, v *verification) verificationJSON {
	j := verificationJSON{
		headJSON: s.head(v), Amount: v.Amount, Payee: v.Payee,
		SendCodeAttempts: make([]sendAttemptJSON, 0, len(v.Sends)),
		DateCreated:      rfc3339(v.DateCreated), DateUpdated: rfc3339(v.DateUpdated),
		URL: base + "/Services/" + v.ServiceSID + "/Verifications/" + v.SID,
	}
	for _, a := range v.Sends {
		j.SendCodeAttempts = append(j.SendCodeAttempts, sendAttemptJSON{rfc3339(a.Time), a.Channel, a.SID})
	}
	if sv != nil && sv.LookupEnabled && !strings.Contains(v.To, "@") {
		ln := lineOf(v.To)
		j.Lookup.Carrier = &carrierJSON{
			MobileCountryCode: strPtr(ln.MCC), MobileNetworkCode: strPtr(ln.MNC), Name: ln.Carrier, Type: ln.Type,
		}
	}
	if v.Channel == "sna" && v.SNAURL != "" {
		j.SNA = &snaJSON{URL: v.SNAURL}
	}
	return j
}

// checkJSON is the wire shape of a verification check.
type checkJSON struct {
	headJSON
	Amount                *string        `json:"amount"`
	Payee                 *string        `json:"payee"`
	DateCreated           string         `json:"date_created"`
	DateUpdated           string         `json:"date_updated"`
	SNAAttemptsErrorCodes []snaErrorJSON `json:"sna_attempts_error_codes"` // null unless the last channel was sna
}

// renderCheck is the wire struct of a check answer.
func (s *Sandbox) renderCheck(v *verification, snaErrs []snaErrorJSON) checkJSON {
	return checkJSON{
		headJSON: s.head(v), Amount: v.Amount, Payee: v.Payee,
		DateCreated: rfc3339(v.DateCreated), DateUpdated: rfc3339(v.DateUpdated),
		SNAAttemptsErrorCodes: snaErrs,
	}
}

// marshalRef is json.Marshal of a wire struct (which cannot fail).
func marshalRef(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
