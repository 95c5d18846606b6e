package services

import (
	"strconv"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// formMode says whether the form creates a service or edits one.
type formMode int

const (
	modeCreate formMode = iota
	modeEdit
)

// Field keys of the service form.
const (
	fName          = "friendly_name"
	fCodeLength    = "code_length"
	fLookup        = "lookup_enabled"
	fSkipLandlines = "skip_sms_to_landlines"
	fDTMF          = "dtmf_input_required"
	fTTSName       = "tts_name"
	fPSD2          = "psd2_enabled"
	fDoNotShare    = "do_not_share_warning_enabled"
	fCustomCode    = "custom_code_enabled"
	fTemplate      = "default_template_sid"
	fEvents        = "verify_event_subscription_enabled"
	fPushDate      = "push_include_date"
	fPushAPN       = "push_apn_credential_sid"
	fPushFCM       = "push_fcm_credential_sid"
	fTOTPIssuer    = "totp_issuer"
	fTOTPStep      = "totp_time_step"
	fTOTPLen       = "totp_code_length"
	fTOTPSkew      = "totp_skew"
	fWAMsgService  = "whatsapp_msg_service_sid"
	fWAFrom        = "whatsapp_from"
)

// createDefaults pre-fills the create form with Twilio's documented
// defaults (code length 6, TOTP 30 s / 6 digits / skew 1, switches off).
func createDefaults() twilioapi.Service {
	return twilioapi.Service{
		CodeLength: 6,
		TOTP:       twilioapi.TOTPSettings{TimeStep: 30, CodeLength: 6, Skew: 1},
	}
}

// intValidator checks an integer field with one of twilioapi's range
// checks, so the view and the client agree on the limits.
func intValidator(check func(int) error) func(string) error {
	return func(s string) error {
		n, err := common.WholeNumber(s)
		if err != nil {
			return err
		}
		return common.FieldMessage(check(n))
	}
}

// optionalInt validates like intValidator but accepts an empty field:
// Twilio returns null for TOTP settings nobody set, and an empty field
// keeps the account's default (it is not sent).
func optionalInt(check func(int) error) func(string) error {
	v := intValidator(check)
	return func(s string) error {
		if s == "" {
			return nil
		}
		return v(s)
	}
}

// itoaSet is n as text, or "" for 0 (unset: Twilio sent null).
func itoaSet(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// totpSkewText is the skew as text. 0 is a valid skew, but when the time
// step is unset too the whole TOTP block was null, so it is shown unset.
func totpSkewText(s twilioapi.Service) string {
	if s.TOTP.TimeStep == 0 && s.TOTP.Skew == 0 {
		return ""
	}
	return strconv.Itoa(s.TOTP.Skew)
}

// sidValidator checks an optional SID field.
func sidValidator(prefix string) func(string) error {
	return func(s string) error {
		if s == "" {
			return nil
		}
		return common.FieldMessage(twilioapi.ValidateSID(prefix, s))
	}
}

// newServiceForm builds the create or edit form, pre-filled from s.
func newServiceForm(s twilioapi.Service) common.Form {
	itoa := strconv.Itoa
	fields := []common.Field{
		common.NewTextField(fName, "Friendly name", s.FriendlyName).WithGroup("General").
			WithValidate(func(v string) error { return common.FieldMessage(twilioapi.ValidateFriendlyName(v)) }).
			WithHint("Shown in the message: \"Your <name> verification code is …\" (up to 30 characters)."),
		common.NewTextField(fCodeLength, "Code length", itoa(s.CodeLength)).
			WithValidate(intValidator(twilioapi.ValidateCodeLength)).WithHint("Digits in each code, 4–10."),
		common.NewBoolField(fCustomCode, "Custom code", s.CustomCodeEnabled).
			WithHint("Allow sending your own code (needs Twilio to enable it on the account)."),

		common.NewBoolField(fLookup, "Lookup", s.LookupEnabled).WithGroup("SMS and voice").
			WithHint("Return carrier information with each verification."),
		common.NewBoolField(fSkipLandlines, "Skip SMS to landlines", s.SkipSMSToLandlines).
			WithHint("Refuse SMS to landline numbers (error 60205) instead of sending."),
		common.NewBoolField(fDTMF, "DTMF input required", s.DTMFInputRequired).
			WithHint("Voice calls ask the user to press a key before reading the code."),
		common.NewTextField(fTTSName, "TTS name", s.TTSName).
			WithHint("Name read out in voice calls instead of the friendly name."),
		common.NewBoolField(fDoNotShare, "Do-not-share warning", s.DoNotShareWarningEnabled).
			WithHint("Add \"Don't share this code with anyone\" to messages."),
		common.NewTextField(fTemplate, "Default template SID", s.DefaultTemplateSID).
			WithValidate(sidValidator("HJ")).WithPlaceholder("HJ…"),

		common.NewBoolField(fPSD2, "PSD2 enabled", s.PSD2Enabled).WithGroup("PSD2").
			WithHint("Verifications must carry an amount and a payee (SCA)."),

		common.NewTextField(fTOTPIssuer, "TOTP issuer", s.TOTP.Issuer).WithGroup("TOTP").
			WithHint("Shown in authenticator apps; the service name when empty."),
		// Empty TOTP numbers are unset (null in the API): the
		// account's default applies and nothing is sent for them.
		common.NewTextField(fTOTPStep, "TOTP time step", itoaSet(s.TOTP.TimeStep)).WithPlaceholder("default 30").
			WithValidate(optionalInt(twilioapi.ValidateTOTPTimeStep)).WithHint("Seconds per code, 20–60."),
		common.NewTextField(fTOTPLen, "TOTP code length", itoaSet(s.TOTP.CodeLength)).WithPlaceholder("default 6").
			WithValidate(optionalInt(twilioapi.ValidateTOTPCodeLength)).WithHint("Digits, 3–8."),
		common.NewTextField(fTOTPSkew, "TOTP skew", totpSkewText(s)).WithPlaceholder("default 1").
			WithValidate(optionalInt(twilioapi.ValidateTOTPSkew)).WithHint("Time steps accepted either side, 0–2."),

		common.NewBoolField(fPushDate, "Push include date", s.Push.IncludeDate).WithGroup("Push"),
		common.NewTextField(fPushAPN, "APN credential SID", s.Push.APNCredentialSID).
			WithValidate(sidValidator("CR")).WithPlaceholder("CR…"),
		common.NewTextField(fPushFCM, "FCM credential SID", s.Push.FCMCredentialSID).
			WithValidate(sidValidator("CR")).WithPlaceholder("CR…"),

		common.NewTextField(fWAMsgService, "WhatsApp messaging svc", s.WhatsApp.MsgServiceSID).WithGroup("WhatsApp").
			WithValidate(sidValidator("MG")).WithPlaceholder("MG…"),
		common.NewTextField(fWAFrom, "WhatsApp from", s.WhatsApp.From).
			WithValidate(func(v string) error {
				if v == "" {
					return nil
				}
				_, err := twilioapi.NormalizePhone(strings.TrimPrefix(v, "whatsapp:"), "")
				return common.FieldMessage(err)
			}).WithPlaceholder("+14155550100"),

		common.NewBoolField(fEvents, "Verify event subscription", s.VerifyEventSubscriptionEnabled).WithGroup("Events").
			WithHint("Send Verify events to your Event Streams sinks."),
	}
	return common.NewForm(append(fields, passkeysFields(s.Passkeys)...)...)
}

// settingsFrom reads a validated form into settings. On create every
// switch and number is sent (and every non-empty text), so the new
// service is exactly what the form showed whatever the account's
// defaults; on edit only what differs from the service as loaded is sent.
func settingsFrom(f common.Form, base twilioapi.Service, mode formMode) twilioapi.ServiceSettings {
	var ss twilioapi.ServiceSettings
	create := mode == modeCreate
	str := func(key, old string, dst **string) {
		if v := f.Get(key); (create && v != "") || (!create && v != old) {
			*dst = &v
		}
	}
	num := func(key string, old int, dst **int) {
		if n, err := strconv.Atoi(f.Get(key)); err == nil && (create || n != old) {
			*dst = &n
		}
	}
	flag := func(key string, old bool, dst **bool) {
		if v := f.Bool(key); create || v != old {
			*dst = &v
		}
	}
	str(fName, base.FriendlyName, &ss.FriendlyName)
	num(fCodeLength, base.CodeLength, &ss.CodeLength)
	flag(fLookup, base.LookupEnabled, &ss.LookupEnabled)
	flag(fSkipLandlines, base.SkipSMSToLandlines, &ss.SkipSMSToLandlines)
	flag(fDTMF, base.DTMFInputRequired, &ss.DTMFInputRequired)
	str(fTTSName, base.TTSName, &ss.TTSName)
	flag(fPSD2, base.PSD2Enabled, &ss.PSD2Enabled)
	flag(fDoNotShare, base.DoNotShareWarningEnabled, &ss.DoNotShareWarningEnabled)
	flag(fCustomCode, base.CustomCodeEnabled, &ss.CustomCodeEnabled)
	str(fTemplate, base.DefaultTemplateSID, &ss.DefaultTemplateSID)
	flag(fEvents, base.VerifyEventSubscriptionEnabled, &ss.VerifyEventSubscriptionEnabled)
	flag(fPushDate, base.Push.IncludeDate, &ss.PushIncludeDate)
	str(fPushAPN, base.Push.APNCredentialSID, &ss.PushAPNCredentialSID)
	str(fPushFCM, base.Push.FCMCredentialSID, &ss.PushFCMCredentialSID)
	str(fTOTPIssuer, base.TOTP.Issuer, &ss.TOTPIssuer)
	num(fTOTPStep, base.TOTP.TimeStep, &ss.TOTPTimeStep)
	num(fTOTPLen, base.TOTP.CodeLength, &ss.TOTPCodeLength)
	num(fTOTPSkew, base.TOTP.Skew, &ss.TOTPSkew)
	str(fWAMsgService, base.WhatsApp.MsgServiceSID, &ss.WhatsAppMsgServiceSID)
	str(fWAFrom, base.WhatsApp.From, &ss.WhatsAppFrom)
	passkeysSettingsFrom(f, base.Passkeys, create, &ss)
	return ss
}

// errorPlaces says which field a refused save is about: invalid-input
// errors name their field by label; Twilio's 60200 "Invalid parameter"
// messages name the API parameter. An error no field owns is shown above
// the form with its more_info link (common.ErrorText).
func errorPlaces() common.ErrorPlaces {
	places := common.ErrorPlaces{Params: map[string]string{
		"friendlyname": fName, "friendly name": fName, "codelength": fCodeLength, "code length": fCodeLength,
		"totptimestep": fTOTPStep, "totpcodelength": fTOTPLen, "totpskew": fTOTPSkew,
		"defaulttemplatesid": fTemplate, "pushapncredentialsid": fPushAPN, "pushfcmcredentialsid": fPushFCM,
		"whatsappmsgservicesid": fWAMsgService, "whatsappfrom": fWAFrom, "ttsname": fTTSName,
		"template sid": fTemplate,
	}}
	passkeysErrorPlaces(places.Params)
	return places
}
