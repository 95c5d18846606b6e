package keyring

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/twilio-verify/twilio-verify/internal/filelock"
)

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
// The directory is locked from the read to the write: the console saves
// settings from calls that run at the same time (and a command may save
// meanwhile), and a writer that read the file before another's write
// would put back the file without that change.
func updateProfile(dir, profile, what string, change func(*Profile)) error {
	unlock, err := lockConfig(dir, false)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer unlock()
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

// lockConfig locks dir for a read-change-write of config.toml, against
// every other writer (the console's views, a login or an import in
// another process). A missing directory is created (0700) when create is
// set, for the first profile; otherwise there is nothing to lock (and no
// profile to change, as LoadConfig will say) and unlock does nothing.
func lockConfig(dir string, create bool) (unlock func(), err error) {
	if create {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
	}
	unlock, err = filelock.Dir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return func() {}, nil
	}
	return unlock, err
}
