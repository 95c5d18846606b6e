package sandbox

import (
	"slices"
	"strings"
)

// applyServiceForm validates and applies Create/UpdateService parameters.
// Nothing is changed when any parameter is invalid.
func applyServiceForm(sv *service, f form, create bool) *apiError {
	next := *sv
	if name, ok := f.get("FriendlyName"); ok || create {
		name = strings.TrimSpace(name)
		// Twilio: at most 30 characters (error 60200 page); required on create.
		if name == "" || len([]rune(name)) > 30 {
			return errInvalid("FriendlyName")
		}
		next.FriendlyName = name
	}
	type boolField struct {
		key string
		dst *bool
	}
	for _, b := range []boolField{
		{"LookupEnabled", &next.LookupEnabled},
		{"SkipSmsToLandlines", &next.SkipSMSToLandlines},
		{"DtmfInputRequired", &next.DTMFInputRequired},
		{"Psd2Enabled", &next.PSD2Enabled},
		{"DoNotShareWarningEnabled", &next.DoNotShareWarningEnabled},
		{"CustomCodeEnabled", &next.CustomCodeEnabled},
		{"VerifyEventSubscriptionEnabled", &next.VerifyEventSubscriptionEnabled},
		{"Push.IncludeDate", &next.PushIncludeDate},
	} {
		v, err := f.optBool(b.key)
		if err != nil {
			return err
		}
		if v != nil {
			*b.dst = *v
		}
	}
	type intField struct {
		key    string
		lo, hi int
		dst    **int
	}
	if n, err := f.optInt("CodeLength", 4, 10); err != nil {
		return err
	} else if n != nil {
		next.CodeLength = *n
	}
	for _, i := range []intField{
		{"Totp.TimeStep", 20, 60, &next.TOTPTimeStep},
		{"Totp.CodeLength", 3, 8, &next.TOTPCodeLength},
		{"Totp.Skew", 0, 2, &next.TOTPSkew},
	} {
		n, err := f.optInt(i.key, i.lo, i.hi)
		if err != nil {
			return err
		}
		if n != nil {
			*i.dst = n
		}
	}
	type strField struct {
		key    string
		prefix string // required SID prefix, "" for free text
		enum   []string
		dst    **string
	}
	for _, s := range []strField{
		{key: "TtsName", dst: &next.TTSName},
		{key: "DefaultTemplateSid", prefix: "HJ", dst: &next.DefaultTemplateSID},
		{key: "Push.ApnCredentialSid", prefix: "CR", dst: &next.PushAPNCredentialSID},
		{key: "Push.FcmCredentialSid", prefix: "CR", dst: &next.PushFCMCredentialSID},
		{key: "Totp.Issuer", dst: &next.TOTPIssuer},
		{key: "Whatsapp.MsgServiceSid", prefix: "MG", dst: &next.WhatsAppMsgServiceSID},
		{key: "Whatsapp.From", dst: &next.WhatsAppFrom},
		{key: "Passkeys.RelyingParty.Id", dst: &next.PasskeysRPID},
		{key: "Passkeys.RelyingParty.Name", dst: &next.PasskeysRPName},
		{key: "Passkeys.AuthenticatorAttachment", enum: []string{"platform", "cross-platform", "any"}, dst: &next.PasskeysAuthenticatorAttach},
		{key: "Passkeys.DiscoverableCredentials", enum: []string{"required", "preferred", "discouraged"}, dst: &next.PasskeysDiscoverableCreds},
		{key: "Passkeys.UserVerification", enum: []string{"required", "preferred", "discouraged"}, dst: &next.PasskeysUserVerification},
	} {
		v := f.optStr(s.key)
		if v == nil {
			continue
		}
		switch {
		case *v == "":
			// An empty value clears the setting (echoed as null).
			*s.dst = nil
			continue
		case s.prefix != "" && !validSID(*v, s.prefix):
			return errInvalid(s.key)
		case s.enum != nil && !slices.Contains(s.enum, *v):
			return errInvalid(s.key)
		}
		*s.dst = v
	}
	if v, ok := f.get("Passkeys.RelyingParty.Origins"); ok {
		// Sent comma-separated, echoed as a JSON array.
		next.PasskeysRPOrigins = nil
		for _, o := range strings.Split(v, ",") {
			if o = strings.TrimSpace(o); o != "" {
				next.PasskeysRPOrigins = append(next.PasskeysRPOrigins, o)
			}
		}
	}
	*sv = next
	return nil
}
