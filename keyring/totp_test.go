package keyring

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// testTOTPSecret is a made-up Base32 secret (RFC 6238's test key).
const testTOTPSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func keptSample() KeptTOTP {
	return KeptTOTP{Secret: testTOTPSecret, Algorithm: "sha256", Digits: 8, Period: 45,
		ServiceSID: "VA0123456789abcdef0123456789abcdef", Identity: "ff483d1f-f591-898a"}
}

// TestTOTPKeeperRoundTrip: what is kept comes back whole, under the
// factor SID; Forget removes it and forgetting twice is fine.
func TestTOTPKeeperRoundTrip(t *testing.T) {
	mem := NewMemory()
	k := NewTOTPKeeper(mem)
	const sid = "YF0123456789abcdef0123456789abcdef"
	if _, err := k.Get(sid); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Keep = %v, want ErrNotFound", err)
	}
	if err := k.Keep(sid, keptSample()); err != nil {
		t.Fatal(err)
	}
	if raw, _ := mem.Get(sid); !strings.Contains(raw, testTOTPSecret) {
		t.Fatalf("the entry under the factor SID lacks the secret: %q", raw)
	}
	got, err := k.Get(sid)
	if err != nil || got != keptSample() {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if err := k.Forget(sid); err != nil {
		t.Fatal(err)
	}
	if err := k.Forget(sid); err != nil {
		t.Fatalf("forgetting twice: %v", err)
	}
	if _, err := k.Get(sid); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Forget = %v", err)
	}
	if h := TOTPHint(&SecretError{Kind: KindNotFound}); !strings.Contains(h, "keep secret") {
		t.Fatalf("not-found hint: %q", h)
	}
}

// TestTOTPKeeperCorruptEntryIsNotQuoted: an entry that is not a kept
// factor is an error that does not repeat the entry (it may be a secret).
func TestTOTPKeeperCorruptEntryIsNotQuoted(t *testing.T) {
	mem := NewMemory()
	const sid = "YF0123456789abcdef0123456789abcdef"
	if err := mem.Set(sid, "NOTJSON"+testTOTPSecret); err != nil {
		t.Fatal(err)
	}
	_, err := NewTOTPKeeper(mem).Get(sid)
	if err == nil || errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), testTOTPSecret) {
		t.Fatalf("Get of a corrupt entry = %v", err)
	}
	mem.FailWith(errors.New("boom"))
	if err := NewTOTPKeeper(mem).Forget(sid); err == nil {
		t.Fatal("Forget hid a keyring failure")
	}
}

// TestIntegrationTOTPKeeper keeps, reads and forgets a factor's secret in
// the real Secret Service, under service twilio-verify-totp and the factor
// SID as user (CI: gnome-keyring inside dbus-run-session). It runs in a
// fresh process: other tests of this binary put go-keyring on its mock.
func TestIntegrationTOTPKeeper(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		requireIntegration(t, "no DBUS_SESSION_BUS_ADDRESS: run inside dbus-run-session with an unlocked gnome-keyring")
	}
	runSecretServiceHelper(t, "totp", nil, "TOTP KEEPER OK")
}

func helperTOTP(t *testing.T) {
	k := SystemTOTPKeeper(5 * time.Second)
	sid := fmt.Sprintf("YF%032x", time.Now().UnixNano())
	if _, err := k.Get(sid); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SECRET SERVICE UNAVAILABLE: %v", err)
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
	fmt.Println("TOTP KEEPER OK")
}
