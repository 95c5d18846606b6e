package keyring

import (
	"fmt"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// MergeLogin is the profile to save when fresh (just checked by a login)
// replaces the profile of the same name in c, if any. fresh's credentials,
// region, edge and BaseURL win: logging in again without a sandbox URL
// sends the profile back to Twilio. What the user set up on the console
// side stays: read-only (a login can add it, never drop it), the default
// RiskCheck, the country (unless fresh sets one), and the default service,
// but that one only when the account is the same (a service SID belongs
// to one account).
func (c Config) MergeLogin(fresh Profile) Profile {
	old, ok := c.Profile(fresh.Name)
	if !ok {
		return fresh
	}
	fresh.ReadOnly = fresh.ReadOnly || old.ReadOnly
	fresh.DefaultRiskCheck = old.DefaultRiskCheck
	if fresh.DefaultCountry == "" {
		fresh.DefaultCountry = old.DefaultCountry
	}
	if old.AccountSID == fresh.AccountSID {
		fresh.DefaultServiceSID = old.DefaultServiceSID
	}
	return fresh
}

// APIConfig is the client configuration for the credentials: a profile
// saved against a sandbox goes to that sandbox (BaseURL), never to Twilio,
// and a read-only profile's client refuses every change. The console and
// login both build their client with it.
func (c Credentials) APIConfig() twilioapi.Config {
	return twilioapi.Config{AccountSID: c.AccountSID, AuthToken: c.AuthToken, APIKeySID: c.APIKeySID,
		APIKeySecret: c.APIKeySecret, BaseURL: c.BaseURL, Region: c.Region, Edge: c.Edge, ReadOnly: c.Profile.ReadOnly,
		AuthFailureHint: c.authFailureHint()}
}

// authFailureHint says where refused credentials came from and how to
// replace them: a stale TWILIO_* variable silently wins over the default
// profile, and a profile's rotated token is replaced by logging in again.
func (c Credentials) authFailureHint() string {
	switch {
	case c.Source == SourceEnv && c.APIKeySID != "":
		return "These came from TWILIO_ACCOUNT_SID, TWILIO_API_KEY and TWILIO_API_SECRET in the environment, " +
			"which come before the default profile: correct or unset them."
	case c.Source == SourceEnv:
		return "These came from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the environment, " +
			"which come before the default profile: correct or unset them."
	case c.Profile.Name == "" || (c.Source != SourceFlag && c.Source != SourceDefault):
		return ""
	}
	cmd := "twilio-verify login --profile " + c.Profile.Name
	if c.APIKeySID != "" {
		cmd += " --api-key"
	}
	if c.BaseURL != "" {
		cmd += " --sandbox-url " + c.BaseURL
	}
	return fmt.Sprintf("They are saved in profile %q: `%s` checks new ones and replaces them.", c.Profile.Name, cmd)
}
