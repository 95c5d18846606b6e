package twilioapi

import "fmt"

// Mask shows at most the last 4 characters of a secret ("••••abcd"), and
// nothing of one shorter than 8 characters.
func Mask(secret string) string {
	switch {
	case secret == "":
		return ""
	case len(secret) < 8:
		return "••••"
	default:
		return "••••" + secret[len(secret)-4:]
	}
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
