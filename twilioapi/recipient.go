package twilioapi

import (
	"sort"
	"strings"

	"github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"
)

// RecipientKind says whether a destination is a phone number or an e-mail.
type RecipientKind int

// The kinds of recipient.
const (
	// RecipientPhone is a phone number (sms, call, whatsapp, sna, auto).
	RecipientPhone RecipientKind = iota
	// RecipientEmail is an e-mail address (the email channel).
	RecipientEmail
)

// Recipient is what ParseRecipient understood of a "To" field while it is
// being typed: enough for a live hint ("🇬🇧 United Kingdom · +442071838750").
type Recipient struct {
	Kind  RecipientKind
	Input string
	// E164 is the normalised number once it is valid.
	E164 string
	// Email is the address once it is valid.
	Email string
	// Region is the ISO 3166 alpha-2 code ("US"), known as soon as the
	// country calling code is, even before the number is complete.
	Region      string
	Flag        string
	CountryName string
	Valid       bool
}

// ParseRecipient reads a To field: an input with "@" is an e-mail address,
// anything else a phone number normalised with defaultRegion. It always
// returns what it could learn (kind, region, flag) next to the error, so a
// form can show the country while the number is still incomplete. Errors
// are *Error with Kind KindInvalidInput and Field "To".
func ParseRecipient(input, defaultRegion string) (Recipient, error) {
	r := Recipient{Input: input}
	s := strings.TrimSpace(input)
	if isEmailInput(s) {
		r.Kind = RecipientEmail
		if err := ValidateEmail(s); err != nil {
			return r, err
		}
		r.Email, r.Valid = s, true
		return r, nil
	}
	r.Kind = RecipientPhone
	num, verr := parsePhone(s, defaultRegion)
	if verr != nil {
		return r, verr
	}
	region := phonenumbers.GetRegionCodeForNumber(num)
	if region == "" || region == "001" {
		region = phonenumbers.GetRegionCodeForCountryCode(int(num.GetCountryCode()))
	}
	r.setRegion(region)
	e164, err := formatValid(num, s) // the same checks as NormalizePhone, one parse
	if err != nil {
		return r, err
	}
	r.E164, r.Valid = e164, true
	return r, nil
}

// setRegion fills Region, Flag and CountryName from an ISO region code;
// non-geographic codes ("001", "ZZ") leave them empty.
func (r *Recipient) setRegion(region string) {
	if len(region) != 2 || region == "ZZ" {
		return
	}
	r.Region = region
	r.Flag = FlagEmoji(region)
	r.CountryName = CountryName(region)
}

// FlagEmoji returns the flag emoji of an ISO 3166 alpha-2 region ("US" →
// 🇺🇸), or "" for anything else.
func FlagEmoji(region string) string {
	if len(region) != 2 {
		return ""
	}
	var b strings.Builder
	for i := 0; i < 2; i++ {
		c := region[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			return ""
		}
		// Regional indicator symbols start at U+1F1E6 for "A".
		b.WriteRune(rune(0x1F1E6 + int(c-'A')))
	}
	return b.String()
}

// CountryName returns the English name of an ISO 3166 alpha-2 region (in
// either case), or "" when it is unknown.
func CountryName(region string) string {
	if len(region) != 2 {
		return ""
	}
	code := strings.ToUpper(region)
	i := sort.Search(len(countryNames), func(i int) bool { return countryNames[i].code >= code })
	if i < len(countryNames) && countryNames[i].code == code {
		return countryNames[i].name
	}
	return ""
}

// countryName is one row of countryNames.
type countryName struct{ code, name string }
