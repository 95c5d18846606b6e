package keyring

import "fmt"

// SetDefaultRiskCheck saves profile's default RiskCheck ("", "enable" or
// "disable") in dir/config.toml, keeping everything else in the file.
func SetDefaultRiskCheck(dir, profile, riskCheck string) error {
	return updateProfile(dir, profile, "default RiskCheck", func(p *Profile) { p.DefaultRiskCheck = riskCheck })
}

// SetDefaultService saves profile's default service (a VA SID, "" for
// none: the first one) in dir/config.toml, keeping everything else: the
// console opens it first, and commands use it when --service is not
// given.
func SetDefaultService(dir, profile, serviceSID string) error {
	return updateProfile(dir, profile, "default service", func(p *Profile) { p.DefaultServiceSID = serviceSID })
}

// updateProfile applies change to profile in dir/config.toml and saves the
// file if the profile is still valid; what names the setting in errors.
func updateProfile(dir, profile, what string, change func(*Profile)) error {
	c, err := LoadConfig(dir)
	if err != nil {
		return err
	}
	p, err := c.namedProfile(profile)
	if err != nil {
		return err
	}
	change(&p)
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return SaveConfig(dir, c.WithProfile(p))
}
