package services

import (
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Field keys of the service form's Passkeys group.
const (
	fPKRPID     = "passkeys_relying_party_id"
	fPKRPName   = "passkeys_relying_party_name"
	fPKOrigins  = "passkeys_relying_party_origins"
	fPKAttach   = "passkeys_authenticator_attachment"
	fPKDiscover = "passkeys_discoverable_credentials"
	fPKUV       = "passkeys_user_verification"
)

// unsetChoice is how a choice field shows an unset Passkeys enum.
const unsetChoice = "(not set)"

// withUnset is choices with "" shown as unsetChoice.
func withUnset(choices []string) []string {
	out := make([]string, len(choices))
	for i, c := range choices {
		out[i] = c
		if c == "" {
			out[i] = unsetChoice
		}
	}
	return out
}

// choiceValue reads a Passkeys choice back ("" for unsetChoice).
func choiceValue(v string) string {
	if v == unsetChoice {
		return ""
	}
	return v
}

// passkeysFields are the service form's Passkeys fields, pre-filled from p.
func passkeysFields(p twilioapi.PasskeysSettings) []common.Field {
	orUnset := func(v string) string {
		if v == "" {
			return unsetChoice
		}
		return v
	}
	return []common.Field{
		common.NewTextField(fPKRPID, "Relying party ID", p.RelyingPartyID).WithGroup("Passkeys").WithPlaceholder("example.com").
			WithValidate(func(v string) error { return common.FieldMessage(twilioapi.ValidateRelyingPartyID(v)) }).
			WithHint("Your site's domain: passkeys are bound to it (no https://, no path)."),
		common.NewTextField(fPKRPName, "Relying party name", p.RelyingPartyName).WithPlaceholder("Example").
			WithHint("The name authenticators show when creating a passkey."),
		common.NewTextField(fPKOrigins, "Origins", p.Origins).WithPlaceholder("https://login.example.com,https://example.com").
			WithValidate(func(v string) error {
				for _, o := range twilioapi.SplitOrigins(v) {
					if err := twilioapi.ValidatePasskeysOrigin(o, ""); err != nil {
						return common.FieldMessage(err)
					}
				}
				return nil
			}).WithHint("Comma-separated origins allowed to use the passkeys, on the relying party's domain."),
		common.NewChoiceField(fPKAttach, "Authenticator", withUnset(twilioapi.PasskeysAttachments()), orUnset(p.AuthenticatorAttachment)).
			WithHint("platform: the device's own (Touch ID, Windows Hello); cross-platform: security keys, phones."),
		common.NewChoiceField(fPKDiscover, "Discoverable credentials", withUnset(twilioapi.PasskeysRequirements()), orUnset(p.DiscoverableCredentials)).
			WithHint("required lets users sign in without typing a user name."),
		common.NewChoiceField(fPKUV, "User verification", withUnset(twilioapi.PasskeysRequirements()), orUnset(p.UserVerification)).
			WithHint("required asks for a PIN or biometric on every use."),
	}
}

// passkeysSettingsFrom reads the Passkeys fields into ss: on create what
// is set, on edit what changed.
func passkeysSettingsFrom(f common.Form, base twilioapi.PasskeysSettings, create bool, ss *twilioapi.ServiceSettings) {
	set := func(v, old string, dst **string) {
		if (create && v != "") || (!create && v != old) {
			*dst = &v
		}
	}
	rpID, origins := strings.TrimSpace(f.Get(fPKRPID)), strings.Join(twilioapi.SplitOrigins(f.Get(fPKOrigins)), ",")
	set(rpID, base.RelyingPartyID, &ss.PasskeysRelyingPartyID)
	set(f.Get(fPKRPName), base.RelyingPartyName, &ss.PasskeysRelyingPartyName)
	set(origins, base.Origins, &ss.PasskeysOrigins)
	// The origins must lie on the relying party's domain: when either
	// changes, both are sent, so the pair is checked (and stored) together.
	if ss.PasskeysRelyingPartyID != nil && ss.PasskeysOrigins == nil && origins != "" {
		ss.PasskeysOrigins = &origins
	}
	if ss.PasskeysOrigins != nil && ss.PasskeysRelyingPartyID == nil && rpID != "" {
		ss.PasskeysRelyingPartyID = &rpID
	}
	set(choiceValue(f.Get(fPKAttach)), base.AuthenticatorAttachment, &ss.PasskeysAuthenticatorAttachment)
	set(choiceValue(f.Get(fPKDiscover)), base.DiscoverableCredentials, &ss.PasskeysDiscoverableCredentials)
	set(choiceValue(f.Get(fPKUV)), base.UserVerification, &ss.PasskeysUserVerification)
}

// passkeysGroup is the detail pane's Passkeys section.
func passkeysGroup(p twilioapi.PasskeysSettings) group {
	return group{"Passkeys", []kv{
		{"Relying party ID", orNone(p.RelyingPartyID)},
		{"Relying party name", orNone(p.RelyingPartyName)},
		{"Origins", orNone(strings.ReplaceAll(p.Origins, ",", ", "))},
		{"Authenticator", orNone(p.AuthenticatorAttachment)},
		{"Discoverable creds", orNone(p.DiscoverableCredentials)},
		{"User verification", orNone(p.UserVerification)},
	}}
}

// passkeysErrorPlaces map the Passkeys parameters and labels to fields.
func passkeysErrorPlaces(m map[string]string) {
	for k, v := range map[string]string{
		"passkeysrelyingpartyid": fPKRPID, "relying party id": fPKRPID, "passkeysrelyingpartyname": fPKRPName,
		"relying party name": fPKRPName, "passkeysrelyingpartyorigins": fPKOrigins, "origins": fPKOrigins,
		"passkeysauthenticatorattachment": fPKAttach, "authenticator attachment": fPKAttach,
		"passkeysdiscoverablecredentials": fPKDiscover, "discoverable credentials": fPKDiscover,
		"passkeysuserverification": fPKUV, "user verification": fPKUV,
	} {
		m[k] = v
	}
}
