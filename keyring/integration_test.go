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
	out := runSecretServiceHelper(t, "real", []string{"TV_DIR=" + dir, "TV_NAME=" + name}, "REAL KEYRING OK")
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

// TestNoSessionBus runs with no DBUS_SESSION_BUS_ADDRESS on a host where
// dbus-launch exists (a stand-in that only leaves a mark): saving a
// profile fails fast with "no keyring available" and a hint, no bus is
// autolaunched, and no file under the config dir holds the secret.
func TestNoSessionBus(t *testing.T) {
	dir, fake := t.TempDir(), t.TempDir()
	marker := filepath.Join(t.TempDir(), "autolaunched")
	launch := "#!/bin/sh\n: > \"$TV_AUTOLAUNCHED\"\nexit 1\n"
	if err := os.WriteFile(filepath.Join(fake, "dbus-launch"), []byte(launch), 0o700); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + t.TempDir(), "PATH=" + fake, "TV_DIR=" + dir, "TV_AUTOLAUNCHED=" + marker}
	if os.Getenv("GOCOVERDIR") != "" {
		env = append(env, "GOCOVERDIR="+os.Getenv("GOCOVERDIR"))
	}
	out, err := runHelper(t, "nobus", env, true)
	if err != nil {
		t.Fatalf("helper failed: %v\n%s", err, out)
	}
	for _, want := range []string{"no keyring available", BusAddressVar + " is not set", "gnome-keyring-daemon --unlock", "TWILIO_ACCOUNT_SID", "NOBUS OK"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("dbus-launch was run: a session bus was autolaunched")
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
