package sandbox

import (
	"net/url"
	"slices"
	"strings"
	"time"
)

// attemptFilter is the filters of GET /v2/Attempts and /v2/Attempts/Summary.
// Dates select a half-open range: created at or after DateCreatedAfter and
// before DateCreatedBefore (Twilio does not say whether the ends are
// included; this way consecutive ranges never count an attempt twice).
type attemptFilter struct {
	after, before         int64 // Unix seconds; hasAfter/hasBefore say whether set
	hasAfter, hasBefore   bool
	to, country, channel  string
	service, verification string
	toFold                bool   // to is an e-mail address: compared case-insensitively
	prefix                string // DestinationPrefix (summary)
	converted             int8   // -1 any, 0 unconverted, 1 converted
	query                 url.Values
}

// The filter parameters each endpoint takes (the spec's lists).
var (
	listFilterKeys    = []string{"DateCreatedAfter", "DateCreatedBefore", "ChannelData.To", "Country", "Channel", "VerifyServiceSid", "VerificationSid", "Status"}
	summaryFilterKeys = []string{"VerifyServiceSid", "DateCreatedAfter", "DateCreatedBefore", "Country", "Channel", "DestinationPrefix"}
)

// attemptChannels are the channels an attempt can have: the spec's enum,
// plus sna, whose attempts the sandbox records too.
var attemptChannels = []string{"sms", "call", "email", "whatsapp", "rbm", "sna"}

// parseAttemptFilter reads the filters named by keys; a malformed one is
// 60200 naming it. The filters are kept in query, so next_page_url can
// carry them (twilio-go follows that URL as it is).
func parseAttemptFilter(f form, keys []string) (attemptFilter, *apiError) {
	af := attemptFilter{converted: -1, query: url.Values{}}
	for _, k := range keys {
		v, ok := f.get(k)
		if !ok || v == "" {
			continue
		}
		af.query.Set(k, v)
		switch k {
		case "DateCreatedAfter", "DateCreatedBefore":
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return af, errInvalid(k)
			}
			if k == "DateCreatedAfter" {
				af.after, af.hasAfter = t.Unix(), true
			} else {
				af.before, af.hasBefore = t.Unix(), true
			}
		case "ChannelData.To":
			af.to = plusFromQuery(v)
			af.toFold = strings.Contains(af.to, "@")
		case "Country":
			af.country = strings.ToUpper(v)
			if !isCountryCode(af.country) {
				return af, errInvalid(k)
			}
		case "Channel":
			af.channel = strings.ToLower(v)
			if !slices.Contains(attemptChannels, af.channel) {
				return af, errInvalid(k)
			}
		case "VerifyServiceSid":
			if !validSID(v, "VA") {
				return af, errInvalid(k)
			}
			af.service = v
		case "VerificationSid":
			if !validSID(v, "VE") {
				return af, errInvalid(k)
			}
			af.verification = v
		case "Status":
			switch strings.ToLower(v) {
			case "converted":
				af.converted = 1
			case "unconverted":
				af.converted = 0
			default:
				return af, errInvalid(k)
			}
		case "DestinationPrefix":
			af.prefix = plusFromQuery(v)
			if !strictE164Prefix(af.prefix) {
				return af, errInvalid(k)
			}
		}
	}
	return af, nil
}

// plusFromQuery restores the "+" of an E.164 value sent unescaped in a
// query string (where "+" decodes to a space).
func plusFromQuery(v string) string {
	if strings.HasPrefix(v, " ") {
		return "+" + strings.TrimSpace(v)
	}
	return v
}

// strictE164Prefix reports whether p is "+" and 1–15 digits.
func strictE164Prefix(p string) bool {
	if len(p) < 2 || len(p) > 16 || p[0] != '+' {
		return false
	}
	for i := 1; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return true
}

// span is the index range of the log the date filters allow.
func (af *attemptFilter) span(l *attemptLog) (lo, hi int) {
	lo, hi = 0, len(l.recs)
	if af.hasAfter {
		lo = l.lowerBound(af.after, 0)
	}
	if af.hasBefore {
		hi = l.lowerBound(af.before, 0)
	}
	return lo, max(lo, hi)
}

// match reports whether r passes the filters other than the dates.
func (af *attemptFilter) match(r *attemptRec) bool {
	return (af.service == "" || r.service == af.service) &&
		(af.channel == "" || r.channel == af.channel) &&
		(af.country == "" || r.country == af.country) &&
		(af.converted < 0 || r.converted == (af.converted == 1)) &&
		(af.verification == "" || r.verification == af.verification) &&
		(af.to == "" || r.to == af.to || af.toFold && strings.EqualFold(r.to, af.to)) &&
		(af.prefix == "" || strings.HasPrefix(r.to, af.prefix))
}
