package keyring

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"
)

// Test values shaped like real ones. The secrets are distinctive so a grep
// for them cannot match anything else.
const (
	testAC     = "AC0123456789abcdef0123456789abcdef"
	testAC2    = "ACfedcba9876543210fedcba9876543210"
	testSK     = "SK0123456789abcdef0123456789abcdef"
	testToken  = "tok3nS3cretValue0000000000000001"
	testSecret = "ap1S3cretValue000000000000000002"
)

// mapEnv turns a map into a getenv function.
func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// assertNoFileContains fails if any file under dir contains s.
func assertNoFileContains(t *testing.T, dir, s string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), s) {
			t.Errorf("%s contains the secret", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// hookSecrets wraps a Secrets and runs afterSet after each successful Set,
// to inject failures between the keyring write and the config write.
type hookSecrets struct {
	Secrets
	afterSet func(profile string)
}

func (h hookSecrets) Set(profile, secret string) error {
	if err := h.Secrets.Set(profile, secret); err != nil {
		return err
	}
	if h.afterSet != nil {
		h.afterSet(profile)
	}
	return nil
}

// breakConfig makes the next config write in dir fail: config.toml becomes
// a non-empty directory, which a rename cannot replace.
func breakConfig(t *testing.T, dir string) {
	t.Helper()
	p := ConfigPath(dir)
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(p, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
}

// mockKeyring points go-keyring at its in-memory mock, every call failing
// with fail when it is not nil (until the test ends). The mock needs no
// bus, but SystemSecrets refuses every call while DBUS_SESSION_BUS_ADDRESS
// is unset, so the test gets a placeholder address that is never dialled.
func mockKeyring(tb testing.TB, fail error) {
	tb.Helper()
	tb.Setenv(BusAddressVar, "unix:path=/nonexistent/mock-keyring-bus")
	if fail == nil {
		gokeyring.MockInit()
		return
	}
	gokeyring.MockInitWithError(fail)
	tb.Cleanup(gokeyring.MockInit)
}
