package twilioapi

import (
	"net/url"
	"strings"
)

// validateConfig checks the shape of a Config (no call is made) and fills
// the default timeout. Messages never echo a secret.
func validateConfig(cfg *Config) error {
	if err := ValidateSID("AC", cfg.AccountSID); err != nil {
		return err
	}
	if cfg.APIKeySID != "" {
		if err := ValidateSID("SK", cfg.APIKeySID); err != nil {
			return err
		}
		if err := secretShape("API key secret", cfg.APIKeySecret); err != nil {
			return err
		}
	} else if err := secretShape("Auth token", cfg.AuthToken); err != nil {
		return err
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return invalid("Base URL", "Base URL must look like http://127.0.0.1:8089 (scheme and host, no query).")
		}
	}
	if cfg.Timeout < 0 {
		return invalid("Timeout", "Timeout must not be negative.")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	cfg.Retry = cfg.Retry.withDefaults()
	for _, f := range []struct{ name, v string }{{"Edge", cfg.Edge}, {"Region", cfg.Region}} {
		if strings.Trim(f.v, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return invalid(f.name, "%s must be lower-case letters, digits and dashes (like sydney or au1).", f.name)
		}
	}
	return nil
}

// secretShape checks a token or key secret without revealing it: twilio-go
// refuses (locally, with 21224) any password that is not letters and digits.
func secretShape(field, s string) error {
	if s == "" {
		return invalid(field, "%s is empty.", field)
	}
	if !isAlnum(s) {
		return invalid(field, "%s may contain only letters and digits (check for a stray space or quote).", field)
	}
	return nil
}
