package twilioapi

import (
	"context"
	"strings"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// attemptChannel reports whether ch is a channel attempts can be filtered
// by: Twilio's sms, call, email, whatsapp and rbm (RCS), and sna, which
// the sandbox records too.
func attemptChannel(ch Channel) bool {
	switch ch {
	case ChannelSMS, ChannelCall, ChannelEmail, ChannelWhatsApp, ChannelSNA, "rbm":
		return true
	}
	return false
}

// ValidateCountryFilter checks the country of an attempts filter ("" is
// any country), as listing attempts will.
func ValidateCountryFilter(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := countryFilter(s)
	return err
}

// countryFilter upper-cases and checks an ISO 3166-1 alpha-2 code.
func countryFilter(s string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(s))
	if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
		return "", invalid("Country", "Country must be a two-letter ISO code such as US or GB (got %q).", s)
	}
	return c, nil
}

// mangledByTwilioGo reports whether twilio-go would corrupt a GET query
// value: its query encoder deletes every "." followed by digits (meant
// for array indexes), so "ann.1990@example.com" would arrive as
// "ann@example.com" and filter on someone else.
func mangledByTwilioGo(v string) bool {
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '.' && v[i+1] >= '0' && v[i+1] <= '9' {
			return true
		}
	}
	return false
}

// validateDateRange checks that a date range is not empty or inverted.
func validateDateRange(after, before time.Time) error {
	if !after.IsZero() && !before.IsZero() && !after.Before(before) {
		return invalid("Created before", "The end of the date range is not after its start.")
	}
	return nil
}

// channelFilter checks a channel filter.
func channelFilter(ch Channel) (string, error) {
	if !attemptChannel(ch) {
		return "", invalid("Channel", "Attempts can be filtered by sms, call, email, whatsapp, rbm or sna (got %q).", string(ch))
	}
	return string(ch), nil
}

// attemptParams validates f and turns it into twilio-go's parameters.
// twilio-go sends the To filter under the key "ChannelData\.To" (its
// encoder escapes the dot); Twilio and the sandbox read it as
// ChannelData.To.
func (c *Client) attemptParams(f AttemptFilter) (*verify.ListVerificationAttemptParams, error) {
	p := &verify.ListVerificationAttemptParams{}
	if err := validateDateRange(f.CreatedAfter, f.CreatedBefore); err != nil {
		return nil, err
	}
	if !f.CreatedAfter.IsZero() {
		p.SetDateCreatedAfter(f.CreatedAfter.UTC())
	}
	if !f.CreatedBefore.IsZero() {
		p.SetDateCreatedBefore(f.CreatedBefore.UTC())
	}
	if f.To != "" {
		to, err := c.phones.normalize(f.To, isEmailInput(f.To))
		if err != nil {
			return nil, err
		}
		if mangledByTwilioGo(to) {
			return nil, invalid("To", "twilio-go would send this address altered (it drops \".\" followed by digits from queries); filter without it.")
		}
		p.SetChannelDataTo(to)
	}
	if f.Country != "" {
		cc, err := countryFilter(f.Country)
		if err != nil {
			return nil, err
		}
		p.SetCountry(cc)
	}
	if f.Channel != "" {
		ch, err := channelFilter(f.Channel)
		if err != nil {
			return nil, err
		}
		p.SetChannel(ch)
	}
	if f.ServiceSID != "" {
		if err := ValidateSID("VA", f.ServiceSID); err != nil {
			return nil, err
		}
		p.SetVerifyServiceSid(f.ServiceSID)
	}
	if f.VerificationSID != "" {
		if err := ValidateSID("VE", f.VerificationSID); err != nil {
			return nil, err
		}
		p.SetVerificationSid(f.VerificationSID)
	}
	switch f.Conversion {
	case "":
	case Converted, Unconverted:
		p.SetStatus(string(f.Conversion))
	default:
		return nil, invalid("Status", "Conversion status must be converted or unconverted (got %q).", string(f.Conversion))
	}
	return p, nil
}

// ListAttemptsPage returns one page of the account's attempts, newest
// first, filtered by f (pageSize 1–1000; an empty token asks for the first
// page; pass the same filter with each token).
func (c *Client) ListAttemptsPage(ctx context.Context, f AttemptFilter, pageSize int, pageToken string) (AttemptPage, error) {
	page, token, err := pageRequest(pageSize, pageToken)
	if err != nil {
		return AttemptPage{}, err
	}
	p, err := c.attemptParams(f)
	if err != nil {
		return AttemptPage{}, err
	}
	p.SetPageSize(pageSize)
	return run(ctx, c, func(cl *call) (AttemptPage, error) {
		r, err := cl.verifyAPI().PageVerificationAttempt(p, token, page)
		if err != nil {
			return AttemptPage{}, err
		}
		out := AttemptPage{Attempts: make([]Attempt, 0, len(r.Attempts)), NextPageToken: encodePageToken(r.Meta.NextPageUrl)}
		for i := range r.Attempts {
			out.Attempts = append(out.Attempts, attemptFrom(&r.Attempts[i]))
		}
		return out, nil
	})
}

// FetchAttempt returns one attempt.
func (c *Client) FetchAttempt(ctx context.Context, sid string) (Attempt, error) {
	if err := ValidateSID("VL", sid); err != nil {
		return Attempt{}, err
	}
	return run(ctx, c, func(cl *call) (Attempt, error) {
		a, err := cl.verifyAPI().FetchVerificationAttempt(sid)
		if err != nil {
			return Attempt{}, err
		}
		return attemptFrom(a), nil
	})
}

// AttemptsSummary counts the attempts f selects and how many converted.
func (c *Client) AttemptsSummary(ctx context.Context, f AttemptsSummaryFilter) (AttemptsSummary, error) {
	p := &verify.FetchVerificationAttemptsSummaryParams{}
	if err := validateDateRange(f.CreatedAfter, f.CreatedBefore); err != nil {
		return AttemptsSummary{}, err
	}
	if !f.CreatedAfter.IsZero() {
		p.SetDateCreatedAfter(f.CreatedAfter.UTC())
	}
	if !f.CreatedBefore.IsZero() {
		p.SetDateCreatedBefore(f.CreatedBefore.UTC())
	}
	if f.ServiceSID != "" {
		if err := ValidateSID("VA", f.ServiceSID); err != nil {
			return AttemptsSummary{}, err
		}
		p.SetVerifyServiceSid(f.ServiceSID)
	}
	if f.Country != "" {
		cc, err := countryFilter(f.Country)
		if err != nil {
			return AttemptsSummary{}, err
		}
		p.SetCountry(cc)
	}
	if f.Channel != "" {
		ch, err := channelFilter(f.Channel)
		if err != nil {
			return AttemptsSummary{}, err
		}
		p.SetChannel(ch)
	}
	if f.DestinationPrefix != "" {
		if pre := f.DestinationPrefix; len(pre) < 2 || len(pre) > 16 || pre[0] != '+' || !allDigits(pre[1:]) {
			return AttemptsSummary{}, invalid("Destination prefix", "A destination prefix is + and digits, e.g. +44 (got %q).", pre)
		}
		p.SetDestinationPrefix(f.DestinationPrefix)
	}
	return run(ctx, c, func(cl *call) (AttemptsSummary, error) {
		s, err := cl.verifyAPI().FetchVerificationAttemptsSummary(p)
		if err != nil {
			return AttemptsSummary{}, err
		}
		return AttemptsSummary{
			TotalAttempts: s.TotalAttempts, TotalConverted: s.TotalConverted, TotalUnconverted: s.TotalUnconverted,
			ConversionRate: str(s.ConversionRatePercentage), URL: str(s.Url),
		}, nil
	})
}

// attemptFrom converts twilio-go's attempt.
func attemptFrom(a *verify.VerifyV2VerificationAttempt) Attempt {
	cd, price := object(a.ChannelData), object(a.Price)
	delivery := mstr(cd, "message_status")
	if delivery == "" {
		delivery = mstr(cd, "call_status")
	}
	return Attempt{
		SID: str(a.Sid), AccountSID: str(a.AccountSid), ServiceSID: str(a.ServiceSid), VerificationSID: str(a.VerificationSid),
		Channel: channel(str(a.Channel)), Conversion: ConversionStatus(strings.ToLower(str(a.ConversionStatus))),
		Price: mstr(price, "value"), PriceCurrency: mstr(price, "currency"),
		To: mstr(cd, "to"), Country: mstr(cd, "country"), Status: mstr(cd, "status"), DeliveryStatus: delivery,
		ErrorCode: mint(cd, "error_code"),
		Carrier:   CarrierInfo{Name: mstr(cd, "carrier"), MobileCountryCode: mstr(cd, "mcc"), MobileNetworkCode: mstr(cd, "mnc")},
		Locale:    mstr(cd, "locale"), CodeLength: mint(cd, "code_length"),
		DateCreated: tm(a.DateCreated), DateUpdated: tm(a.DateUpdated), URL: str(a.Url),
	}
}
