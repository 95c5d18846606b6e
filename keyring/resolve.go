package keyring

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// Source says where the credentials came from.
type Source int

// The credential sources, in resolution order (SourceNone last).
const (
	// SourceNone: no credentials anywhere; the console opens the sandbox.
	SourceNone Source = iota
	// SourceFlag: the profile named by --profile.
	SourceFlag
	// SourceEnv: TWILIO_ACCOUNT_SID and friends.
	SourceEnv
	// SourceDefault: the default profile of config.toml.
	SourceDefault
)

// String names the source for the status line and messages.
func (s Source) String() string {
	switch s {
	case SourceFlag:
		return "--profile"
	case SourceEnv:
		return "environment"
	case SourceDefault:
		return "default profile"
	}
	return "none"
}

// Credentials are resolved, ready-to-use credentials. They hold a secret:
// String, GoString and Format print it masked, so they are safe to log by
// accident, but never write the fields themselves anywhere.
type Credentials struct {
	Source Source
	// Profile is the profile used (Name "" for the environment); its
	// defaults (service, read-only, RiskCheck, country) apply either way.
	Profile Profile
	// AccountSID is always set (except for SourceNone).
	AccountSID string
	// AuthToken is set for auth-token credentials; APIKeySID and
	// APIKeySecret for API-key credentials.
	AuthToken, APIKeySID, APIKeySecret string
	Region, Edge                       string
	// BaseURL is the sandbox the credentials belong to (the profile's
	// base_url), "" for Twilio. Callers must send these credentials there
	// and nowhere else.
	BaseURL string
}

// AuthMode reports which secret the credentials carry.
func (c Credentials) AuthMode() AuthMode {
	if c.APIKeySID != "" {
		return APIKey
	}
	return AuthToken
}

// String describes the credentials with every secret masked.
func (c Credentials) String() string {
	if c.Source == SourceNone {
		return "no credentials (sandbox)"
	}
	var b strings.Builder
	switch {
	case c.Profile.Name != "":
		fmt.Fprintf(&b, "profile %q (%s)", c.Profile.Name, c.Source)
	default:
		fmt.Fprintf(&b, "%s", c.Source)
	}
	fmt.Fprintf(&b, ": account %s", twilioapi.MaskSID(c.AccountSID))
	if c.APIKeySID != "" {
		fmt.Fprintf(&b, ", API key %s, secret %s", twilioapi.MaskSID(c.APIKeySID), twilioapi.Mask(c.APIKeySecret))
	} else {
		fmt.Fprintf(&b, ", auth token %s", twilioapi.Mask(c.AuthToken))
	}
	if c.Region != "" {
		fmt.Fprintf(&b, ", region %s", c.Region)
	}
	if c.Edge != "" {
		fmt.Fprintf(&b, ", edge %s", c.Edge)
	}
	if c.BaseURL != "" {
		fmt.Fprintf(&b, ", sandbox %s", c.BaseURL)
	}
	return b.String()
}

// GoString keeps %#v from printing the secret.
func (c Credentials) GoString() string { return "keyring.Credentials{" + c.String() + "}" }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q…) print the masked
// form, so a stray log line cannot leak the secret.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, c.GoString())
		return
	}
	fmt.Fprint(f, c.String())
}

// LogValue makes log/slog record the masked form.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalJSON makes encoding/json write the masked form: credentials are
// never serialised whole.
func (c Credentials) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// ErrUnknownProfile is returned (wrapped) for a profile name that is not in
// the config.
var ErrUnknownProfile = errors.New("unknown profile")

// Resolve picks the credentials to start with, in this order:
//  1. profileFlag (--profile NAME), when not empty;
//  2. the environment: TWILIO_ACCOUNT_SID with TWILIO_API_KEY +
//     TWILIO_API_SECRET, or with TWILIO_AUTH_TOKEN, plus TWILIO_REGION and
//     TWILIO_EDGE (the variables twilio-cli and twilio-go honour);
//  3. the default profile of dir/config.toml;
//  4. none (SourceNone, and no error): the console opens the sandbox.
//
// A named or default profile whose secret cannot be read is an error (a
// *SecretError with a Hint), not a silent fall-through. getenv is os.Getenv
// in production; tests pass a map lookup.
func Resolve(dir string, secrets Secrets, profileFlag string, getenv func(string) string) (Credentials, error) {
	if profileFlag != "" {
		cfg, err := LoadConfig(dir)
		if err != nil {
			return Credentials{}, err
		}
		return fromProfile(cfg, secrets, profileFlag, SourceFlag)
	}
	if c, ok, err := FromEnv(getenv); ok || err != nil {
		return c, err
	}
	cfg, err := LoadConfig(dir)
	if err != nil {
		return Credentials{}, err
	}
	if cfg.Default != "" {
		return fromProfile(cfg, secrets, cfg.Default, SourceDefault)
	}
	return Credentials{Source: SourceNone}, nil
}

// FromEnv reads credentials from the environment. ok is false when
// TWILIO_ACCOUNT_SID or both kinds of secret are missing (twilio-cli then
// falls through to its profiles too); err is set when they are present but
// malformed.
func FromEnv(getenv func(string) string) (c Credentials, ok bool, err error) {
	sid := strings.TrimSpace(getenv("TWILIO_ACCOUNT_SID"))
	key := strings.TrimSpace(getenv("TWILIO_API_KEY"))
	secret := getenv("TWILIO_API_SECRET")
	token := getenv("TWILIO_AUTH_TOKEN")
	if sid == "" {
		return Credentials{}, false, nil
	}
	c = Credentials{
		Source:     SourceEnv,
		AccountSID: sid,
		Region:     strings.TrimSpace(getenv("TWILIO_REGION")),
		Edge:       strings.TrimSpace(getenv("TWILIO_EDGE")),
	}
	switch {
	case key != "" && secret != "":
		c.APIKeySID, c.APIKeySecret = key, secret
	case token != "":
		c.AuthToken = token
	default:
		return Credentials{}, false, nil
	}
	c.Profile = Profile{AccountSID: sid, AuthMode: c.AuthMode(), APIKeySID: key, Region: c.Region, Edge: c.Edge}
	if err := validateEnv(c); err != nil {
		return Credentials{}, false, err
	}
	return c, true, nil
}

func validateEnv(c Credentials) error {
	if err := ValidateAccountSID(c.AccountSID); err != nil {
		return fmt.Errorf("TWILIO_ACCOUNT_SID: %w", err)
	}
	if c.APIKeySID != "" {
		if err := ValidateAPIKeySID(c.APIKeySID); err != nil {
			return fmt.Errorf("TWILIO_API_KEY: %w", err)
		}
		if err := ValidateSecret("API key secret", c.APIKeySecret); err != nil {
			return fmt.Errorf("TWILIO_API_SECRET: %w", err)
		}
	} else if err := ValidateSecret("auth token", c.AuthToken); err != nil {
		return fmt.Errorf("TWILIO_AUTH_TOKEN: %w", err)
	}
	if !validRegion(c.Region) {
		return fmt.Errorf("TWILIO_REGION %q is not a Twilio region such as \"us1\" or \"ie1\"", c.Region)
	}
	if !validRegion(c.Edge) {
		return fmt.Errorf("TWILIO_EDGE %q is not a Twilio edge such as \"ashburn\" or \"dublin\"", c.Edge)
	}
	return nil
}

// fromProfile builds credentials from a saved profile and its secret.
func fromProfile(cfg Config, secrets Secrets, name string, src Source) (Credentials, error) {
	p, err := cfg.namedProfile(name)
	if err != nil {
		return Credentials{}, err
	}
	secret, err := secrets.Get(p.Name)
	if err != nil {
		return Credentials{}, err
	}
	c := Credentials{Source: src, Profile: p, AccountSID: p.AccountSID, Region: p.Region, Edge: p.Edge, BaseURL: p.BaseURL}
	if p.AuthMode == APIKey {
		c.APIKeySID, c.APIKeySecret = p.APIKeySID, secret
	} else {
		c.AuthToken = secret
	}
	return c, nil
}
