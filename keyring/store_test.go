package keyring

import (
	"errors"
	"strings"
	"testing"
)

func TestSaveProfileDefaultAndReplace(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	a := Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}
	b := Profile{Name: "b", AccountSID: testAC2, AuthMode: AuthToken}
	cfg, err := SaveProfile(dir, m, a, testToken, false)
	if err != nil || cfg.Default != "a" {
		t.Fatalf("first profile not default: %+v %v", cfg, err)
	}
	cfg, err = SaveProfile(dir, m, b, testToken, false)
	if err != nil || cfg.Default != "a" {
		t.Fatalf("second profile changed default: %+v %v", cfg, err)
	}
	cfg, err = SaveProfile(dir, m, b, testSecret, true)
	if err != nil || cfg.Default != "b" || len(cfg.Profiles) != 2 {
		t.Fatalf("replace with makeDefault: %+v %v", cfg, err)
	}
	if v, _ := m.Get("b"); v != testSecret {
		t.Error("secret not replaced")
	}
	assertNoFileContains(t, dir, testToken)
	assertNoFileContains(t, dir, testSecret)
}

func TestSaveProfileRejectsBadInputBeforeAnything(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	for _, tc := range []struct {
		p      Profile
		secret string
	}{
		{Profile{Name: "a", AccountSID: "AC1", AuthMode: AuthToken}, testToken},
		{Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}, ""},
		{Profile{Name: "bad name", AccountSID: testAC, AuthMode: AuthToken}, testToken},
	} {
		if _, err := SaveProfile(dir, m, tc.p, tc.secret, false); err == nil {
			t.Errorf("SaveProfile(%+v) accepted", tc.p)
		}
	}
	if _, err := m.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Error("secret written for a rejected profile")
	}
	if c, _ := LoadConfig(dir); len(c.Profiles) != 0 {
		t.Error("config written for a rejected profile")
	}
}

// When the config cannot be written the keyring is put back as it was.
func TestSaveProfileRollsBackKeyring(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	p := Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}
	h := hookSecrets{Secrets: m, afterSet: func(string) { breakConfig(t, dir) }}
	if _, err := SaveProfile(dir, h, p, testToken, false); err == nil {
		t.Fatal("save succeeded with a broken config")
	}
	if _, err := m.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Error("new secret left in the keyring after a failed save")
	}
	// With an old secret, the old one comes back.
	dir = t.TempDir()
	if _, err := SaveProfile(dir, m, p, testSecret, false); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveProfile(dir, h, p, testToken, false); err == nil {
		t.Fatal("save succeeded with a broken config")
	}
	if v, _ := m.Get("a"); v != testSecret {
		t.Error("old secret not restored after a failed save")
	}
}

func TestSaveProfileNoKeyringSavesNothing(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	m.FailWith(ErrNoKeyring)
	_, err := SaveProfile(dir, m, Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}, testToken, false)
	if !errors.Is(err, ErrNoKeyring) || Hint(err) == "" {
		t.Fatalf("err = %v", err)
	}
	if c, _ := LoadConfig(dir); len(c.Profiles) != 0 {
		t.Error("config written without a keyring")
	}
	assertNoFileContains(t, dir, testToken)
}

func TestRemoveProfile(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	SaveProfile(dir, m, Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}, testToken, false)
	SaveProfile(dir, m, Profile{Name: "b", AccountSID: testAC2, AuthMode: AuthToken}, testToken, false)

	if _, _, err := RemoveProfile(dir, m, "ghost", false); !errors.Is(err, ErrUnknownProfile) {
		t.Errorf("unknown: %v", err)
	}
	// Keyring unavailable: kept unless forced.
	m.FailWith(ErrLocked)
	if _, _, err := RemoveProfile(dir, m, "b", false); !errors.Is(err, ErrLocked) {
		t.Errorf("locked without force: %v", err)
	}
	if c, _ := LoadConfig(dir); len(c.Profiles) != 2 {
		t.Error("profile removed although the keyring failed")
	}
	m.FailWith(nil)

	wasDefault, kerr, err := RemoveProfile(dir, m, "a", false)
	if err != nil || kerr != nil || !wasDefault {
		t.Fatalf("remove a: %v %v %v", wasDefault, kerr, err)
	}
	c, _ := LoadConfig(dir)
	if c.Default != "" || len(c.Profiles) != 1 {
		t.Errorf("after remove: %+v", c)
	}
	if _, err := m.Get("a"); !errors.Is(err, ErrNotFound) {
		t.Error("secret still in keyring")
	}
	// Secret already gone: still removes the profile.
	m.Delete("b")
	if _, kerr, err := RemoveProfile(dir, m, "b", false); err != nil || kerr != nil {
		t.Errorf("remove without secret: %v %v", kerr, err)
	}
}

func TestRemoveProfileForce(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	SaveProfile(dir, m, Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}, testToken, false)
	m.FailWith(ErrNoKeyring)
	_, kerr, err := RemoveProfile(dir, m, "a", true)
	if err != nil || !errors.Is(kerr, ErrNoKeyring) {
		t.Fatalf("force: %v %v", kerr, err)
	}
	if c, _ := LoadConfig(dir); len(c.Profiles) != 0 {
		t.Error("forced remove kept the profile")
	}
}

func TestRemoveProfileRestoresSecretOnConfigFailure(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	SaveProfile(dir, m, Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}, testToken, false)
	d := deleteHook{Secrets: m, after: func() { breakConfig(t, dir) }}
	if _, _, err := RemoveProfile(dir, d, "a", false); err == nil {
		t.Fatal("remove succeeded with a broken config")
	}
	if v, _ := m.Get("a"); v != testToken {
		t.Error("secret not restored after a failed remove")
	}
}

type deleteHook struct {
	Secrets
	after func()
}

func (d deleteHook) Delete(p string) error {
	err := d.Secrets.Delete(p)
	d.after()
	return err
}

func TestSetDefault(t *testing.T) {
	dir := t.TempDir()
	m := NewMemory()
	SaveProfile(dir, m, Profile{Name: "a", AccountSID: testAC, AuthMode: AuthToken}, testToken, false)
	SaveProfile(dir, m, Profile{Name: "b", AccountSID: testAC2, AuthMode: AuthToken}, testToken, false)
	if err := SetDefault(dir, "b"); err != nil {
		t.Fatal(err)
	}
	if c, _ := LoadConfig(dir); c.Default != "b" {
		t.Errorf("default = %q", c.Default)
	}
	if err := SetDefault(dir, "zz"); !errors.Is(err, ErrUnknownProfile) || !strings.Contains(err.Error(), `"zz"`) {
		t.Errorf("unknown default: %v", err)
	}
}
