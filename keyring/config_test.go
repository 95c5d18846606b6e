package keyring

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sampleConfig() Config {
	return Config{
		Default: "prod",
		Profiles: []Profile{
			{Name: "prod", AccountSID: testAC, AuthMode: APIKey, APIKeySID: testSK, Region: "ie1", Edge: "dublin",
				DefaultServiceSID: "VA0123456789abcdef0123456789abcdef", ReadOnly: true, DefaultRiskCheck: "enable", DefaultCountry: "IE"},
			{Name: "staging", AccountSID: testAC2, AuthMode: AuthToken, BaseURL: "http://127.0.0.1:8089"},
		},
		Keys: map[string][]string{"quit": {"q", "ctrl+q"}, "help": {"?"}},
	}
}

func TestConfigRoundTrip(t *testing.T) {
	dir := t.TempDir()
	want := sampleConfig()
	if err := SaveConfig(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
	b, _ := os.ReadFile(ConfigPath(dir))
	for _, s := range []string{`default = "prod"`, `[[profiles]]`, `auth_mode = "api_key"`, `base_url = "http://127.0.0.1:8089"`, `[keys]`, `quit = ["q", "ctrl+q"]`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("config.toml lacks %q:\n%s", s, b)
		}
	}
}

func TestConfigMissingIsEmpty(t *testing.T) {
	c, err := LoadConfig(filepath.Join(t.TempDir(), "nope"))
	if err != nil || !reflect.DeepEqual(c, Config{}) {
		t.Fatalf("LoadConfig(missing) = %+v, %v", c, err)
	}
}

func TestConfigModeAndDirMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sub", "twilio-verify")
	if err := SaveConfig(dir, sampleConfig()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(ConfigPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("config mode = %v, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("dir mode = %v, want 0700", di.Mode().Perm())
	}
	// A pre-existing world-readable file is replaced by a 0600 one.
	os.Chmod(ConfigPath(dir), 0o644)
	if err := SaveConfig(dir, sampleConfig()); err != nil {
		t.Fatal(err)
	}
	fi, _ = os.Stat(ConfigPath(dir))
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("rewritten config mode = %v, want 0600", fi.Mode().Perm())
	}
}

// An atomic write leaves no temporary file behind and replaces the file in
// one rename; a failed write leaves the old content and no debris.
func TestConfigAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	if err := SaveConfig(dir, sampleConfig()); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(ConfigPath(dir))
	ino := inode(t, ConfigPath(dir))
	c := sampleConfig()
	c.Default = "staging"
	if err := SaveConfig(dir, c); err != nil {
		t.Fatal(err)
	}
	if inode(t, ConfigPath(dir)) == ino {
		t.Error("config rewritten in place, not replaced by rename")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("dir has %d entries after save, want only config.toml: %v", len(entries), entries)
	}

	// Invalid config: refused before touching the file.
	bad := sampleConfig()
	bad.Default = "ghost"
	if err := SaveConfig(dir, bad); err == nil || !strings.Contains(err.Error(), `"ghost" is not defined`) {
		t.Fatalf("SaveConfig(bad default) = %v", err)
	}
	// Failed rename: target is a directory. The temp file is cleaned up.
	dir2 := t.TempDir()
	breakConfig(t, dir2)
	if err := SaveConfig(dir2, sampleConfig()); err == nil {
		t.Fatal("SaveConfig over a directory succeeded")
	}
	entries, _ = os.ReadDir(dir2)
	if len(entries) != 1 {
		t.Errorf("temp file left behind: %v", entries)
	}
	after, _ := os.ReadFile(ConfigPath(dir))
	if string(after) == string(before) {
		t.Error("second save did not change the file")
	}
}

// TestConfigUnknownKeyNamesItsLine: an unknown key is named with its line,
// and the advice about secrets comes only with a key that looks like one
// (a typo in [audit] is not a misplaced token).
func TestConfigUnknownKeyNamesItsLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(ConfigPath(dir), []byte("default = \"\"\n\n[audit]\n  retention_dayz = 3\n"), 0o600)
	_, err := LoadConfig(dir)
	if err == nil || !strings.Contains(err.Error(), "unknown key(s) audit.retention_dayz (line 4)") || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error = %v", err)
	}
}

func TestConfigCorrupt(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"not toml", "default = \n[[profiles]\n", "is not valid TOML: line 1"},
		{"unknown key", "[[profiles]]\nname = \"p\"\naccount_sid = \"" + testAC + "\"\nauth_mode = \"auth_token\"\nauth_token = \"x\"\n", "unknown key(s) profiles.auth_token (line 5) (secrets never go in this file"},
		{"duplicate", "[[profiles]]\nname = \"p\"\naccount_sid = \"" + testAC + "\"\nauth_mode = \"auth_token\"\n[[profiles]]\nname = \"p\"\naccount_sid = \"" + testAC + "\"\nauth_mode = \"auth_token\"\n", `"p" is defined twice`},
		{"bad default", "default = \"x\"\n", `default profile "x" is not defined`},
		{"bad sid", "[[profiles]]\nname = \"p\"\naccount_sid = \"AC12\"\nauth_mode = \"auth_token\"\n", "account SID"},
		{"wrong type", "default = 3\n", "config "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(ConfigPath(dir), []byte(tt.content), 0o600)
			_, err := LoadConfig(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), ConfigPath(dir)) {
				t.Fatalf("error = %v, want it to name the file and contain %q", err, tt.want)
			}
		})
	}
}

func TestConfigDir(t *testing.T) {
	d, err := configDir(mapEnv(map[string]string{"TWILIO_VERIFY_CONFIG_DIR": "/x/y"}))
	if err != nil || d != "/x/y" {
		t.Fatalf("override: %q %v", d, err)
	}
	t.Setenv("XDG_CONFIG_HOME", "/cfg")
	d, err = configDir(mapEnv(nil))
	if err != nil || d != "/cfg/twilio-verify" {
		t.Fatalf("xdg: %q %v", d, err)
	}
}

func TestConfigWithWithout(t *testing.T) {
	c := sampleConfig()
	p := c.Profiles[1]
	p.ReadOnly = true
	c2 := c.WithProfile(p)
	if c.Profiles[1].ReadOnly {
		t.Error("WithProfile changed the original")
	}
	if len(c2.Profiles) != 2 || !c2.Profiles[1].ReadOnly {
		t.Errorf("WithProfile replace: %+v", c2.Profiles)
	}
	c3 := c2.WithoutProfile("prod")
	if len(c3.Profiles) != 1 || c3.Default != "" || c2.Default != "prod" {
		t.Errorf("WithoutProfile: %+v (orig default %q)", c3, c2.Default)
	}
}

// The [audit] table is read and kept, and an empty one is not written.
func TestConfigAuditTable(t *testing.T) {
	c, err := parseConfig("config.toml", []byte("[audit]\nsyslog = true\nmax_bytes = 4096\nkeep = 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Audit != (AuditSettings{Syslog: true, MaxBytes: 4096, Keep: 3}) {
		t.Errorf("audit settings %+v", c.Audit)
	}
	if _, err := parseConfig("config.toml", []byte("[audit]\nkeep = -1\n")); err == nil {
		t.Error("a negative keep was accepted")
	}
	data, err := encodeConfig(Config{})
	if err != nil || strings.Contains(string(data), "audit") {
		t.Errorf("an empty config encodes as %q (%v)", data, err)
	}
}
