package attempts

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// The filter form's fields.
const (
	fieldSince        = "since"
	fieldUntil        = "until"
	fieldTo           = "to"
	fieldCountry      = "country"
	fieldChannel      = "channel"
	fieldStatus       = "status"
	fieldService      = "service"
	fieldVerification = "verification"
)

// anyChoice is a choice field's "do not filter".
const anyChoice = "any"

// channelChoices are the channels the Attempts API filters by.
func channelChoices() []string {
	return []string{anyChoice, "sms", "call", "email", "whatsapp", "rbm", "sna"}
}

// statusChoices are the conversion statuses.
func statusChoices() []string {
	return []string{anyChoice, string(twilioapi.Converted), string(twilioapi.Unconverted)}
}

// filterForm edits the log's filter; it stays open until Twilio accepts
// the filter, so a refused value is shown on its field, input kept.
type filterForm struct {
	form common.Form
}

// newFilterForm is the form filled with f.
func newFilterForm(f Filter, loc *time.Location, current twilioapi.Service) *filterForm {
	since, until := f.rangeTexts(loc)
	orAny := func(s string) string {
		if s == "" {
			return anyChoice
		}
		return s
	}
	serviceHint := "A service SID (VA…); empty for every service."
	if current.SID != "" {
		serviceHint += " The current service is " + current.SID + "."
	}
	return &filterForm{form: common.NewForm(
		common.NewTextField(fieldSince, "Since", since).WithGroup("When").
			WithHint("1h, 24h, 7d, 30d (up to now), or a date: 2026-11-25 or 2026-11-25 14:00.").
			WithValidate(func(s string) error { _, err := ParseRange(s, "", loc); return err }),
		common.NewTextField(fieldUntil, "Until", until).
			WithHint("Empty for now, or a date: 2026-11-25 or 2026-11-25 14:00.").
			WithValidate(func(s string) error { _, err := ParseRange("", s, loc); return err }),
		common.NewTextField(fieldTo, "Destination", f.To).WithGroup("Who and how").
			WithHint("The number (E.164, or as the customer typed it) or e-mail the code went to.").
			WithPlaceholder("+14155550100"),
		common.NewTextField(fieldCountry, "Country", f.Country).
			WithHint("Two-letter country code of the destination, e.g. US or GB.").WithPlaceholder("US").
			WithValidate(twilioapi.ValidateCountryFilter),
		common.NewChoiceField(fieldChannel, "Channel", channelChoices(), orAny(string(f.Channel))),
		common.NewChoiceField(fieldStatus, "Status", statusChoices(), orAny(string(f.Conversion))).
			WithHint("converted: the customer's code was approved."),
		common.NewTextField(fieldService, "Service", f.ServiceSID).WithGroup("Which").WithHint(serviceHint).
			WithPlaceholder("VA…"),
		common.NewTextField(fieldVerification, "Verification", f.VerificationSID).
			WithHint("A verification SID (VE…): every delivery of that one verification.").WithPlaceholder("VE…"),
	)}
}

// filter reads the form; err is a range the fields' validators let by
// (an end before the start).
func (ff *filterForm) filter(loc *time.Location) (Filter, error) {
	f := ff.form
	out, err := ParseRange(f.Get(fieldSince), f.Get(fieldUntil), loc)
	if err != nil {
		return out, err
	}
	out.To, out.Country = f.Get(fieldTo), strings.ToUpper(f.Get(fieldCountry))
	out.ServiceSID, out.VerificationSID = f.Get(fieldService), f.Get(fieldVerification)
	if ch := f.Get(fieldChannel); ch != anyChoice {
		out.Channel = twilioapi.Channel(ch)
	}
	if st := f.Get(fieldStatus); st != anyChoice {
		out.Conversion = twilioapi.ConversionStatus(st)
	}
	return out, nil
}

// filterPlaces maps the client's and Twilio's parameter names to fields.
var filterPlaces = common.ErrorPlaces{Params: map[string]string{
	"createdafter": fieldSince, "datecreatedafter": fieldSince, "created after": fieldSince,
	"createdbefore": fieldUntil, "datecreatedbefore": fieldUntil, "created before": fieldUntil,
	"to": fieldTo, "channeldatato": fieldTo, "destination": fieldTo,
	"country": fieldCountry, "channel": fieldChannel, "status": fieldStatus,
	"verifyservicesid": fieldService, "servicesid": fieldService, "service sid": fieldService,
	"verificationsid": fieldVerification, "verification sid": fieldVerification,
}}

// placeError shows a refused filter on its field, or above the form.
func (ff *filterForm) placeError(err error) tea.Cmd {
	if cmd, ok := ff.form.PlaceError(err, filterPlaces); ok {
		return cmd
	}
	ff.form.Err = common.ErrorText(err)
	return nil
}
