package keyring

import (
	"errors"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// Tests using gokeyring.MockInit share go-keyring's global mock: none of
// them may call t.Parallel.

func TestSystemSecretsMock(t *testing.T) {
	mockKeyring(t, nil)
	s := SystemSecrets(0)
	if _, err := s.Get("prod"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get on empty = %v, want ErrNotFound", err)
	}
	if err := s.Set("prod", testToken); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get("prod"); err != nil || v != testToken {
		t.Fatalf("Get = %q, %v", v, err)
	}
	// Stored under service "twilio-verify", user = profile name.
	if v, err := gokeyring.Get(ServiceName, "prod"); err != nil || v != testToken {
		t.Fatalf("raw Get = %q, %v", v, err)
	}
	if err := s.Delete("prod"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("prod"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Delete = %v", err)
	}
}

func TestSystemSecretsMockError(t *testing.T) {
	mockKeyring(t, errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"))
	err := SystemSecrets(time.Second).Set("prod", testToken)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Set on locked = %v, want ErrLocked", err)
	}
}

// A keyring call that never returns (a locked keyring waiting on a prompt)
// must come back as ErrLocked after the timeout, not hang.
func TestBoundedTimeout(t *testing.T) {
	t.Setenv(BusAddressVar, "unix:path=/nonexistent/never-dialled") // f below stands for the call
	block := make(chan struct{})
	defer close(block)
	s := systemSecrets{timeout: 20 * time.Millisecond}
	_, err := s.bounded("get", "prod", func() (string, error) { <-block; return "", nil })
	if !errors.Is(err, ErrLocked) || !errors.Is(err, errTimeout) {
		t.Fatalf("err = %v, want ErrLocked wrapping errTimeout", err)
	}
}

func TestMemorySecrets(t *testing.T) {
	m := NewMemory()
	if err := m.Set("a", "x"); err != nil {
		t.Fatal(err)
	}
	if v, err := m.Get("a"); v != "x" || err != nil {
		t.Fatalf("Get = %q %v", v, err)
	}
	m.FailWith(ErrNoKeyring)
	if _, err := m.Get("a"); !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("Get with failure = %v", err)
	}
	m.FailWith(nil)
	if err := m.Delete("a"); err != nil {
		t.Fatal(err)
	}
	if err := m.Delete("a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete missing = %v", err)
	}
}
