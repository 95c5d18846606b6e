package cli

import (
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// The --json shapes: the fields and names Twilio's API answers with, so a
// script written against the API reads the command's output unchanged.

// serviceJSON is a Verify v2 service.
type serviceJSON struct {
	SID                            string       `json:"sid"`
	AccountSID                     string       `json:"account_sid"`
	FriendlyName                   string       `json:"friendly_name"`
	CodeLength                     int          `json:"code_length"`
	LookupEnabled                  bool         `json:"lookup_enabled"`
	SkipSMSToLandlines             bool         `json:"skip_sms_to_landlines"`
	DTMFInputRequired              bool         `json:"dtmf_input_required"`
	TTSName                        *string      `json:"tts_name"`
	PSD2Enabled                    bool         `json:"psd2_enabled"`
	DoNotShareWarningEnabled       bool         `json:"do_not_share_warning_enabled"`
	CustomCodeEnabled              bool         `json:"custom_code_enabled"`
	DefaultTemplateSID             *string      `json:"default_template_sid"`
	VerifyEventSubscriptionEnabled bool         `json:"verify_event_subscription_enabled"`
	Push                           pushJSON     `json:"push"`
	TOTP                           totpJSON     `json:"totp"`
	WhatsApp                       whatsAppJSON `json:"whatsapp"`
	Passkeys                       passkeysJSON `json:"passkeys"`
	DateCreated                    string       `json:"date_created"`
	DateUpdated                    string       `json:"date_updated"`
	URL                            string       `json:"url"`
}

type pushJSON struct {
	IncludeDate      bool    `json:"include_date"`
	APNCredentialSID *string `json:"apn_credential_sid"`
	FCMCredentialSID *string `json:"fcm_credential_sid"`
}

// totpJSON holds a service's TOTP settings; each is null until set. The
// client reads an unset skew as 0, which is also a valid skew: it is taken
// as set when any other TOTP setting is.
type totpJSON struct {
	Issuer     *string `json:"issuer"`
	TimeStep   *int    `json:"time_step"`
	CodeLength *int    `json:"code_length"`
	Skew       *int    `json:"skew"`
}

func totpToJSON(t twilioapi.TOTPSettings) totpJSON {
	out := totpJSON{Issuer: nullable(t.Issuer), TimeStep: nullableInt(t.TimeStep), CodeLength: nullableInt(t.CodeLength),
		Skew: nullableInt(t.Skew)}
	if out.Skew == nil && (out.Issuer != nil || out.TimeStep != nil || out.CodeLength != nil) {
		out.Skew = &t.Skew
	}
	return out
}

type passkeysJSON struct {
	RelyingParty            relyingPartyJSON `json:"relying_party"`
	AuthenticatorAttachment *string          `json:"authenticator_attachment"`
	DiscoverableCredentials *string          `json:"discoverable_credentials"`
	UserVerification        *string          `json:"user_verification"`
}

type relyingPartyJSON struct {
	ID      *string  `json:"id"`
	Name    *string  `json:"name"`
	Origins []string `json:"origins"`
}

func passkeysToJSON(p twilioapi.PasskeysSettings) passkeysJSON {
	out := passkeysJSON{RelyingParty: relyingPartyJSON{ID: nullable(p.RelyingPartyID), Name: nullable(p.RelyingPartyName)},
		AuthenticatorAttachment: nullable(p.AuthenticatorAttachment), DiscoverableCredentials: nullable(p.DiscoverableCredentials),
		UserVerification: nullable(p.UserVerification)}
	for _, o := range strings.Split(p.Origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out.RelyingParty.Origins = append(out.RelyingParty.Origins, o)
		}
	}
	return out
}

type whatsAppJSON struct {
	MsgServiceSID *string `json:"msg_service_sid"`
	From          *string `json:"from"`
}

func serviceToJSON(s twilioapi.Service) serviceJSON {
	return serviceJSON{SID: s.SID, AccountSID: s.AccountSID, FriendlyName: s.FriendlyName, CodeLength: s.CodeLength,
		LookupEnabled: s.LookupEnabled, SkipSMSToLandlines: s.SkipSMSToLandlines, DTMFInputRequired: s.DTMFInputRequired,
		TTSName: nullable(s.TTSName), PSD2Enabled: s.PSD2Enabled, DoNotShareWarningEnabled: s.DoNotShareWarningEnabled,
		CustomCodeEnabled: s.CustomCodeEnabled, DefaultTemplateSID: nullable(s.DefaultTemplateSID),
		VerifyEventSubscriptionEnabled: s.VerifyEventSubscriptionEnabled,
		Push: pushJSON{IncludeDate: s.Push.IncludeDate, APNCredentialSID: nullable(s.Push.APNCredentialSID),
			FCMCredentialSID: nullable(s.Push.FCMCredentialSID)},
		TOTP:        totpToJSON(s.TOTP),
		WhatsApp:    whatsAppJSON{MsgServiceSID: nullable(s.WhatsApp.MsgServiceSID), From: nullable(s.WhatsApp.From)},
		Passkeys:    passkeysToJSON(s.Passkeys),
		DateCreated: apiTime(s.DateCreated), DateUpdated: apiTime(s.DateUpdated), URL: s.URL}
}

// verificationJSON is a verification.
type verificationJSON struct {
	SID              string            `json:"sid"`
	ServiceSID       string            `json:"service_sid"`
	AccountSID       string            `json:"account_sid"`
	To               string            `json:"to"`
	Channel          string            `json:"channel"`
	Status           string            `json:"status"`
	Valid            bool              `json:"valid"`
	Amount           *string           `json:"amount"`
	Payee            *string           `json:"payee"`
	SendCodeAttempts []sendAttemptJSON `json:"send_code_attempts"`
	Lookup           lookupJSON        `json:"lookup"`
	SNA              *snaJSON          `json:"sna"`
	DateCreated      string            `json:"date_created"`
	DateUpdated      string            `json:"date_updated"`
	URL              string            `json:"url"`
}

type sendAttemptJSON struct {
	AttemptSID string `json:"attempt_sid"`
	Channel    string `json:"channel"`
	Time       string `json:"time"`
}

type lookupJSON struct {
	Carrier *carrierJSON `json:"carrier"`
}

type carrierJSON struct {
	ErrorCode         *int   `json:"error_code"`
	Name              string `json:"name"`
	MobileCountryCode string `json:"mobile_country_code"`
	MobileNetworkCode string `json:"mobile_network_code"`
	Type              string `json:"type"`
}

type snaJSON struct {
	URL string `json:"url"`
}

func verificationToJSON(v twilioapi.Verification) verificationJSON {
	out := verificationJSON{SID: v.SID, ServiceSID: v.ServiceSID, AccountSID: v.AccountSID, To: v.To,
		Channel: string(v.Channel), Status: string(v.Status), Valid: v.Valid, Amount: nullable(v.Amount),
		Payee: nullable(v.Payee), SendCodeAttempts: make([]sendAttemptJSON, 0, len(v.SendCodeAttempts)),
		DateCreated: apiTime(v.DateCreated), DateUpdated: apiTime(v.DateUpdated), URL: v.URL}
	for _, a := range v.SendCodeAttempts {
		out.SendCodeAttempts = append(out.SendCodeAttempts, sendAttemptJSON{AttemptSID: a.AttemptSID, Channel: string(a.Channel), Time: apiTime(a.Time)})
	}
	if v.Carrier != (twilioapi.CarrierInfo{}) {
		c := carrierToJSON(v.Carrier)
		out.Lookup.Carrier = &c
	}
	if v.SNAURL != "" {
		out.SNA = &snaJSON{URL: v.SNAURL}
	}
	return out
}

func carrierToJSON(c twilioapi.CarrierInfo) carrierJSON {
	out := carrierJSON{Name: c.Name, MobileCountryCode: c.MobileCountryCode, MobileNetworkCode: c.MobileNetworkCode, Type: c.Type}
	if c.ErrorCode != 0 {
		out.ErrorCode = &c.ErrorCode
	}
	return out
}

// checkJSON is a verification check.
type checkJSON struct {
	SID                   string         `json:"sid"`
	ServiceSID            string         `json:"service_sid"`
	AccountSID            string         `json:"account_sid"`
	To                    string         `json:"to"`
	Channel               string         `json:"channel"`
	Status                string         `json:"status"`
	Valid                 bool           `json:"valid"`
	Amount                *string        `json:"amount"`
	Payee                 *string        `json:"payee"`
	SNAAttemptsErrorCodes []snaErrorJSON `json:"sna_attempts_error_codes"`
	DateCreated           string         `json:"date_created"`
	DateUpdated           string         `json:"date_updated"`
}

type snaErrorJSON struct {
	AttemptSID string `json:"attempt_sid"`
	Code       int    `json:"code"`
}

func checkToJSON(r twilioapi.CheckResult) checkJSON {
	out := checkJSON{SID: r.SID, ServiceSID: r.ServiceSID, AccountSID: r.AccountSID, To: r.To, Channel: string(r.Channel), Status: string(r.Status),
		Valid: r.Valid, Amount: nullable(r.Amount), Payee: nullable(r.Payee),
		DateCreated: apiTime(r.DateCreated), DateUpdated: apiTime(r.DateUpdated)}
	if r.SNAAttemptErrorCodes != nil {
		out.SNAAttemptsErrorCodes = make([]snaErrorJSON, 0, len(r.SNAAttemptErrorCodes))
		for _, e := range r.SNAAttemptErrorCodes {
			out.SNAAttemptsErrorCodes = append(out.SNAAttemptsErrorCodes, snaErrorJSON(e))
		}
	}
	return out
}

// phoneJSON is a Lookup v2 phone number with line type intelligence and
// SMS pumping risk.
type phoneJSON struct {
	PhoneNumber          string            `json:"phone_number"`
	NationalFormat       string            `json:"national_format"`
	CountryCode          string            `json:"country_code"`
	CallingCountryCode   string            `json:"calling_country_code"`
	Valid                bool              `json:"valid"`
	ValidationErrors     []string          `json:"validation_errors"` // null for a valid number, as Lookup answers
	LineTypeIntelligence lineTypeJSON      `json:"line_type_intelligence"`
	SMSPumpingRisk       smsPumpingRiskRow `json:"sms_pumping_risk"`
}

type lineTypeJSON struct {
	CarrierName       string `json:"carrier_name"`
	ErrorCode         *int   `json:"error_code"`
	MobileCountryCode string `json:"mobile_country_code"`
	MobileNetworkCode string `json:"mobile_network_code"`
	Type              string `json:"type"`
}

type smsPumpingRiskRow struct {
	CarrierRiskCategory string `json:"carrier_risk_category"`
	NumberBlocked       bool   `json:"number_blocked"`
	SMSPumpingRiskScore int    `json:"sms_pumping_risk_score"`
	ErrorCode           *int   `json:"error_code"`
}

func phoneToJSON(p twilioapi.PhoneInfo) phoneJSON {
	out := phoneJSON{PhoneNumber: p.PhoneNumber, NationalFormat: p.NationalFormat, CountryCode: p.CountryCode,
		CallingCountryCode: p.CallingCountryCode, Valid: p.Valid, ValidationErrors: p.ValidationErrors,
		LineTypeIntelligence: lineTypeJSON{CarrierName: p.LineType.Name, MobileCountryCode: p.LineType.MobileCountryCode,
			MobileNetworkCode: p.LineType.MobileNetworkCode, Type: p.LineType.Type},
		SMSPumpingRisk: smsPumpingRiskRow{CarrierRiskCategory: p.SMSPumpingRisk.CarrierRiskCategory,
			NumberBlocked: p.SMSPumpingRisk.NumberBlocked, SMSPumpingRiskScore: p.SMSPumpingRisk.Score}}
	if p.LineType.ErrorCode != 0 {
		out.LineTypeIntelligence.ErrorCode = &p.LineType.ErrorCode
	}
	if p.SMSPumpingRisk.ErrorCode != 0 {
		out.SMSPumpingRisk.ErrorCode = &p.SMSPumpingRisk.ErrorCode
	}
	return out
}

// nullable is s, or JSON null when empty (as Twilio answers unset fields).
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// nullableInt is n, or JSON null when 0 (a setting Twilio answers as null
// until it is set).
func nullableInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// apiTime formats t as Twilio's ISO 8601 UTC ("" for the zero time).
func apiTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
