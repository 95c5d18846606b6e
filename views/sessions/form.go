package sessions

import (
	"fmt"
	"regexp"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Field keys of the new-session form.
const (
	fieldTo         = "to"
	fieldChannel    = "channel"
	fieldLocale     = "locale"
	fieldFriendly   = "friendly_name"
	fieldAmount     = "amount"
	fieldPayee      = "payee"
	fieldRiskCheck  = "risk_check"
	fieldCustomCode = "custom_code"
	fieldTags       = "tags"
)

// channelChoices are the channels a verification can start on, in the
// picker's order (a func, so no program can change another's list).
func channelChoices() []string {
	return []string{
		string(twilioapi.ChannelSMS), string(twilioapi.ChannelCall), string(twilioapi.ChannelEmail),
		string(twilioapi.ChannelWhatsApp), string(twilioapi.ChannelSNA), string(twilioapi.ChannelAuto),
	}
}

// riskDefault is the RiskCheck choice that sends nothing.
const riskDefault = "service default"

// riskChoices are the RiskCheck options.
func riskChoices() []string { return []string{riskDefault, "enable", "disable"} }

// Validation patterns (compiled once; a Regexp is safe for concurrent use).
var (
	localeRe     = regexp.MustCompile(`^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})?$`)
	customCodeRe = regexp.MustCompile(`^[0-9A-Za-z]{4,10}$`)
)

// sessionForm is the new-session form: the fields plus what the view
// learnt about them (normalised To, lookup, the last send's error). Its
// values survive a failed send and closing the form.
type sessionForm struct {
	form common.Form
	// recipient is the To field, normalised as the user types.
	recipient recipient
	// channelTouched stops the channel following the To kind once the
	// user picked one.
	channelTouched bool
	// lookup is the last lookup of lookupTo.
	lookup    *twilioapi.PhoneInfo
	lookupTo  string
	lookupErr *common.Problem
	// note is shown above the fields (e.g. why the form was opened).
	note string
	// problem is the last send's error, explained.
	problem *common.Problem
	// sending is set while the start call is in flight.
	sending bool
	// toHint says how national numbers are read (the program's country),
	// and toExample shows what may be typed; both are the region's.
	toHint, toExample string
}

// newSessionForm builds an empty form for svc; national numbers are read
// as region's (US when empty), which the To field's hint and example say.
func newSessionForm(svc twilioapi.Service, riskDefaultChoice, region string, sandbox bool) sessionForm {
	f := sessionForm{toHint: nationalHint(region, sandbox), toExample: toExample(region)}
	f.rebuild(svc, map[string]string{fieldRiskCheck: riskChoiceFor(riskDefaultChoice)})
	return f
}

// nationalHint says which country national numbers are read in: the
// profile's, or the sandbox's default.
func nationalHint(region string, sandbox bool) string {
	if region == "" {
		region = "US"
	}
	whose := "the profile's country"
	if sandbox {
		whose = "the sandbox's default country"
	}
	other := "+44…"
	if region == "GB" {
		other = "+1…"
	}
	return fmt.Sprintf("numbers without +country code are read as %s %s numbers (%s); type %s for another",
		twilioapi.FlagEmoji(region), twilioapi.CountryName(region), whose, other)
}

// toExample is the To field's placeholder: a US national number is only
// an example where national numbers are read as US ones (elsewhere the
// hint under the field names the country).
func toExample(region string) string {
	if region == "" || region == "US" {
		return "+14155550100, (415) 555-0100 or name@example.com"
	}
	return "national number, +14155550100 or name@example.com"
}

// riskChoiceFor maps a profile's default RiskCheck to the picker.
func riskChoiceFor(v string) string {
	switch v {
	case "enable", "disable":
		return v
	}
	return riskDefault
}

// values returns every field's value by key.
func (f *sessionForm) values() map[string]string {
	vals := map[string]string{}
	for _, fl := range f.form.Fields {
		vals[fl.Key] = fl.Value()
	}
	return vals
}

// formFieldCount is how many fields rebuild lays out for svc: to,
// channel, locale, friendly name, RiskCheck and tags, plus amount and
// payee with PSD2, plus the custom code when the service allows one.
func formFieldCount(svc twilioapi.Service) int {
	n := 6
	if svc.PSD2Enabled {
		n += 2
	}
	if svc.CustomCodeEnabled {
		n++
	}
	return n
}

// rebuild lays the fields out for svc (PSD2 and custom code fields only
// when the service has them), keeping the values in vals.
func (f *sessionForm) rebuild(svc twilioapi.Service, vals map[string]string) {
	focusKey := ""
	if len(f.form.Fields) > 0 {
		focusKey = f.form.Fields[f.form.Focus].Key
	}
	text := func(k, label, placeholder string, limit int) common.Field {
		fl := common.NewTextField(k, label, vals[k]).WithPlaceholder(placeholder)
		fl.Input.CharLimit = limit
		return fl
	}
	ch := vals[fieldChannel]
	if ch == "" {
		ch = string(twilioapi.ChannelSMS)
	}
	// A field is about 8 KB (a text input with its styles and keys): the
	// slice is made once at its exact size rather than grown by append,
	// which an SSH server with many visitors pays for in each of them.
	fields := make([]common.Field, 0, formFieldCount(svc))
	fields = append(fields,
		text(fieldTo, "To", f.toExample, maxToLength).
			WithHint(f.toHint),
		common.NewChoiceField(fieldChannel, "Channel", channelChoices(), ch).
			WithHint("←/→ or space: sms, call, email, whatsapp, sna, auto"),
		text(fieldLocale, "Locale", "service default (e.g. en, fr, pt-BR)", 10),
		text(fieldFriendly, "Friendly name", "service name", 30).
			WithHint("shown in the message instead of the service name (custom friendly names must be enabled)"),
	)
	if svc.PSD2Enabled {
		fields = append(fields,
			text(fieldAmount, "Amount (PSD2)", "e.g. €39.99", 64).WithHint("what the customer pays; the message shows it"),
			text(fieldPayee, "Payee (PSD2)", "e.g. Acme Inc.", 64).WithHint("who is paid; the message shows it"))
	}
	risk := vals[fieldRiskCheck]
	if risk == "" {
		risk = riskDefault
	}
	fields = append(fields, common.NewChoiceField(fieldRiskCheck, "RiskCheck", riskChoices(), risk).
		WithHint("Fraud Guard and Geo Permissions for this attempt (SMS only)"))
	if svc.CustomCodeEnabled {
		fields = append(fields, text(fieldCustomCode, "Custom code", "Verify generates one", 10).
			WithHint("4-10 letters or digits; this service allows custom codes"))
	}
	fields = append(fields, text(fieldTags, "Tags", "key=value, key=value", 256))
	f.form = common.NewForm(fields...)
	if focusKey != "" {
		f.form.FocusKey(focusKey)
	}
}

// refresh recomputes what depends on the typed values: the normalised To
// and, until the user picked a channel, the channel that fits it.
func (f *sessionForm) refresh(region string) {
	f.recipient = parseRecipient(f.form.Get(fieldTo), region)
	if f.channelTouched {
		return
	}
	ch := f.form.Field(fieldChannel)
	if ch == nil {
		return
	}
	cur := ch.Value()
	want := cur
	switch {
	case f.recipient.kind() == recipientEmail && cur == string(twilioapi.ChannelSMS):
		want = string(twilioapi.ChannelEmail)
	case f.recipient.kind() == recipientPhone && cur == string(twilioapi.ChannelEmail):
		want = string(twilioapi.ChannelSMS)
	}
	for i, c := range ch.Choices {
		if c == want {
			ch.Choice = i
		}
	}
}

// params validates the form and builds the start parameters. On failure
// it marks the offending field and returns false; nothing is cleared.
func (f *sessionForm) params(svc twilioapi.Service) (twilioapi.StartParams, bool) {
	ok := true
	fail := func(k, msg string) {
		if ok {
			f.form.SetError(k, msg)
		} else if fl := f.form.Field(k); fl != nil {
			fl.Err = msg
		}
		ok = false
	}
	for i := range f.form.Fields {
		f.form.Fields[i].Err = ""
	}
	ch := twilioapi.Channel(f.form.Get(fieldChannel))
	r := f.recipient
	switch {
	case r.kind() == recipientNone:
		fail(fieldTo, "required: a phone number or an e-mail address")
	case !r.Sendable():
		fail(fieldTo, r.Problem)
	case ch == twilioapi.ChannelEmail && r.kind() != recipientEmail:
		fail(fieldTo, "the email channel needs an e-mail address")
	case ch != twilioapi.ChannelEmail && r.kind() == recipientEmail:
		fail(fieldChannel, "an e-mail address can only use the email channel")
	}
	if ch == twilioapi.ChannelCall && svc.PSD2Enabled {
		fail(fieldChannel, "PSD2 services cannot use the call channel (Twilio 60214)")
	}
	p := twilioapi.StartParams{
		ServiceSID:         svc.SID,
		To:                 r.To(),
		Channel:            ch,
		Locale:             f.form.Get(fieldLocale),
		CustomFriendlyName: f.form.Get(fieldFriendly),
		Amount:             f.form.Get(fieldAmount),
		Payee:              f.form.Get(fieldPayee),
		CustomCode:         f.form.Get(fieldCustomCode),
	}
	if p.Locale != "" && !localeRe.MatchString(p.Locale) {
		fail(fieldLocale, "a locale looks like en, fr or pt-BR")
	}
	if svc.PSD2Enabled {
		if p.Amount == "" {
			fail(fieldAmount, "required: this service has PSD2 on")
		}
		if p.Payee == "" {
			fail(fieldPayee, "required: this service has PSD2 on")
		}
	}
	if p.CustomCode != "" && !customCodeRe.MatchString(p.CustomCode) {
		fail(fieldCustomCode, "4-10 letters or digits")
	}
	if rc := f.form.Get(fieldRiskCheck); rc != riskDefault {
		p.RiskCheck = rc
	}
	tags, err := parseTags(f.form.Get(fieldTags))
	if err != nil {
		fail(fieldTags, err.Error())
	}
	p.Tags = tags
	return p, ok
}

// errorPlaces says which form field a refused send is about: the
// parameter Twilio names, or the channel for the codes about it. The
// problem under the form explains the rest.
func errorPlaces() common.ErrorPlaces {
	return common.ErrorPlaces{
		Brief: true,
		Params: map[string]string{"to": fieldTo, "channel": fieldChannel, "locale": fieldLocale,
			"customfriendlyname": fieldFriendly, "amount": fieldAmount, "payee": fieldPayee,
			"riskcheck": fieldRiskCheck, "customcode": fieldCustomCode, "tags": fieldTags},
		Codes: map[int]common.FieldNote{
			twilioapi.CodeLandline:        {Key: fieldChannel, Text: "a landline cannot receive SMS here: pick call"},
			twilioapi.CodeChannelDisabled: {Key: fieldChannel, Text: "disabled for this service: pick another channel"},
		},
	}
}
