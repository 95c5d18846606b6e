package twilioapi

import (
	"net"
	"net/url"
	"slices"
	"strings"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// PasskeysAttachments are the authenticator attachment choices Twilio
// accepts ("" leaves the choice to the authenticator).
func PasskeysAttachments() []string { return []string{"", "platform", "cross-platform", "any"} }

// PasskeysRequirements are the discoverable-credentials and
// user-verification choices ("" leaves them to the authenticator).
func PasskeysRequirements() []string { return []string{"", "required", "preferred", "discouraged"} }

// ValidateRelyingPartyID checks a Passkeys relying party id: a domain name
// such as example.com (no scheme, port or path), or localhost.
func ValidateRelyingPartyID(id string) error {
	if id == "" {
		return nil
	}
	if len(id) > 253 || strings.ContainsAny(id, ":/?# ") {
		return invalid("Relying party ID", "The relying party ID is a domain such as example.com, without https:// or a path.")
	}
	labels := strings.Split(id, ".")
	if len(labels) < 2 && id != "localhost" {
		return invalid("Relying party ID", "The relying party ID is a domain such as example.com.")
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return invalid("Relying party ID", "%q is not a valid domain name.", id)
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return invalid("Relying party ID", "%q is not a valid domain name.", id)
			}
		}
	}
	return nil
}

// ValidatePasskeysOrigin checks one allowed origin: https://host[:port]
// (http only for localhost), nothing after the host; with a relying party
// id, the host must be that domain or one under it (WebAuthn's rule).
func ValidatePasskeysOrigin(origin, rpID string) error {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return invalid("Origins", "%q is not an origin such as https://login.example.com.", origin)
	}
	host := u.Hostname()
	switch u.Scheme {
	case "https":
	case "http":
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return invalid("Origins", "%q must use https (http is allowed only for localhost).", origin)
		}
	default:
		return invalid("Origins", "%q must use https.", origin)
	}
	if rpID != "" && !strings.EqualFold(host, rpID) && !strings.HasSuffix(strings.ToLower(host), "."+strings.ToLower(rpID)) {
		return invalid("Origins", "%q is not on the relying party's domain %s.", origin, rpID)
	}
	return nil
}

// SplitOrigins reads a comma-separated list of origins (as Twilio takes
// them), dropping blanks.
func SplitOrigins(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// validatePasskeysSettings checks the Passkeys fields of settings.
func validatePasskeysSettings(s ServiceSettings) error {
	rpID := ""
	if s.PasskeysRelyingPartyID != nil {
		rpID = *s.PasskeysRelyingPartyID
		if err := ValidateRelyingPartyID(rpID); err != nil {
			return err
		}
	}
	if s.PasskeysRelyingPartyName != nil {
		if err := printable("Relying party name", *s.PasskeysRelyingPartyName); err != nil {
			return err
		}
	}
	if s.PasskeysOrigins != nil {
		for _, o := range SplitOrigins(*s.PasskeysOrigins) {
			if err := ValidatePasskeysOrigin(o, rpID); err != nil {
				return err
			}
		}
	}
	enums := []struct {
		field string
		p     *string
		ok    []string
	}{
		{"Authenticator attachment", s.PasskeysAuthenticatorAttachment, PasskeysAttachments()},
		{"Discoverable credentials", s.PasskeysDiscoverableCredentials, PasskeysRequirements()},
		{"User verification", s.PasskeysUserVerification, PasskeysRequirements()},
	}
	for _, e := range enums {
		if e.p != nil && !slices.Contains(e.ok, *e.p) {
			return invalid(e.field, "%s is one of %s (got %q).", e.field, strings.Join(e.ok[1:], ", "), *e.p)
		}
	}
	return nil
}

// passkeysParams sets the Passkeys fields of settings on p.
func passkeysParams(p *verify.CreateServiceParams, s ServiceSettings) {
	if s.PasskeysRelyingPartyID != nil {
		p.SetPasskeysRelyingPartyId(*s.PasskeysRelyingPartyID)
	}
	if s.PasskeysRelyingPartyName != nil {
		p.SetPasskeysRelyingPartyName(*s.PasskeysRelyingPartyName)
	}
	if s.PasskeysOrigins != nil {
		p.SetPasskeysRelyingPartyOrigins(strings.Join(SplitOrigins(*s.PasskeysOrigins), ","))
	}
	if s.PasskeysAuthenticatorAttachment != nil {
		p.SetPasskeysAuthenticatorAttachment(*s.PasskeysAuthenticatorAttachment)
	}
	if s.PasskeysDiscoverableCredentials != nil {
		p.SetPasskeysDiscoverableCredentials(*s.PasskeysDiscoverableCredentials)
	}
	if s.PasskeysUserVerification != nil {
		p.SetPasskeysUserVerification(*s.PasskeysUserVerification)
	}
}

// passkeysFrom reads a service's passkeys object.
func passkeysFrom(m map[string]any) PasskeysSettings {
	rp := mobj(m, "relying_party")
	out := PasskeysSettings{
		RelyingPartyID: mstr(rp, "id"), RelyingPartyName: mstr(rp, "name"),
		AuthenticatorAttachment: mstr(m, "authenticator_attachment"),
		DiscoverableCredentials: mstr(m, "discoverable_credentials"),
		UserVerification:        mstr(m, "user_verification"),
	}
	if list, ok := rp["origins"].([]any); ok {
		var os []string
		for _, o := range list {
			if s, ok := o.(string); ok {
				os = append(os, s)
			}
		}
		out.Origins = strings.Join(os, ",")
	}
	return out
}
