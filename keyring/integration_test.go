package keyring

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIntegrationSecretService runs Set/Get/Delete and the profile
// operations against the real Secret Service of the session bus (CI: an
// unlocked gnome-keyring inside dbus-run-session).
func TestIntegrationSecretService(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		requireIntegration(t, "no DBUS_SESSION_BUS_ADDRESS: run inside dbus-run-session with an unlocked gnome-keyring")
	}
	dir := t.TempDir()
	name := fmt.Sprintf("itest-%d-%d", os.Getpid(), time.Now().UnixNano())
	out, err := runHelper(t, "real", []string{"TV_DIR=" + dir, "TV_NAME=" + name}, false)
	if err != nil {
		if strings.Contains(out, "SECRET SERVICE UNAVAILABLE") {
			requireIntegration(t, "Secret Service unavailable:\n"+out)
		}
		t.Fatalf("helper failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "REAL KEYRING OK") {
		t.Fatalf("helper output:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "LATENCY") {
			t.Log(line)
		}
	}
	assertNoFileContains(t, dir, testToken)
	assertNoFileContains(t, dir, testSecret)
	// secret-tool (libsecret) sees nothing left behind.
	if st, err := exec.LookPath("secret-tool"); err == nil {
		b, _ := exec.Command(st, "lookup", "service", ServiceName, "username", name).Output()
		if len(b) != 0 {
			t.Errorf("secret-tool still finds the test secret")
		}
	}
}

func helperReal(t *testing.T) {
	dir, name := os.Getenv("TV_DIR"), os.Getenv("TV_NAME")
	s := SystemSecrets(5 * time.Second)
	if _, err := s.Get(name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SECRET SERVICE UNAVAILABLE: Get of a fresh name = %v (hint: %s)", err, Hint(err))
	}
	t.Cleanup(func() { s.Delete(name) })
	if err := s.Set(name, testToken); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get(name); err != nil || v != testToken {
		t.Fatalf("Get = %v", err)
	}
	// Visible to other Secret Service clients under our service/user.
	if st, err := exec.LookPath("secret-tool"); err == nil {
		b, err := exec.Command(st, "lookup", "service", ServiceName, "username", name).Output()
		if err != nil || strings.TrimSpace(string(b)) != testToken {
			t.Fatalf("secret-tool lookup: %v", err)
		}
	}
	if err := s.Set(name, testSecret); err != nil { // replace
		t.Fatal(err)
	}
	if v, _ := s.Get(name); v != testSecret {
		t.Fatal("Set did not replace the secret")
	}
	if err := s.Delete(name); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete = %v", err)
	}

	// Latency of a real Get (reported by the parent test).
	if err := s.Set(name, testToken); err != nil {
		t.Fatal(err)
	}
	const n = 20
	start := time.Now()
	for i := 0; i < n; i++ {
		if _, err := s.Get(name); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Printf("LATENCY real keyring Get: %v per call (%d calls)\n", time.Since(start)/n, n)
	if err := s.Delete(name); err != nil {
		t.Fatal(err)
	}

	// The profile operations end to end on the real keyring.
	p := Profile{Name: name, AccountSID: testAC, AuthMode: APIKey, APIKeySID: testSK}
	if _, err := SaveProfile(dir, s, p, testSecret, true); err != nil {
		t.Fatal(err)
	}
	c, err := Resolve(dir, s, "", func(string) string { return "" })
	if err != nil || c.Source != SourceDefault || c.APIKeySecret != testSecret {
		t.Fatalf("Resolve = %v, %v", c, err)
	}
	if _, kerr, err := RemoveProfile(dir, s, name, false); err != nil || kerr != nil {
		t.Fatalf("RemoveProfile: %v %v", kerr, err)
	}
	if _, err := s.Get(name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("secret left after RemoveProfile: %v", err)
	}
	fmt.Println("REAL KEYRING OK")
}

// TestNoSessionBus runs with no D-Bus session bus at all: saving a profile
// fails fast with "no keyring available" and a hint, and no file under the
// config dir holds the secret.
func TestNoSessionBus(t *testing.T) {
	dir := t.TempDir()
	emptyPath := t.TempDir() // no dbus-launch to autolaunch a bus with
	env := []string{"HOME=" + t.TempDir(), "PATH=" + emptyPath, "TV_DIR=" + dir}
	// godbus also finds /run/user/UID/bus whatever the environment says; if
	// that exists, point the address at nothing instead (same class).
	if _, err := os.Stat(filepath.Join("/run/user", fmt.Sprint(os.Getuid()), "bus")); err == nil {
		env = append(env, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(emptyPath, "nobus"))
		t.Log("a systemd user bus exists; using a dead bus address instead of none")
	}
	if os.Getenv("GOCOVERDIR") != "" {
		env = append(env, "GOCOVERDIR="+os.Getenv("GOCOVERDIR"))
	}
	out, err := runHelper(t, "nobus", env, true)
	if err != nil {
		t.Fatalf("helper failed: %v\n%s", err, out)
	}
	for _, want := range []string{"no keyring available", "TWILIO_ACCOUNT_SID", "NOBUS OK"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	assertNoFileContains(t, dir, testToken)
	if _, err := os.Stat(ConfigPath(dir)); err == nil {
		t.Error("a config file was written without a keyring")
	}
}

func helperNoBus(t *testing.T) {
	dir := os.Getenv("TV_DIR")
	start := time.Now()
	_, err := SaveProfile(dir, SystemSecrets(3*time.Second), Profile{Name: "prod", AccountSID: testAC, AuthMode: AuthToken}, testToken, true)
	if !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("SaveProfile without a bus = %v, want ErrNoKeyring", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Logf("slow failure: %v", time.Since(start)) // informative only
	}
	fmt.Println(err.Error())
	fmt.Println(Hint(err))
	fmt.Println("NOBUS OK")
}

// TestIntegrationTOTPKeeper (here, in the file that runs before the
// tests that install go-keyring's global mock) keeps, reads and forgets a factor's secret in
// the real Secret Service, under service twilio-verify-totp and the factor
// SID as user (CI: gnome-keyring inside dbus-run-session).
func TestIntegrationTOTPKeeper(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		requireIntegration(t, "no DBUS_SESSION_BUS_ADDRESS: run inside dbus-run-session with an unlocked gnome-keyring")
	}
	k := SystemTOTPKeeper(5 * time.Second)
	sid := fmt.Sprintf("YF%032x", time.Now().UnixNano())
	if _, err := k.Get(sid); !errors.Is(err, ErrNotFound) {
		requireIntegration(t, fmt.Sprintf("Secret Service unavailable: %v", err))
	}
	t.Cleanup(func() { _ = k.Forget(sid) })
	if err := k.Keep(sid, keptSample()); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(sid); err != nil || got != keptSample() {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if st, err := exec.LookPath("secret-tool"); err == nil {
		b, err := exec.Command(st, "lookup", "service", TOTPServiceName, "username", sid).Output()
		if err != nil || !strings.Contains(string(b), testTOTPSecret) {
			t.Fatalf("secret-tool does not see the kept factor: %v", err)
		}
	}
	if err := k.Forget(sid); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(sid); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Forget = %v", err)
	}
}
