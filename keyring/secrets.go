package keyring

import (
	"errors"
	"os"
	"runtime"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// ServiceName is the keyring service every secret is stored under; the
// keyring user is the profile name.
const ServiceName = "twilio-verify"

// DefaultTimeout bounds each keyring call made through SystemSecrets when
// it is given no timeout.
const DefaultTimeout = 3 * time.Second

// Secrets stores one secret per profile. Every error is a *SecretError.
type Secrets interface {
	// Get returns the profile's secret.
	Get(profile string) (string, error)
	// Set stores (or replaces) the profile's secret.
	Set(profile, secret string) error
	// Delete removes the profile's secret.
	Delete(profile string) error
}

// SystemSecrets is the OS keyring through go-keyring (the Secret Service
// over D-Bus on Linux). Each call gives up after timeout (DefaultTimeout
// when zero): go-keyring has no timeout of its own and blocks forever when
// a locked keyring waits for an unlock prompt. Where the Secret Service
// is the keyring, a call made while DBUS_SESSION_BUS_ADDRESS is unset
// fails at once with ErrNoKeyring: no bus is ever started.
func SystemSecrets(timeout time.Duration) Secrets {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return systemSecrets{timeout: timeout}
}

type systemSecrets struct{ timeout time.Duration }

// errTimeout is the underlying error of a call that ran out of time.
var errTimeout = errors.New("no answer from the keyring in time (it may be waiting for an unlock prompt)")

// bounded runs f in a goroutine and waits at most s.timeout, unless no
// session bus is set (see sessionBusMissing). On timeout the
// goroutine is abandoned: it finishes (or not) on its own, and its result is
// dropped because the channel is buffered.
func (s systemSecrets) bounded(op, profile string, f func() (string, error)) (string, error) {
	if sessionBusMissing(runtime.GOOS, os.Getenv) {
		return "", &SecretError{Kind: KindNoKeyring, Op: op, Profile: profile, Err: errNoSessionBus}
	}
	type result struct {
		v   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	t := time.NewTimer(s.timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		if r.err != nil {
			return "", classify(op, profile, r.err)
		}
		return r.v, nil
	case <-t.C:
		return "", &SecretError{Kind: KindLocked, Op: op, Profile: profile, Err: errTimeout}
	}
}

// Get implements Secrets.
func (s systemSecrets) Get(profile string) (string, error) {
	return s.bounded("get", profile, func() (string, error) {
		return gokeyring.Get(ServiceName, profile)
	})
}

// Set implements Secrets.
func (s systemSecrets) Set(profile, secret string) error {
	_, err := s.bounded("set", profile, func() (string, error) {
		return "", gokeyring.Set(ServiceName, profile, secret)
	})
	return err
}

// Delete implements Secrets.
func (s systemSecrets) Delete(profile string) error {
	_, err := s.bounded("delete", profile, func() (string, error) {
		return "", gokeyring.Delete(ServiceName, profile)
	})
	return err
}
