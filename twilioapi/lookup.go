package twilioapi

import (
	"context"

	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
)

// lookupFields are the Lookup v2 packages the console asks for.
const lookupFields = "line_type_intelligence,sms_pumping_risk"

// LookupPhone runs Lookup v2 with line type intelligence and SMS pumping risk.
func (c *Client) LookupPhone(ctx context.Context, number string) (PhoneInfo, error) {
	e164, err := NormalizePhone(number, "")
	if err != nil {
		return PhoneInfo{}, err
	}
	return run(ctx, c, func(cl *call) (PhoneInfo, error) {
		r, err := cl.lookupsAPI().FetchPhoneNumber(e164, (&lookups.FetchPhoneNumberParams{}).SetFields(lookupFields))
		if err != nil {
			return PhoneInfo{}, err
		}
		return phoneInfoFrom(r), nil
	})
}
