package twilioapi

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// This file turns twilio-go's pointer models into the domain types, so no
// caller ever dereferences a *interface{}. Nested objects arrive as
// map[string]interface{} with float64 numbers; null or missing values
// become zero values.

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func boolean(p *bool) bool { return p != nil && *p }

func tm(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return *p
}

// object returns the map inside a *interface{} (nil when null or not an
// object).
func object(p *interface{}) map[string]any {
	if p == nil {
		return nil
	}
	m, _ := (*p).(map[string]any)
	return m
}

// mstr reads a string; numbers are formatted, so "311" and 311 both work.
func mstr(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case json.Number:
		return v.String()
	default:
		return ""
	}
}

// mint reads an integer; JSON numbers are float64, strings are parsed.
func mint(m map[string]any, key string) int {
	switch v := m[key].(type) {
	case float64:
		return int(v)
	case json.Number:
		n, _ := v.Int64()
		return int(n)
	case string:
		n, _ := strconv.Atoi(v)
		return n
	default:
		return 0
	}
}

// mbool reads a boolean; "true" strings count too.
func mbool(m map[string]any, key string) bool {
	switch v := m[key].(type) {
	case bool:
		return v
	case string:
		return v == "true"
	default:
		return false
	}
}

// mobj reads a nested object.
func mobj(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

// channel normalises a channel name: the API's examples mix "SMS" and "sms".
func channel(s string) Channel { return Channel(strings.ToLower(s)) }

func serviceFrom(s *verify.VerifyV2Service) Service {
	push, totp, wa := object(s.Push), object(s.Totp), object(s.Whatsapp)
	return Service{
		SID:                            str(s.Sid),
		AccountSID:                     str(s.AccountSid),
		FriendlyName:                   str(s.FriendlyName),
		CodeLength:                     s.CodeLength,
		LookupEnabled:                  boolean(s.LookupEnabled),
		SkipSMSToLandlines:             boolean(s.SkipSmsToLandlines),
		DTMFInputRequired:              boolean(s.DtmfInputRequired),
		TTSName:                        str(s.TtsName),
		PSD2Enabled:                    boolean(s.Psd2Enabled),
		DoNotShareWarningEnabled:       boolean(s.DoNotShareWarningEnabled),
		CustomCodeEnabled:              boolean(s.CustomCodeEnabled),
		DefaultTemplateSID:             str(s.DefaultTemplateSid),
		VerifyEventSubscriptionEnabled: boolean(s.VerifyEventSubscriptionEnabled),
		Push: PushSettings{
			IncludeDate:      mbool(push, "include_date"),
			APNCredentialSID: mstr(push, "apn_credential_sid"),
			FCMCredentialSID: mstr(push, "fcm_credential_sid"),
		},
		TOTP: TOTPSettings{
			Issuer:     mstr(totp, "issuer"),
			TimeStep:   mint(totp, "time_step"),
			CodeLength: mint(totp, "code_length"),
			Skew:       mint(totp, "skew"),
		},
		WhatsApp: WhatsAppSettings{
			MsgServiceSID: mstr(wa, "msg_service_sid"),
			From:          mstr(wa, "from"),
		},
		Passkeys:    passkeysFrom(object(s.Passkeys)),
		DateCreated: tm(s.DateCreated),
		DateUpdated: tm(s.DateUpdated),
		URL:         str(s.Url),
	}
}

// carrierFrom reads a lookup.carrier block.
func carrierFrom(m map[string]any) CarrierInfo {
	return CarrierInfo{
		Name:              mstr(m, "name"),
		Type:              mstr(m, "type"),
		MobileCountryCode: mstr(m, "mobile_country_code"),
		MobileNetworkCode: mstr(m, "mobile_network_code"),
		ErrorCode:         mint(m, "error_code"),
	}
}

// parseTime reads the free-form time strings inside untyped arrays
// (send_code_attempts[].time): RFC 3339 with or without fractions.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func verificationFrom(v *verify.VerifyV2Verification) Verification {
	out := Verification{
		SID:         str(v.Sid),
		ServiceSID:  str(v.ServiceSid),
		AccountSID:  str(v.AccountSid),
		To:          str(v.To),
		Channel:     channel(str(v.Channel)),
		Status:      Status(str(v.Status)),
		Valid:       boolean(v.Valid),
		Amount:      str(v.Amount),
		Payee:       str(v.Payee),
		Carrier:     carrierFrom(mobj(object(v.Lookup), "carrier")),
		SNAURL:      mstr(object(v.Sna), "url"),
		DateCreated: tm(v.DateCreated),
		DateUpdated: tm(v.DateUpdated),
		URL:         str(v.Url),
	}
	if v.SendCodeAttempts != nil {
		out.SendCodeAttempts = make([]SendAttempt, 0, len(*v.SendCodeAttempts))
		for _, a := range *v.SendCodeAttempts {
			m, _ := a.(map[string]any)
			out.SendCodeAttempts = append(out.SendCodeAttempts, SendAttempt{
				AttemptSID: mstr(m, "attempt_sid"),
				Channel:    channel(mstr(m, "channel")),
				Time:       parseTime(mstr(m, "time")),
			})
		}
	}
	return out
}

func checkFrom(v *verify.VerifyV2VerificationCheck) CheckResult {
	out := CheckResult{
		SID:         str(v.Sid),
		ServiceSID:  str(v.ServiceSid),
		AccountSID:  str(v.AccountSid),
		To:          str(v.To),
		Channel:     channel(str(v.Channel)),
		Status:      Status(str(v.Status)),
		Valid:       boolean(v.Valid),
		Amount:      str(v.Amount),
		Payee:       str(v.Payee),
		DateCreated: tm(v.DateCreated),
		DateUpdated: tm(v.DateUpdated),
	}
	// null (last channel not SNA) stays nil; [] becomes an empty slice.
	if v.SnaAttemptsErrorCodes != nil {
		out.SNAAttemptErrorCodes = make([]SNAAttemptError, 0, len(*v.SnaAttemptsErrorCodes))
		for _, a := range *v.SnaAttemptsErrorCodes {
			m, _ := a.(map[string]any)
			out.SNAAttemptErrorCodes = append(out.SNAAttemptErrorCodes, SNAAttemptError{
				AttemptSID: mstr(m, "attempt_sid"),
				Code:       mint(m, "code"),
			})
		}
	}
	return out
}

func phoneInfoFrom(r *lookups.LookupResponse) PhoneInfo {
	out := PhoneInfo{
		PhoneNumber:        str(r.PhoneNumber),
		NationalFormat:     str(r.NationalFormat),
		CountryCode:        str(r.CountryCode),
		CallingCountryCode: str(r.CallingCountryCode),
		Valid:              r.Valid,
		LineType: CarrierInfo{
			Name:              r.LineTypeIntelligence.CarrierName,
			Type:              r.LineTypeIntelligence.Type,
			MobileCountryCode: r.LineTypeIntelligence.MobileCountryCode,
			MobileNetworkCode: r.LineTypeIntelligence.MobileNetworkCode,
			ErrorCode:         r.LineTypeIntelligence.ErrorCode,
		},
		SMSPumpingRisk: SMSPumpingRisk{
			Score:               r.SmsPumpingRisk.SmsPumpingRiskScore,
			CarrierRiskCategory: r.SmsPumpingRisk.CarrierRiskCategory,
			NumberBlocked:       r.SmsPumpingRisk.NumberBlocked,
			ErrorCode:           r.SmsPumpingRisk.ErrorCode,
		},
	}
	for _, e := range r.ValidationErrors {
		out.ValidationErrors = append(out.ValidationErrors, string(e))
	}
	return out
}
