package keyring

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// TestProfileSettingsSavedTogetherAllStay: the console saves a profile's
// default service (services view) and its default RiskCheck (guard view)
// from calls that may run at the same time, and a command may save while
// the console does; each reads config.toml, changes one setting and
// writes the file back, so one of two writers at once used to put back
// the file without the other's change.
func TestProfileSettingsSavedTogetherAllStay(t *testing.T) {
	dir := t.TempDir()
	var cfg Config
	const n = 8
	for i := range n {
		cfg = cfg.WithProfile(Profile{Name: fmt.Sprintf("p%d", i), AccountSID: testAC, AuthMode: AuthToken})
	}
	if err := SaveConfig(dir, cfg); err != nil {
		t.Fatal(err)
	}
	service := func(i int) string { return fmt.Sprintf("VA%032x", i+1) }
	var wg sync.WaitGroup
	for i := range n {
		name := fmt.Sprintf("p%d", i)
		wg.Go(func() {
			if err := SetDefaultService(dir, name, service(i)); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			if err := SetDefaultRiskCheck(dir, name, "disable"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		p, ok := got.Profile(fmt.Sprintf("p%d", i))
		if !ok {
			t.Fatalf("profile p%d is gone", i)
		}
		if p.DefaultServiceSID != service(i) || p.DefaultRiskCheck != "disable" {
			t.Errorf("profile %s: default service %q, RiskCheck %q; want %s and disable (a setting saved at the same time was lost)",
				p.Name, p.DefaultServiceSID, p.DefaultRiskCheck, service(i))
		}
	}
}

// TestProfileSettingWithoutConfigDir: a directory that does not exist has
// no profile to change, and says so as for a missing profile.
func TestProfileSettingWithoutConfigDir(t *testing.T) {
	err := SetDefaultService(filepath.Join(t.TempDir(), "none"), "desk", "")
	if !errors.Is(err, ErrUnknownProfile) {
		t.Fatalf("err = %v, want ErrUnknownProfile", err)
	}
}

// TestProfilesSavedTogetherAllStay: logins (or imports) in two processes
// at once, or a login while the console saves a setting, each read and
// rewrite config.toml; none may lose another's profile.
func TestProfilesSavedTogetherAllStay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config") // made by the first save
	secrets := NewMemory()
	const n = 8
	var wg sync.WaitGroup
	for i := range n {
		p := Profile{Name: fmt.Sprintf("p%d", i), AccountSID: testAC, AuthMode: AuthToken}
		wg.Go(func() {
			if _, err := SaveProfile(dir, secrets, p, testToken, false); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Profiles) != n || got.Default == "" {
		t.Fatalf("%d profiles of %d saved at once, default %q", len(got.Profiles), n, got.Default)
	}
}
