package keyring

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// AuthMode says which kind of secret a profile authenticates with.
type AuthMode string

// The auth modes a profile can have.
const (
	// AuthToken authenticates as the account SID with its auth token.
	AuthToken AuthMode = "auth_token"
	// APIKey authenticates with an API key SID (SK…) and its secret; the
	// account SID still says which account the key belongs to.
	APIKey AuthMode = "api_key"
)

// Profile is one saved account. It never holds a secret: the secret is in
// the keyring under the profile's Name.
type Profile struct {
	Name       string   `toml:"name"`
	AccountSID string   `toml:"account_sid"`
	AuthMode   AuthMode `toml:"auth_mode"`
	// APIKeySID is set only for AuthMode APIKey.
	APIKeySID string `toml:"api_key_sid,omitempty"`
	Region    string `toml:"region,omitempty"`
	Edge      string `toml:"edge,omitempty"`
	// DefaultServiceSID is the Verify service the console opens first.
	DefaultServiceSID string `toml:"default_service_sid,omitempty"`
	// ReadOnly makes the console refuse every write for this profile.
	ReadOnly bool `toml:"read_only,omitempty"`
	// DefaultRiskCheck is "", "enable" or "disable" ("" = the service's
	// default).
	DefaultRiskCheck string `toml:"default_risk_check,omitempty"`
	// DefaultCountry is the country national phone numbers (typed without
	// "+") are read for: an ISO 3166 alpha-2 code phonenumbers knows, e.g.
	// "GB" ("" = "US"). It is not Region, which is Twilio's (e.g. "ie1").
	DefaultCountry string `toml:"default_country,omitempty"`
	// BaseURL is the address of the sandbox the credentials belong to
	// (set by `login --sandbox-url`), "" for Twilio itself. Sandbox
	// credentials must keep going to the sandbox: sent to Twilio they
	// would only be refused, and the console would not show its sandbox
	// badge.
	BaseURL string `toml:"base_url,omitempty"`
}

var errBadName = errors.New("a profile name is 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit")

// ValidateProfileName checks a profile name. Names are used as the keyring
// user, in file content and on screen, so they are kept plain.
func ValidateProfileName(name string) error {
	if !validProfileName(name) {
		return fmt.Errorf("profile name %q: %w", name, errBadName)
	}
	return nil
}

// ValidateAccountSID checks that s is an Account SID: "AC" + 32 hex digits.
func ValidateAccountSID(s string) error {
	return checkSID("account SID", "AC", s)
}

// ValidateAPIKeySID checks that s is an API key SID: "SK" + 32 hex digits.
func ValidateAPIKeySID(s string) error {
	return checkSID("API key SID", "SK", s)
}

// ValidateSecret checks the shape of an auth token or API key secret without
// ever echoing it: the message names what is wrong, not the value.
func ValidateSecret(what, s string) error {
	switch {
	case s == "":
		return fmt.Errorf("the %s is empty", what)
	case !validSecret(s):
		return fmt.Errorf("the %s must be 1–256 letters and digits (no spaces or symbols)", what)
	}
	return nil
}

// Validate checks every field of a profile.
func (p Profile) Validate() error {
	if err := ValidateProfileName(p.Name); err != nil {
		return err
	}
	if err := ValidateAccountSID(p.AccountSID); err != nil {
		return fmt.Errorf("profile %q: %w", p.Name, err)
	}
	switch p.AuthMode {
	case AuthToken:
		if p.APIKeySID != "" {
			return fmt.Errorf("profile %q: api_key_sid is set but auth_mode is %q", p.Name, p.AuthMode)
		}
	case APIKey:
		if err := ValidateAPIKeySID(p.APIKeySID); err != nil {
			return fmt.Errorf("profile %q: %w", p.Name, err)
		}
	default:
		return fmt.Errorf("profile %q: auth_mode %q is not %q or %q", p.Name, p.AuthMode, AuthToken, APIKey)
	}
	if !validRegion(p.Region) {
		return fmt.Errorf("profile %q: region %q is not a Twilio region such as \"us1\" or \"ie1\"", p.Name, p.Region)
	}
	if !validRegion(p.Edge) {
		return fmt.Errorf("profile %q: edge %q is not a Twilio edge such as \"ashburn\" or \"dublin\"", p.Name, p.Edge)
	}
	if p.DefaultServiceSID != "" {
		if err := checkSID("default_service_sid", "VA", p.DefaultServiceSID); err != nil {
			return fmt.Errorf("profile %q: %w", p.Name, err)
		}
	}
	switch p.DefaultRiskCheck {
	case "", "enable", "disable":
	default:
		return fmt.Errorf("profile %q: default_risk_check %q is not \"\", \"enable\" or \"disable\"", p.Name, p.DefaultRiskCheck)
	}
	if err := ValidateCountry(p.DefaultCountry); err != nil {
		return fmt.Errorf("profile %q: default_country: %w", p.Name, err)
	}
	if err := ValidateBaseURL(p.BaseURL); err != nil {
		return fmt.Errorf("profile %q: %w", p.Name, err)
	}
	return nil
}

// ValidateCountry checks a profile's country for phone numbers: "" (the
// console's default) or an upper-case ISO 3166 alpha-2 code that phone
// numbers can be read for.
func ValidateCountry(s string) error {
	if s == "" || twilioapi.IsPhoneRegion(s) {
		return nil
	}
	return fmt.Errorf("%q is not a country phone numbers can be read for: give an ISO 3166 alpha-2 code such as \"US\" or \"GB\"", s)
}

// ValidateBaseURL checks a sandbox address: "" (Twilio), or an http(s) URL
// with a host and nothing after the path, e.g. "http://127.0.0.1:8089". It
// is the rule twilioapi.Config applies, checked here so a hand-edited
// config fails when loaded rather than when the console starts.
func ValidateBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		// User info may hold a password: never repeat the value.
		return errors.New("base_url must look like http://127.0.0.1:8089 (http or https, a host, no user, query or fragment)")
	}
	return nil
}

// checkSID explains what is wrong with a SID without repeating the value:
// a secret pasted into the wrong prompt must not come back in an error.
func checkSID(what, prefix, s string) error {
	want := len(prefix) + 32
	switch {
	case s == "":
		return fmt.Errorf("the %s is empty; it is %q followed by 32 hex digits", what, prefix)
	case !strings.HasPrefix(s, prefix):
		return fmt.Errorf("the %s must start with %q (then 32 hex digits); the value given does not", what, prefix)
	case len(s) != want:
		return fmt.Errorf("the %s has %d characters; it must have %d (%q + 32 hex digits)", what, len(s), want, prefix)
	case !validHex(s[len(prefix):]):
		return fmt.Errorf("the %s must be %q followed by hex digits (0-9, a-f) only", what, prefix)
	}
	return nil
}
