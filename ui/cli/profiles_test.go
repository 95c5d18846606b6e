package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	gokeyring "github.com/zalando/go-keyring"

	"github.com/twilio-verify/twilio-verify/keyring"
)

const (
	tAC1 = "AC0123456789abcdef0123456789abcdef"
	tAC2 = "ACfedcba9876543210fedcba9876543210"
	tSK  = "SK00000000000000000000000000009a9a"
)

// seedProfiles saves four profiles without any network: prod (API key,
// default), staging (auth token), orphan (config only, no secret), local
// (saved against a sandbox).
func seedProfiles(t *testing.T, dir string) {
	t.Helper()
	s := keyring.SystemSecrets(0)
	if _, err := keyring.SaveProfile(dir, s, keyring.Profile{Name: "prod", AccountSID: tAC1, AuthMode: keyring.APIKey, APIKeySID: tSK}, "prodS3cret000000000000000000aaaa", true); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.SaveProfile(dir, s, keyring.Profile{Name: "staging", AccountSID: tAC2, AuthMode: keyring.AuthToken}, "stag1ngT0ken0000000000000000bbbb", false); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.SaveProfile(dir, s, keyring.Profile{Name: "orphan", AccountSID: tAC2, AuthMode: keyring.AuthToken}, "orphanT0ken00000000000000000cccc", false); err != nil {
		t.Fatal(err)
	}
	gokeyring.Delete(keyring.ServiceName, "orphan")
	if _, err := keyring.SaveProfile(dir, s, keyring.Profile{Name: "local", AccountSID: tAC2, AuthMode: keyring.AuthToken, BaseURL: "http://127.0.0.1:8089"}, "l0calT0ken000000000000000000dddd", false); err != nil {
		t.Fatal(err)
	}
}

func TestCmdProfilesTable(t *testing.T) {
	dir := credEnv(t)
	seedProfiles(t, dir)
	r := execCLI(t, "", "profiles")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.RequireEqual(t, []byte(r.stdout))
}

func TestCmdProfilesTableNoKeyring(t *testing.T) {
	dir := credEnv(t)
	seedProfiles(t, dir)
	gokeyring.MockInitWithError(errNoBusForTest{})
	defer gokeyring.MockInit()
	r := execCLI(t, "", "profiles")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.RequireEqual(t, []byte(r.stdout))
}

func TestCmdProfilesEmptyAndDefault(t *testing.T) {
	dir := credEnv(t)
	r := execCLI(t, "", "profiles")
	if r.code != 0 || !strings.Contains(r.stdout, "No profiles yet") {
		t.Fatalf("empty: %d %q", r.code, r.stdout)
	}
	seedProfiles(t, dir)
	r = execCLI(t, "", "profiles", "default", "staging")
	if r.code != 0 || !strings.Contains(r.stdout, `"staging" is now the default`) {
		t.Fatalf("default: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if cfg, _ := keyring.LoadConfig(dir); cfg.Default != "staging" {
		t.Errorf("default = %q", cfg.Default)
	}
}

func TestCmdProfilesCorruptConfig(t *testing.T) {
	dir := credEnv(t)
	os.WriteFile(keyring.ConfigPath(dir), []byte("[[profiles]\n"), 0o600)
	r := execCLI(t, "", "profiles")
	if r.code != 1 || !strings.Contains(r.stderr, "is not valid TOML") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

const cliJSON = `{
  "edge": "dublin",
  "profiles": {
    "work": {"accountSid": "` + tAC1 + `", "apiKey": "` + tSK + `", "apiSecret": "w0rkS3cret00000000000000000dddd", "region": "ie1"},
    "odd": {"accountSid": "nope", "apiKey": "` + tSK + `", "apiSecret": "0ddS3cret000000000000000000eeee"}
  },
  "activeProfile": "work"
}`

func TestCmdImportTwilioCLI(t *testing.T) {
	dir := credEnv(t)
	cliDir := t.TempDir()
	cliPath := filepath.Join(cliDir, "config.json")
	os.WriteFile(cliPath, []byte(cliJSON), 0o644)
	t.Setenv("TWILIO_CONFIG_DIR", cliDir)
	r := execCLI(t, "", "profiles", "import-twilio-cli")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Imported 1 profile(s) from " + cliPath + ": work", `Skipped "odd"`, `"work" is the default profile`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "still holds these API key secrets in plain text") || !strings.Contains(r.stderr, "(mode 0644)") {
		t.Errorf("no plain-text warning:\n%s", r.stderr)
	}
	if v, _ := mockSecret("work"); v != "w0rkS3cret00000000000000000dddd" {
		t.Error("secret not in keyring")
	}
	assertNoSecretInDir(t, dir, "w0rkS3cret")
	if b, _ := os.ReadFile(cliPath); string(b) != cliJSON {
		t.Error("twilio-cli's file was changed")
	}
	for _, s := range []string{r.stdout, r.stderr} {
		if strings.Contains(s, "w0rkS3cret") || strings.Contains(s, "0ddS3cret") {
			t.Error("output shows a secret")
		}
	}

	// Missing file: a clear error naming the path.
	t.Setenv("TWILIO_CONFIG_DIR", t.TempDir())
	r = execCLI(t, "", "profiles", "import-twilio-cli")
	if r.code != 1 || !strings.Contains(r.stderr, "no twilio-cli config at") {
		t.Errorf("missing: %d %s", r.code, r.stderr)
	}
}

func TestCmdImportTwilioCLINoKeyring(t *testing.T) {
	dir := credEnv(t)
	cliDir := t.TempDir()
	os.WriteFile(filepath.Join(cliDir, "config.json"), []byte(cliJSON), 0o644)
	t.Setenv("TWILIO_CONFIG_DIR", cliDir)
	gokeyring.MockInitWithError(errNoBusForTest{})
	defer gokeyring.MockInit()
	r := execCLI(t, "", "profiles", "import-twilio-cli")
	if r.code != 1 || !strings.Contains(r.stderr, "no keyring available") || !strings.Contains(r.stderr, "Nothing was imported") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("config dir not empty: %v", entries)
	}
}
