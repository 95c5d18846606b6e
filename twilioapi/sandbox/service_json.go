package sandbox

import "time"

// serviceJSON is the wire shape of a service (VerifyV2Service).
type serviceJSON struct {
	SID                            string            `json:"sid"`
	AccountSID                     string            `json:"account_sid"`
	FriendlyName                   string            `json:"friendly_name"`
	CodeLength                     int               `json:"code_length"`
	LookupEnabled                  bool              `json:"lookup_enabled"`
	PSD2Enabled                    bool              `json:"psd2_enabled"`
	SkipSMSToLandlines             bool              `json:"skip_sms_to_landlines"`
	DTMFInputRequired              bool              `json:"dtmf_input_required"`
	TTSName                        *string           `json:"tts_name"`
	DoNotShareWarningEnabled       bool              `json:"do_not_share_warning_enabled"`
	CustomCodeEnabled              bool              `json:"custom_code_enabled"`
	Push                           pushJSON          `json:"push"`
	TOTP                           totpJSON          `json:"totp"`
	WhatsApp                       whatsappJSON      `json:"whatsapp"`
	Passkeys                       passkeysJSON      `json:"passkeys"`
	DefaultTemplateSID             *string           `json:"default_template_sid"`
	VerifyEventSubscriptionEnabled bool              `json:"verify_event_subscription_enabled"`
	DateCreated                    string            `json:"date_created"`
	DateUpdated                    string            `json:"date_updated"`
	URL                            string            `json:"url"`
	Links                          map[string]string `json:"links"`
}

type pushJSON struct {
	IncludeDate      bool    `json:"include_date"`
	APNCredentialSID *string `json:"apn_credential_sid"`
	FCMCredentialSID *string `json:"fcm_credential_sid"`
}

type totpJSON struct {
	Issuer     *string `json:"issuer"`
	TimeStep   *int    `json:"time_step"`
	CodeLength *int    `json:"code_length"`
	Skew       *int    `json:"skew"`
}

type whatsappJSON struct {
	MsgServiceSID *string `json:"msg_service_sid"`
	From          *string `json:"from"`
}

type passkeysJSON struct {
	RelyingParty struct {
		ID      *string  `json:"id"`
		Name    *string  `json:"name"`
		Origins []string `json:"origins"`
	} `json:"relying_party"`
	AuthenticatorAttachment *string `json:"authenticator_attachment"`
	DiscoverableCredentials *string `json:"discoverable_credentials"`
	UserVerification        *string `json:"user_verification"`
}

// renderService is the wire form of sv, its URLs under base (basesFor).
func (s *Sandbox) renderService(base string, sv *service) serviceJSON {
	u := base + "/Services/" + sv.SID
	j := serviceJSON{
		SID:                            sv.SID,
		AccountSID:                     s.st.AccountSID,
		FriendlyName:                   sv.FriendlyName,
		CodeLength:                     sv.CodeLength,
		LookupEnabled:                  sv.LookupEnabled,
		PSD2Enabled:                    sv.PSD2Enabled,
		SkipSMSToLandlines:             sv.SkipSMSToLandlines,
		DTMFInputRequired:              sv.DTMFInputRequired,
		TTSName:                        sv.TTSName,
		DoNotShareWarningEnabled:       sv.DoNotShareWarningEnabled,
		CustomCodeEnabled:              sv.CustomCodeEnabled,
		Push:                           pushJSON{sv.PushIncludeDate, sv.PushAPNCredentialSID, sv.PushFCMCredentialSID},
		TOTP:                           totpJSON{sv.TOTPIssuer, sv.TOTPTimeStep, sv.TOTPCodeLength, sv.TOTPSkew},
		WhatsApp:                       whatsappJSON{sv.WhatsAppMsgServiceSID, sv.WhatsAppFrom},
		DefaultTemplateSID:             sv.DefaultTemplateSID,
		VerifyEventSubscriptionEnabled: sv.VerifyEventSubscriptionEnabled,
		DateCreated:                    rfc3339(sv.DateCreated),
		DateUpdated:                    rfc3339(sv.DateUpdated),
		URL:                            u,
		Links: map[string]string{
			"verification_checks":      u + "/VerificationCheck",
			"verifications":            u + "/Verifications",
			"rate_limits":              u + "/RateLimits",
			"messaging_configurations": u + "/MessagingConfigurations",
			"entities":                 u + "/Entities",
			"webhooks":                 u + "/Webhooks",
			"access_tokens":            u + "/AccessTokens",
		},
	}
	j.Passkeys.RelyingParty.ID = sv.PasskeysRPID
	j.Passkeys.RelyingParty.Name = sv.PasskeysRPName
	j.Passkeys.RelyingParty.Origins = sv.PasskeysRPOrigins
	j.Passkeys.AuthenticatorAttachment = sv.PasskeysAuthenticatorAttach
	j.Passkeys.DiscoverableCredentials = sv.PasskeysDiscoverableCreds
	j.Passkeys.UserVerification = sv.PasskeysUserVerification
	return j
}

// rfc3339 formats t as Twilio does ("2015-07-30T20:00:00Z").
func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
