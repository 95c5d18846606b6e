package twilioapi

import (
	"encoding/json"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// This file maps validated domain parameters onto twilio-go's setters;
// validate_params.go checks them first.

// createServiceParams maps every ServiceSettings field onto twilio-go's
// setters.
func createServiceParams(s ServiceSettings) *verify.CreateServiceParams {
	p := &verify.CreateServiceParams{}
	if s.FriendlyName != nil {
		p.SetFriendlyName(*s.FriendlyName)
	}
	if s.CodeLength != nil {
		p.SetCodeLength(*s.CodeLength)
	}
	if s.LookupEnabled != nil {
		p.SetLookupEnabled(*s.LookupEnabled)
	}
	if s.SkipSMSToLandlines != nil {
		p.SetSkipSmsToLandlines(*s.SkipSMSToLandlines)
	}
	if s.DTMFInputRequired != nil {
		p.SetDtmfInputRequired(*s.DTMFInputRequired)
	}
	if s.TTSName != nil {
		p.SetTtsName(*s.TTSName)
	}
	if s.PSD2Enabled != nil {
		p.SetPsd2Enabled(*s.PSD2Enabled)
	}
	if s.DoNotShareWarningEnabled != nil {
		p.SetDoNotShareWarningEnabled(*s.DoNotShareWarningEnabled)
	}
	if s.CustomCodeEnabled != nil {
		p.SetCustomCodeEnabled(*s.CustomCodeEnabled)
	}
	if s.DefaultTemplateSID != nil {
		p.SetDefaultTemplateSid(*s.DefaultTemplateSID)
	}
	if s.VerifyEventSubscriptionEnabled != nil {
		p.SetVerifyEventSubscriptionEnabled(*s.VerifyEventSubscriptionEnabled)
	}
	if s.PushIncludeDate != nil {
		p.SetPushIncludeDate(*s.PushIncludeDate)
	}
	if s.PushAPNCredentialSID != nil {
		p.SetPushApnCredentialSid(*s.PushAPNCredentialSID)
	}
	if s.PushFCMCredentialSID != nil {
		p.SetPushFcmCredentialSid(*s.PushFCMCredentialSID)
	}
	if s.TOTPIssuer != nil {
		p.SetTotpIssuer(*s.TOTPIssuer)
	}
	if s.TOTPTimeStep != nil {
		p.SetTotpTimeStep(*s.TOTPTimeStep)
	}
	if s.TOTPCodeLength != nil {
		p.SetTotpCodeLength(*s.TOTPCodeLength)
	}
	if s.TOTPSkew != nil {
		p.SetTotpSkew(*s.TOTPSkew)
	}
	if s.WhatsAppMsgServiceSID != nil {
		p.SetWhatsappMsgServiceSid(*s.WhatsAppMsgServiceSID)
	}
	if s.WhatsAppFrom != nil {
		p.SetWhatsappFrom(*s.WhatsAppFrom)
	}
	passkeysParams(p, s)
	return p
}

// updateServiceParams reuses createServiceParams: twilio-go's Create and
// Update params are identical structs, so the conversion is exact (and
// stops compiling, loudly, if a later twilio-go makes them differ).
func updateServiceParams(s ServiceSettings) *verify.UpdateServiceParams {
	u := verify.UpdateServiceParams(*createServiceParams(s))
	return &u
}

// createVerificationParams maps StartParams onto every twilio-go setter;
// empty fields are not sent.
func createVerificationParams(p StartParams, to string) (*verify.CreateVerificationParams, error) {
	v := (&verify.CreateVerificationParams{}).SetTo(to).SetChannel(string(p.Channel))
	set := func(s string, f func(string) *verify.CreateVerificationParams) {
		if s != "" {
			f(s)
		}
	}
	set(p.CustomFriendlyName, v.SetCustomFriendlyName)
	set(p.CustomMessage, v.SetCustomMessage)
	set(p.SendDigits, v.SetSendDigits)
	set(p.Locale, v.SetLocale)
	set(p.CustomCode, v.SetCustomCode)
	set(p.Amount, v.SetAmount)
	set(p.Payee, v.SetPayee)
	set(p.AppHash, v.SetAppHash)
	set(p.TemplateSID, v.SetTemplateSid)
	set(p.DeviceIP, v.SetDeviceIp)
	set(p.RiskCheck, v.SetRiskCheck)
	if len(p.RateLimits) > 0 {
		v.SetRateLimits(p.RateLimits) // twilio-go JSON-encodes it into one field
	}
	if len(p.ChannelConfiguration) > 0 {
		v.SetChannelConfiguration(p.ChannelConfiguration)
	}
	if p.EnableSNAClientToken {
		v.SetEnableSnaClientToken(true)
	}
	if len(p.Tags) > 0 {
		b, err := json.Marshal(p.Tags) // Tags is JSON text in twilio-go
		if err != nil {
			return nil, invalid("Tags", "Tags could not be encoded: %v", err)
		}
		v.SetTags(string(b))
	}
	return v, nil
}

// createCheckParams maps CheckParams onto twilio-go's setters.
func createCheckParams(p CheckParams, to string) *verify.CreateVerificationCheckParams {
	v := &verify.CreateVerificationCheckParams{}
	if to != "" {
		v.SetTo(to)
	}
	if p.VerificationSID != "" {
		v.SetVerificationSid(p.VerificationSID)
	}
	if p.Code != "" {
		v.SetCode(p.Code)
	}
	if p.Amount != "" {
		v.SetAmount(p.Amount)
	}
	if p.Payee != "" {
		v.SetPayee(p.Payee)
	}
	if p.SNAClientToken != "" {
		v.SetSnaClientToken(p.SNAClientToken)
	}
	return v
}
