package keyring

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/twilio-verify/twilio-verify/internal/atomicfile"
)

// ConfigFileName is the name of the config file inside ConfigDir.
const ConfigFileName = "config.toml"

// Config is the content of config.toml. It never holds a secret.
type Config struct {
	// Default names the profile used when neither --profile nor the
	// environment says otherwise ("" = none).
	Default  string    `toml:"default,omitempty"`
	Profiles []Profile `toml:"profiles,omitempty"`
	// Keys rebinds console actions: action name -> keys, e.g.
	// quit = ["q", "ctrl+q"]. This package only stores it.
	Keys map[string][]string `toml:"keys,omitempty"`
	// Audit tunes the audit trail (`[audit]`).
	Audit AuditSettings `toml:"audit,omitempty"`
}

// AuditSettings are the `[audit]` table: where else the trail goes and
// when it rotates. This package only stores them.
type AuditSettings struct {
	// Syslog also sends every record to syslog/journald.
	Syslog bool `toml:"syslog,omitempty"`
	// MaxBytes is the size at which audit.jsonl is rotated (0: default).
	MaxBytes int64 `toml:"max_bytes,omitempty"`
	// Keep is how many rotated files are kept (0: default).
	Keep int `toml:"keep,omitempty"`
}

// ConfigDir is where config.toml lives: $TWILIO_VERIFY_CONFIG_DIR when set,
// else os.UserConfigDir()/twilio-verify ($XDG_CONFIG_HOME/twilio-verify or
// ~/.config/twilio-verify on Linux).
func ConfigDir() (string, error) {
	return configDir(os.Getenv)
}

func configDir(getenv func(string) string) (string, error) {
	if d := getenv("TWILIO_VERIFY_CONFIG_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no config directory: %w (set TWILIO_VERIFY_CONFIG_DIR)", err)
	}
	return filepath.Join(base, "twilio-verify"), nil
}

// ConfigPath is the config file inside dir.
func ConfigPath(dir string) string { return filepath.Join(dir, ConfigFileName) }

// LoadConfig reads dir/config.toml. A missing file is an empty Config; a
// file that is not valid TOML, has unknown keys or inconsistent profiles is
// an error that names the file and the problem.
func LoadConfig(dir string) (Config, error) {
	path := ConfigPath(dir)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	return parseConfig(path, data)
}

// parseConfig decodes and validates config.toml content; path is only used
// in messages.
func parseConfig(path string, data []byte) (Config, error) {
	var c Config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, fmt.Errorf("config %s is not valid TOML: line %d: %s", path, pe.Position.Line, pe.Message)
		}
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	// Unknown keys are refused rather than ignored: a typo would otherwise
	// silently do nothing, and a hand-added auth_token must not be read.
	if und := md.Undecoded(); len(und) > 0 {
		return Config{}, unknownKeysError(path, data, und)
	}
	if err := c.Validate(); err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// unknownKeysError names each unknown key with the line it is on (the
// TOML decoder keeps no positions), and says where secrets go only when
// a key looks like one: a typo in [audit] is not a misplaced token.
func unknownKeysError(path string, data []byte, und []toml.Key) error {
	lines := strings.Split(string(data), "\n")
	keys := make([]string, len(und))
	secret := false
	for i, k := range und {
		keys[i] = k.String()
		name := k[len(k)-1]
		if n := keyLine(lines, name); n > 0 {
			keys[i] += fmt.Sprintf(" (line %d)", n)
		}
		lower := strings.ToLower(name)
		secret = secret || strings.Contains(lower, "token") || strings.Contains(lower, "secret") || strings.Contains(lower, "password")
	}
	msg := fmt.Sprintf("config %s: unknown key(s) %s", path, strings.Join(keys, ", "))
	if secret {
		msg += " (secrets never go in this file; use twilio-verify login)"
	}
	return errors.New(msg)
}

// keyLine is the 1-based number of the first line of lines that assigns
// name (bare or quoted), 0 when none does.
func keyLine(lines []string, name string) int {
	for i, l := range lines {
		l = strings.TrimSpace(l)
		for _, form := range []string{name, `"` + name + `"`, "'" + name + "'"} {
			if rest, ok := strings.CutPrefix(l, form); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i + 1
			}
		}
	}
	return 0
}

// SaveConfig validates c and writes it to dir/config.toml atomically with
// mode 0600, creating dir (0700) when needed.
func SaveConfig(dir string, c Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	data, err := encodeConfig(c)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	if err := atomicfile.Write(ConfigPath(dir), data); err != nil {
		return fmt.Errorf("save config: %w", err)
	}
	return nil
}

// encodeConfig renders c as config.toml content.
func encodeConfig(c Config) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# twilio-verify profiles. No secrets here: they are in the OS keyring\n# (service \"twilio-verify\", user = profile name).\n\n")
	if err := toml.NewEncoder(&buf).Encode(c); err != nil {
		return nil, fmt.Errorf("encode config: %w", err)
	}
	return buf.Bytes(), nil
}

// Validate checks every profile, that names are unique and that Default
// names an existing profile.
func (c Config) Validate() error {
	seen := make(map[string]bool, len(c.Profiles))
	for _, p := range c.Profiles {
		if err := p.Validate(); err != nil {
			return err
		}
		if seen[p.Name] {
			return fmt.Errorf("profile %q is defined twice", p.Name)
		}
		seen[p.Name] = true
	}
	if c.Default != "" && !seen[c.Default] {
		return fmt.Errorf("default profile %q is not defined", c.Default)
	}
	if c.Audit.MaxBytes < 0 || c.Audit.Keep < 0 {
		return errors.New("[audit] max_bytes and keep must not be negative")
	}
	return nil
}

// Profile returns the profile called name.
func (c Config) Profile(name string) (Profile, bool) {
	for _, p := range c.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// namedProfile is Profile for a name the user gave: a missing profile is
// an ErrUnknownProfile that says how to list the others.
func (c Config) namedProfile(name string) (Profile, error) {
	if p, ok := c.Profile(name); ok {
		return p, nil
	}
	return Profile{}, fmt.Errorf("%w %q (run `twilio-verify profiles` to list them)", ErrUnknownProfile, name)
}

// WithProfile returns a copy of c with p added, or replacing the profile of
// the same name in place. The Profiles slice is copied so c is unchanged.
func (c Config) WithProfile(p Profile) Config {
	out := c
	out.Profiles = make([]Profile, 0, len(c.Profiles)+1)
	replaced := false
	for _, q := range c.Profiles {
		if q.Name == p.Name {
			q, replaced = p, true
		}
		out.Profiles = append(out.Profiles, q)
	}
	if !replaced {
		out.Profiles = append(out.Profiles, p)
	}
	return out
}

// WithoutProfile returns a copy of c without the profile called name; the
// default is cleared when it named that profile.
func (c Config) WithoutProfile(name string) Config {
	out := c
	out.Profiles = make([]Profile, 0, len(c.Profiles))
	for _, q := range c.Profiles {
		if q.Name != name {
			out.Profiles = append(out.Profiles, q)
		}
	}
	if out.Default == name {
		out.Default = ""
	}
	return out
}
