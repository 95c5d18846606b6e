package keyring

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// TwilioCLIConfigPath is twilio-cli's config file:
// $TWILIO_CONFIG_DIR/config.json, else ~/.twilio-cli/config.json.
func TwilioCLIConfigPath(getenv func(string) string) (string, error) {
	if d := getenv("TWILIO_CONFIG_DIR"); d != "" {
		return filepath.Join(d, "config.json"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home directory: %w (set TWILIO_CONFIG_DIR)", err)
	}
	return filepath.Join(home, ".twilio-cli", "config.json"), nil
}

// TwilioCLIProfile is one profile read from twilio-cli's config.json.
type TwilioCLIProfile struct {
	ID, AccountSID, APIKey, APISecret, Region string
}

// TwilioCLIConfig is what ReadTwilioCLIConfig found.
type TwilioCLIConfig struct {
	Path string
	// Profiles are the profiles whose API key secret is in the file
	// (twilio-cli ≥ 2.25 keeps them there in plain text), sorted by ID.
	Profiles []TwilioCLIProfile
	// Legacy are IDs of old "projects" whose secret was in the system
	// keychain: there is nothing to import for them.
	Legacy []string
	// Active is twilio-cli's active profile; Edge its global edge.
	Active, Edge string
}

// twilioCLIFile is the subset of twilio-cli's config.json we read.
type twilioCLIFile struct {
	Edge          string `json:"edge"`
	ActiveProfile string `json:"activeProfile"`
	ActiveProject string `json:"activeProject"`
	Profiles      map[string]struct {
		AccountSID string `json:"accountSid"`
		APIKey     string `json:"apiKey"`
		APISecret  string `json:"apiSecret"`
		Region     string `json:"region"`
	} `json:"profiles"`
	Projects []struct {
		ID         string `json:"id"`
		AccountSID string `json:"accountSid"`
	} `json:"projects"`
}

// ReadTwilioCLIConfig reads twilio-cli's config.json. It only reads: the
// file is never modified.
func ReadTwilioCLIConfig(path string) (TwilioCLIConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return TwilioCLIConfig{}, fmt.Errorf("read twilio-cli config: %w", err)
	}
	return parseTwilioCLI(path, data)
}

// parseTwilioCLI decodes config.json content; path is only for messages.
func parseTwilioCLI(path string, data []byte) (TwilioCLIConfig, error) {
	var f twilioCLIFile
	if err := json.Unmarshal(data, &f); err != nil {
		// json's messages quote offsets and types, never values.
		return TwilioCLIConfig{}, fmt.Errorf("twilio-cli config %s is not valid JSON: %w", path, err)
	}
	out := TwilioCLIConfig{Path: path, Edge: strings.TrimSpace(f.Edge), Active: f.ActiveProfile}
	if out.Active == "" {
		out.Active = f.ActiveProject
	}
	for id, p := range f.Profiles {
		out.Profiles = append(out.Profiles, TwilioCLIProfile{
			ID:         strings.TrimSpace(id),
			AccountSID: strings.TrimSpace(p.AccountSID),
			APIKey:     strings.TrimSpace(p.APIKey),
			APISecret:  strings.TrimSpace(p.APISecret),
			Region:     strings.TrimSpace(p.Region),
		})
	}
	sort.Slice(out.Profiles, func(i, j int) bool { return out.Profiles[i].ID < out.Profiles[j].ID })
	for _, p := range f.Projects {
		if _, dup := f.Profiles[p.ID]; !dup {
			out.Legacy = append(out.Legacy, strings.TrimSpace(p.ID))
		}
	}
	sort.Strings(out.Legacy)
	return out, nil
}

// ImportSkip is a twilio-cli profile that was not imported, and why.
type ImportSkip struct{ Name, Reason string }

// ImportResult reports what ImportTwilioCLI did.
type ImportResult struct {
	Imported []string
	Skipped  []ImportSkip
	// Default is the profile made default ("" when the default was kept).
	Default string
}

// importPlan picks the twilio-cli profiles to import (with their secrets)
// and says why each other one is skipped: its name is taken here, it is
// malformed, or it is a legacy project whose secret is not in the file.
func importPlan(cfg Config, tc TwilioCLIConfig) (todo []Profile, secretOf map[string]string, skipped []ImportSkip) {
	secretOf = map[string]string{}
	for _, t := range tc.Profiles {
		p := Profile{Name: t.ID, AccountSID: t.AccountSID, AuthMode: APIKey, APIKeySID: t.APIKey, Region: t.Region, Edge: tc.Edge}
		if _, exists := cfg.Profile(p.Name); exists {
			skipped = append(skipped, ImportSkip{p.Name, "a profile of that name already exists here (logout it first to re-import)"})
			continue
		}
		if err := p.Validate(); err != nil {
			skipped = append(skipped, ImportSkip{p.Name, err.Error()})
			continue
		}
		if err := ValidateSecret("API key secret", t.APISecret); err != nil {
			skipped = append(skipped, ImportSkip{p.Name, err.Error()})
			continue
		}
		todo = append(todo, p)
		secretOf[p.Name] = t.APISecret
	}
	for _, id := range tc.Legacy {
		skipped = append(skipped, ImportSkip{id, "its secret was in the system keychain of an older twilio-cli, not in config.json; use twilio-verify login --api-key --profile " + id})
	}
	return todo, secretOf, skipped
}

// ImportTwilioCLI copies twilio-cli's profiles: each API key secret into
// the keyring, the rest into dir/config.toml. Profiles whose name already
// exists here, or that are malformed, are skipped with a reason. It is all
// or nothing for the rest: when a keyring write or the config write fails,
// the secrets already written are taken back out.
func ImportTwilioCLI(dir string, secrets Secrets, tc TwilioCLIConfig) (ImportResult, error) {
	var res ImportResult
	unlock, err := lockConfig(dir, true)
	if err != nil {
		return res, fmt.Errorf("import profiles: %w", err)
	}
	defer unlock()
	cfg, err := LoadConfig(dir)
	if err != nil {
		return res, err
	}
	todo, secretOf, skipped := importPlan(cfg, tc)
	res.Skipped = skipped
	if len(todo) == 0 {
		return res, nil
	}
	var undos []func() error
	rollback := func(cause error) error {
		errs := []error{cause}
		for i := len(undos) - 1; i >= 0; i-- {
			errs = append(errs, undos[i]())
		}
		return errors.Join(errs...)
	}
	next := cfg
	for _, p := range todo {
		undo, err := setWithUndo(secrets, p.Name, secretOf[p.Name])
		if err != nil {
			return ImportResult{}, rollback(err)
		}
		undos = append(undos, undo)
		next = next.WithProfile(p)
		res.Imported = append(res.Imported, p.Name)
	}
	if next.Default == "" {
		next.Default = res.Imported[0]
		if _, ok := secretOf[tc.Active]; ok {
			next.Default = tc.Active
		}
		res.Default = next.Default
	}
	if err := SaveConfig(dir, next); err != nil {
		return ImportResult{}, rollback(err)
	}
	return res, nil
}
