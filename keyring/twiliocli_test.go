package keyring

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A twilio-cli ≥ 2.25 config.json: API key secrets in plain text under
// "profiles", plus one legacy "projects" entry whose secret was in the
// system keychain.
const twilioCLIJSON = `{
  "edge": "dublin",
  "email": {},
  "prompts": {},
  "projects": [{"id": "old", "accountSid": "` + testAC + `", "region": null}],
  "profiles": {
    "work": {"accountSid": "` + testAC + `", "apiKey": "` + testSK + `", "apiSecret": "` + testSecret + `", "region": "ie1"},
    "side": {"accountSid": "` + testAC2 + `", "apiKey": "SKfedcba9876543210fedcba9876543210", "apiSecret": "s1deS3cret0000000000000000000003"},
    "broken": {"accountSid": "AC1", "apiKey": "` + testSK + `", "apiSecret": "x"},
    "exists": {"accountSid": "` + testAC + `", "apiKey": "` + testSK + `", "apiSecret": "ex1stsS3cret00000000000000000004"}
  },
  "activeProfile": "work",
  "requireProfileInput": false
}`

func writeTwilioCLI(t *testing.T) (string, os.FileInfo) {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "config.json")
	if err := os.WriteFile(p, []byte(twilioCLIJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	// An old mtime makes an accidental rewrite visible.
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	fi, _ := os.Stat(p)
	return p, fi
}

func TestTwilioCLIConfigPath(t *testing.T) {
	p, err := TwilioCLIConfigPath(mapEnv(map[string]string{"TWILIO_CONFIG_DIR": "/t"}))
	if err != nil || p != "/t/config.json" {
		t.Errorf("override: %q %v", p, err)
	}
	t.Setenv("HOME", "/home/u")
	p, err = TwilioCLIConfigPath(mapEnv(nil))
	if err != nil || p != "/home/u/.twilio-cli/config.json" {
		t.Errorf("home: %q %v", p, err)
	}
}

func TestReadTwilioCLIConfig(t *testing.T) {
	p, _ := writeTwilioCLI(t)
	tc, err := ReadTwilioCLIConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, q := range tc.Profiles {
		ids = append(ids, q.ID)
	}
	if !reflect.DeepEqual(ids, []string{"broken", "exists", "side", "work"}) || tc.Active != "work" || tc.Edge != "dublin" || !reflect.DeepEqual(tc.Legacy, []string{"old"}) {
		t.Fatalf("read %+v", tc)
	}
	bad := filepath.Join(t.TempDir(), "config.json")
	os.WriteFile(bad, []byte(`{"profiles": {"x": {"apiSecret": "`+testSecret+`"`), 0o600)
	if _, err := ReadTwilioCLIConfig(bad); err == nil || strings.Contains(err.Error(), testSecret) {
		t.Errorf("truncated JSON: %v", err)
	}
	if _, err := ReadTwilioCLIConfig(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestImportTwilioCLI(t *testing.T) {
	mockKeyring(t, nil)
	s := SystemSecrets(0)
	p, before := writeTwilioCLI(t)
	dir := t.TempDir()
	if _, err := SaveProfile(dir, s, Profile{Name: "exists", AccountSID: testAC2, AuthMode: AuthToken}, testToken, false); err != nil {
		t.Fatal(err)
	}
	// "exists" is our default already: the import must not change it.
	tc, _ := ReadTwilioCLIConfig(p)
	res, err := ImportTwilioCLI(dir, s, tc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Imported, []string{"side", "work"}) || res.Default != "" {
		t.Fatalf("imported %+v", res)
	}
	skipped := map[string]string{}
	for _, sk := range res.Skipped {
		skipped[sk.Name] = sk.Reason
	}
	if !strings.Contains(skipped["exists"], "already exists") || !strings.Contains(skipped["broken"], "account SID") || !strings.Contains(skipped["old"], "keychain") {
		t.Errorf("skipped = %v", skipped)
	}
	for _, r := range skipped {
		if strings.Contains(r, "ex1stsS3cret") {
			t.Error("skip reason contains a secret")
		}
	}
	cfg, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	work, ok := cfg.Profile("work")
	want := Profile{Name: "work", AccountSID: testAC, AuthMode: APIKey, APIKeySID: testSK, Region: "ie1", Edge: "dublin"}
	if !ok || work != want || cfg.Default != "exists" {
		t.Errorf("work = %+v, default %q", work, cfg.Default)
	}
	if v, _ := s.Get("work"); v != testSecret {
		t.Error("work secret not in keyring")
	}
	if v, _ := s.Get("exists"); v != testToken {
		t.Error("existing profile's secret overwritten")
	}
	assertNoFileContains(t, dir, testSecret)
	assertNoFileContains(t, dir, "s1deS3cret")
	// twilio-cli's file is untouched.
	after, _ := os.Stat(p)
	b, _ := os.ReadFile(p)
	if string(b) != twilioCLIJSON || !after.ModTime().Equal(before.ModTime()) || after.Mode() != before.Mode() {
		t.Error("twilio-cli config.json was modified")
	}
	// Importing again imports nothing and skips everything.
	res, err = ImportTwilioCLI(dir, s, tc)
	if err != nil || len(res.Imported) != 0 || len(res.Skipped) != 5 {
		t.Errorf("re-import: %+v %v", res, err)
	}
}

func TestImportTwilioCLIActiveBecomesDefault(t *testing.T) {
	mockKeyring(t, nil)
	p, _ := writeTwilioCLI(t)
	tc, _ := ReadTwilioCLIConfig(p)
	dir := t.TempDir()
	res, err := ImportTwilioCLI(dir, SystemSecrets(0), tc)
	if err != nil || res.Default != "work" {
		t.Fatalf("%+v %v", res, err)
	}
	if c, _ := LoadConfig(dir); c.Default != "work" {
		t.Errorf("default = %q", c.Default)
	}
}

// All or nothing: when the keyring fails part-way, the secrets written so
// far are taken back out and no config is written.
func TestImportTwilioCLIRollsBack(t *testing.T) {
	p, _ := writeTwilioCLI(t)
	tc, _ := ReadTwilioCLIConfig(p)
	dir := t.TempDir()
	m := NewMemory()
	// "side" is written first; then "work" fails.
	_, err := ImportTwilioCLI(dir, failSet{Secrets: m, name: "work"}, tc)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v", err)
	}
	for _, n := range []string{"side", "work"} {
		if _, err := m.Get(n); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s secret left behind", n)
		}
	}
	if _, err := os.Stat(ConfigPath(dir)); err == nil {
		t.Error("config written by a failed import")
	}
	// Config write failure also rolls back.
	h2 := hookSecrets{Secrets: m, afterSet: func(string) { breakConfig(t, dir) }}
	if _, err := ImportTwilioCLI(dir, h2, tc); err == nil {
		t.Fatal("import succeeded with a broken config")
	}
	if _, err := m.Get("work"); !errors.Is(err, ErrNotFound) {
		t.Error("secret left behind after config failure")
	}
}

// failSet fails Set for one profile name, as a locked keyring would.
type failSet struct {
	Secrets
	name string
}

func (f failSet) Set(profile, secret string) error {
	if profile == f.name {
		return classify("set", profile, ErrLocked)
	}
	return f.Secrets.Set(profile, secret)
}
