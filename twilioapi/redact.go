package twilioapi

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Mask hides a secret for display, the one rule every screen, log and
// command uses: at most its last 4 characters are shown ("••••abcd"), and
// none at all below 16 characters, where 4 would give too much away.
func Mask(secret string) string {
	switch {
	case secret == "":
		return ""
	case len(secret) < 16:
		return "••••"
	default:
		return "••••" + secret[len(secret)-4:]
	}
}

// MaskSID shows a SID by its two-letter prefix and last 4 characters
// ("AC…1a2b"): SIDs are not secrets, but the account SID is half of a
// credential pair and the full value is rarely needed on screen.
func MaskSID(sid string) string {
	if len(sid) < 8 {
		return Mask(sid)
	}
	return sid[:2] + "…" + sid[len(sid)-4:]
}

// String prints a Config with its secrets masked, so a stray %v in a log
// never leaks the auth token or key secret.
func (c Config) String() string {
	return fmt.Sprintf("{AccountSID:%s AuthToken:%s APIKeySID:%s APIKeySecret:%s BaseURL:%s Timeout:%s Edge:%s Region:%s}",
		c.AccountSID, Mask(c.AuthToken), c.APIKeySID, Mask(c.APIKeySecret), c.BaseURL, c.Timeout, c.Edge, c.Region)
}

// GoString masks secrets for %#v too.
func (c Config) GoString() string { return "twilioapi.Config" + c.String() }

// String describes a client without its secrets (fmt would otherwise
// print the unexported config, token included, for %v of a Client).
func (c *Client) String() string {
	where := "twilio"
	if c.cfg.BaseURL != "" {
		where = c.cfg.BaseURL
	}
	return fmt.Sprintf("twilioapi.Client{%s @ %s}", c.cfg.AccountSID, where)
}

// GoString masks secrets for %#v too.
func (c *Client) GoString() string { return c.String() }

// MaskDestination hides a verification's destination for records kept
// beyond the call (the audit trail): a phone number keeps its last 4
// digits ("••••0100"), an e-mail address its first letter and domain
// ("j•••@example.com"). Shorter inputs are hidden whole.
func MaskDestination(to string) string {
	s := strings.TrimSpace(to)
	if at := strings.LastIndexByte(s, '@'); at > 0 {
		_, n := utf8.DecodeRuneInString(s)
		return s[:n] + "•••" + s[at:]
	}
	if len(s) <= 4 {
		if s == "" {
			return ""
		}
		return "••••"
	}
	return "••••" + s[len(s)-4:]
}
