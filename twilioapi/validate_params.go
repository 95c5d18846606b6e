package twilioapi

import (
	"net"
	"strings"
	"unicode/utf8"
)

// ValidateServiceSettings checks every non-nil setting; create also needs a
// FriendlyName. Empty SIDs are allowed (they clear a setting on update).
func ValidateServiceSettings(s ServiceSettings, create bool) error {
	if create && s.FriendlyName == nil {
		return invalid("Friendly name", "Friendly name is required.")
	}
	if s.FriendlyName != nil {
		if err := ValidateFriendlyName(*s.FriendlyName); err != nil {
			return err
		}
	}
	ints := []struct {
		p     *int
		check func(int) error
	}{
		{s.CodeLength, ValidateCodeLength},
		{s.TOTPTimeStep, ValidateTOTPTimeStep},
		{s.TOTPCodeLength, ValidateTOTPCodeLength},
		{s.TOTPSkew, ValidateTOTPSkew},
	}
	for _, f := range ints {
		if f.p != nil {
			if err := f.check(*f.p); err != nil {
				return err
			}
		}
	}
	sids := []struct {
		prefix string
		p      *string
	}{
		{"HJ", s.DefaultTemplateSID},
		{"CR", s.PushAPNCredentialSID},
		{"CR", s.PushFCMCredentialSID},
		{"MG", s.WhatsAppMsgServiceSID},
	}
	for _, f := range sids {
		if f.p != nil && *f.p != "" {
			if err := ValidateSID(f.prefix, *f.p); err != nil {
				return err
			}
		}
	}
	texts := []struct {
		field string
		p     *string
	}{{"TTS name", s.TTSName}, {"TOTP issuer", s.TOTPIssuer}, {"WhatsApp sender", s.WhatsAppFrom}}
	for _, f := range texts {
		if f.p != nil {
			if err := printable(f.field, *f.p); err != nil {
				return err
			}
		}
	}
	return validatePasskeysSettings(s)
}

// validChannel reports whether ch is a channel Verify accepts on a start.
func validChannel(ch Channel) bool {
	switch ch {
	case ChannelSMS, ChannelCall, ChannelEmail, ChannelWhatsApp, ChannelSNA, ChannelAuto:
		return true
	}
	return false
}

// ValidateStartParams checks a verification start and returns the To to
// send (normalised E.164, or the trimmed e-mail address).
func ValidateStartParams(p StartParams) (to string, err error) {
	return validateStart(p, normalizeTo)
}

// normalizer turns a destination into its wire form (normalizeTo, or a
// client's cached version of it).
type normalizer func(to string, email bool) (string, error)

// validateStart is ValidateStartParams with a chosen normalizer.
func validateStart(p StartParams, normalize normalizer) (to string, err error) {
	if err := ValidateSID("VA", p.ServiceSID); err != nil {
		return "", err
	}
	if p.Channel == "" {
		return "", invalid("Channel", "Pick a channel: sms, call, email, whatsapp, sna or auto.")
	}
	if !validChannel(p.Channel) {
		return "", invalid("Channel", "%q is not a channel; use sms, call, email, whatsapp, sna or auto.", string(p.Channel))
	}
	if to, err = normalize(p.To, p.Channel == ChannelEmail); err != nil {
		return "", err
	}
	if p.CustomCode != "" {
		if err := ValidateCustomCode(p.CustomCode); err != nil {
			return "", err
		}
	}
	if n := utf8.RuneCountInString(p.CustomFriendlyName); n > MaxServiceNameLength {
		return "", invalid("Custom friendly name", "Custom friendly name is %d characters; the limit is %d.", n, MaxServiceNameLength)
	}
	if strings.Trim(p.SendDigits, "0123456789wW#*") != "" {
		return "", invalid("Send digits", "Send digits may contain only digits, w (a half-second pause), # and *.")
	}
	if p.Locale != "" && (len(p.Locale) > 10 || strings.Trim(p.Locale, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") != "") {
		return "", invalid("Locale", "Locale must look like en, es or pt-BR.")
	}
	if p.TemplateSID != "" {
		if err := ValidateSID("HJ", p.TemplateSID); err != nil {
			return "", err
		}
	}
	if p.DeviceIP != "" && net.ParseIP(p.DeviceIP) == nil {
		return "", invalid("Device IP", "%q is not an IPv4 or IPv6 address.", p.DeviceIP)
	}
	switch p.RiskCheck {
	case "", "enable", "disable":
	default:
		return "", invalid("Risk check", "Risk check must be enable or disable.")
	}
	if len(p.Tags) > MaxTags {
		return "", invalid("Tags", "At most %d tags are allowed.", MaxTags)
	}
	for k, v := range p.Tags {
		if k == "" || utf8.RuneCountInString(k) > MaxTagLength || utf8.RuneCountInString(v) > MaxTagLength {
			return "", invalid("Tags", "Tag names must be 1-%d characters and values at most %d.", MaxTagLength, MaxTagLength)
		}
	}
	for _, f := range []struct{ field, v string }{
		{"Custom friendly name", p.CustomFriendlyName}, {"Custom message", p.CustomMessage},
		{"Amount", p.Amount}, {"Payee", p.Payee}, {"App hash", p.AppHash},
	} {
		if err := printable(f.field, f.v); err != nil {
			return "", err
		}
	}
	return to, nil
}

// ValidateCheckParams checks a verification check and returns the To to send
// ("" when the check is by VerificationSID).
func ValidateCheckParams(p CheckParams) (to string, err error) {
	return validateCheck(p, normalizeTo)
}

// validateCheck is ValidateCheckParams with a chosen normalizer.
func validateCheck(p CheckParams, normalize normalizer) (to string, err error) {
	if err := ValidateSID("VA", p.ServiceSID); err != nil {
		return "", err
	}
	switch {
	case p.To == "" && p.VerificationSID == "":
		return "", invalid("To", "Give the To the code was sent to, or the verification SID.")
	case p.To != "" && p.VerificationSID != "":
		return "", invalid("To", "Give either To or the verification SID, not both.")
	case p.VerificationSID != "":
		if err := ValidateSID("VE", p.VerificationSID); err != nil {
			return "", err
		}
	default:
		if to, err = normalize(p.To, isEmailInput(p.To)); err != nil {
			return "", err
		}
	}
	if p.Code != "" {
		if err := ValidateCode(p.Code); err != nil {
			return "", err
		}
	}
	if err := printable("SNA client token", p.SNAClientToken); err != nil {
		return "", err
	}
	return to, nil
}

// verificationRef validates the {Sid} of a verification path, which is a VE
// SID or the To it was sent to, and returns it normalised. Path values go
// into the URL unescaped, so nothing else may pass.
func verificationRef(sidOrTo string) (string, error) {
	s := strings.TrimSpace(sidOrTo)
	switch {
	case strings.HasPrefix(s, "VE"):
		return s, ValidateSID("VE", s)
	case isEmailInput(s):
		if strings.ContainsAny(s, "/?#%") {
			return "", invalid("To", "%q cannot address a verification (it contains / ? # or %%).", s)
		}
		return s, ValidateEmail(s)
	default:
		return NormalizePhone(s, "")
	}
}
