package keyring

import (
	"errors"
	"fmt"
)

// SaveProfile stores secret in the keyring and p in dir/config.toml — both
// or neither: if the config cannot be written, the keyring is put back as
// it was. The first profile saved, or any when makeDefault is set, becomes
// the default. It returns the config as saved.
func SaveProfile(dir string, secrets Secrets, p Profile, secret string, makeDefault bool) (Config, error) {
	if err := p.Validate(); err != nil {
		return Config{}, err
	}
	if err := ValidateSecret(secretWhat(p.AuthMode), secret); err != nil {
		return Config{}, err
	}
	unlock, err := lockConfig(dir, true)
	if err != nil {
		return Config{}, fmt.Errorf("save profile: %w", err)
	}
	defer unlock()
	cfg, err := LoadConfig(dir)
	if err != nil {
		return Config{}, err
	}
	undo, err := setWithUndo(secrets, p.Name, secret)
	if err != nil {
		return Config{}, err
	}
	next := cfg.WithProfile(p)
	if makeDefault || next.Default == "" {
		next.Default = p.Name
	}
	if err := SaveConfig(dir, next); err != nil {
		return Config{}, errors.Join(err, undo())
	}
	return next, nil
}

// RemoveProfile deletes the profile's secret from the keyring and the
// profile from dir/config.toml (clearing the default if it was this one).
// A secret already missing is fine. When the keyring cannot be reached the
// profile is kept unless force is set; then it is removed from the config
// anyway and the keyring error is returned as keyringErr for the caller to
// warn about.
func RemoveProfile(dir string, secrets Secrets, name string, force bool) (wasDefault bool, keyringErr error, err error) {
	unlock, err := lockConfig(dir, false)
	if err != nil {
		return false, nil, fmt.Errorf("remove profile: %w", err)
	}
	defer unlock()
	cfg, err := LoadConfig(dir)
	if err != nil {
		return false, nil, err
	}
	if _, err := cfg.namedProfile(name); err != nil {
		return false, nil, err
	}
	// Read the secret first so a failed config write can put it back.
	old, gerr := secrets.Get(name)
	switch {
	case gerr == nil:
		if derr := secrets.Delete(name); derr != nil && !errors.Is(derr, ErrNotFound) {
			if !force {
				return false, nil, derr
			}
			keyringErr = derr
		}
	case errors.Is(gerr, ErrNotFound):
	case force:
		keyringErr = gerr
	default:
		return false, nil, gerr
	}
	if err := SaveConfig(dir, cfg.WithoutProfile(name)); err != nil {
		if gerr == nil && keyringErr == nil {
			err = errors.Join(err, secrets.Set(name, old))
		}
		return false, keyringErr, err
	}
	return cfg.Default == name, keyringErr, nil
}

// SetDefault makes name the default profile.
func SetDefault(dir, name string) error {
	unlock, err := lockConfig(dir, false)
	if err != nil {
		return fmt.Errorf("set the default profile: %w", err)
	}
	defer unlock()
	cfg, err := LoadConfig(dir)
	if err != nil {
		return err
	}
	if _, err := cfg.namedProfile(name); err != nil {
		return err
	}
	cfg.Default = name
	return SaveConfig(dir, cfg)
}

// setWithUndo sets the profile's secret and returns a function that puts
// the keyring back as it was (the old secret, or none).
func setWithUndo(secrets Secrets, name, secret string) (undo func() error, err error) {
	old, gerr := secrets.Get(name)
	if gerr != nil && !errors.Is(gerr, ErrNotFound) {
		return nil, gerr
	}
	if err := secrets.Set(name, secret); err != nil {
		return nil, err
	}
	return func() error {
		if gerr == nil {
			return secrets.Set(name, old)
		}
		if err := secrets.Delete(name); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		return nil
	}, nil
}

// secretWhat names the secret of an auth mode in messages.
func secretWhat(m AuthMode) string {
	if m == APIKey {
		return "API key secret"
	}
	return "auth token"
}
