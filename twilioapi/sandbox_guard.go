package twilioapi

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// guardPath is the sandbox's Fraud Guard simulation (Twilio has no API
// for Fraud Guard or Geo Permissions; they are Console settings).
const guardPath = "/sandbox/v1/Guard"

// guardJSON is the wire shape of /sandbox/v1/Guard.
type guardJSON struct {
	ServiceSID       string   `json:"service_sid"`
	Level            string   `json:"level"`
	BlockedCountries []string `json:"blocked_countries"`
	HighRiskPrefixes []string `json:"high_risk_prefixes"`
	BurstPrefixLen   int      `json:"burst_prefix_digits"`
	BurstMax         int      `json:"burst_max_starts"`
	BurstWindowSecs  int      `json:"burst_window_seconds"`
}

// guardInputJSON is the body of POST /sandbox/v1/Guard; nil fields are
// left out, so the sandbox keeps them.
type guardInputJSON struct {
	ServiceSID       string    `json:"service_sid"`
	Level            *string   `json:"level,omitempty"`
	BlockedCountries *[]string `json:"blocked_countries,omitempty"`
}

func guardFrom(g guardJSON) SandboxGuardSettings {
	return SandboxGuardSettings{
		ServiceSID: g.ServiceSID, Level: GuardLevel(g.Level), BlockedCountries: g.BlockedCountries,
		HighRiskPrefixes: g.HighRiskPrefixes, BurstPrefixDigits: g.BurstPrefixLen, BurstMaxStarts: g.BurstMax,
		BurstWindow: time.Duration(g.BurstWindowSecs) * time.Second,
	}
}

// SandboxGuard returns a sandbox service's simulated Fraud Guard level and
// Geo Permissions. It fails on a client not pointed at a sandbox.
func (c *Client) SandboxGuard(ctx context.Context, serviceSID string) (SandboxGuardSettings, error) {
	if c.base == nil {
		return SandboxGuardSettings{}, errNoSandbox("The Fraud Guard simulation")
	}
	if err := ValidateSID("VA", serviceSID); err != nil {
		return SandboxGuardSettings{}, err
	}
	return run(ctx, c, func(cl *call) (SandboxGuardSettings, error) {
		var g guardJSON
		if err := c.sandboxRequest(cl, http.MethodGet, guardPath+"?"+url.Values{"ServiceSid": {serviceSID}}.Encode(), nil, &g); err != nil {
			return SandboxGuardSettings{}, err
		}
		return guardFrom(g), nil
	})
}

// SetSandboxGuard changes a sandbox service's simulated Fraud Guard level
// and/or blocked countries (ISO alpha-2), and answers the result. It also
// lifts the service's burst blocks. It fails on a client not pointed at a
// sandbox.
func (c *Client) SetSandboxGuard(ctx context.Context, u SandboxGuardUpdate) (SandboxGuardSettings, error) {
	if c.base == nil {
		return SandboxGuardSettings{}, errNoSandbox("The Fraud Guard simulation")
	}
	if err := ValidateSID("VA", u.ServiceSID); err != nil {
		return SandboxGuardSettings{}, err
	}
	in := guardInputJSON{ServiceSID: u.ServiceSID}
	if u.Level != nil {
		switch *u.Level {
		case GuardOff, GuardBasic, GuardStandard, GuardMax:
		default:
			return SandboxGuardSettings{}, invalid("Level", "The Fraud Guard level is off, basic, standard or max (got %q).", string(*u.Level))
		}
		l := string(*u.Level)
		in.Level = &l
	}
	if u.BlockedCountries != nil {
		cs := make([]string, 0, len(*u.BlockedCountries))
		for _, raw := range *u.BlockedCountries {
			cc, err := countryFilter(raw)
			if err != nil {
				return SandboxGuardSettings{}, err
			}
			cs = append(cs, cc)
		}
		in.BlockedCountries = &cs
	}
	return mutate(ctx, c, audited{action: ActionSandboxGuard, service: u.ServiceSID}, func(cl *call) (SandboxGuardSettings, error) {
		var g guardJSON
		if err := c.sandboxRequest(cl, http.MethodPost, guardPath, in, &g); err != nil {
			return SandboxGuardSettings{}, err
		}
		return guardFrom(g), nil
	})
}
