package keyring

import "fmt"

// SetDefaultRiskCheck saves profile's default RiskCheck ("", "enable" or
// "disable") in dir/config.toml, keeping everything else in the file.
func SetDefaultRiskCheck(dir, profile, riskCheck string) error {
	c, err := LoadConfig(dir)
	if err != nil {
		return err
	}
	p, err := c.namedProfile(profile)
	if err != nil {
		return err
	}
	p.DefaultRiskCheck = riskCheck
	if err := p.Validate(); err != nil {
		return fmt.Errorf("default RiskCheck: %w", err)
	}
	return SaveConfig(dir, c.WithProfile(p))
}
