package keyring

import (
	"encoding/json"
	"errors"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// TOTPServiceName is the keyring service test factors' TOTP secrets are
// kept under; the keyring user is the factor SID (YF…). It is not
// ServiceName, so a kept factor never looks like a profile.
const TOTPServiceName = "twilio-verify-totp"

// KeptTOTP is what the console keeps of a test factor: its shared secret
// and how its codes are made, so a code can be computed without Twilio
// (Verify never returns the secret after the factor's creation). Service
// and identity say where the factor lives.
type KeptTOTP struct {
	Secret     string `json:"secret"`
	Algorithm  string `json:"algorithm"`
	Digits     int    `json:"digits"`
	Period     int    `json:"period"`
	ServiceSID string `json:"service_sid"`
	Identity   string `json:"identity"`
}

// TOTPKeeper keeps test factors' secrets in a Secrets, one entry per
// factor SID. Build it with SystemTOTPKeeper (the OS keyring) or
// NewTOTPKeeper (tests: a Memory). Its calls may block up to the
// keyring's timeout: run them off the UI goroutine.
type TOTPKeeper struct {
	s Secrets
}

// NewTOTPKeeper keeps secrets in s.
func NewTOTPKeeper(s Secrets) *TOTPKeeper { return &TOTPKeeper{s: s} }

// SystemTOTPKeeper keeps secrets in the OS keyring under TOTPServiceName;
// each call gives up after timeout (DefaultTimeout when zero).
func SystemTOTPKeeper(timeout time.Duration) *TOTPKeeper {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return NewTOTPKeeper(serviceSecrets{sys: systemSecrets{timeout: timeout}, service: TOTPServiceName})
}

// errCorrupt is what Get says of an entry that is not a kept factor; the
// entry's text is never quoted (it may hold the secret).
var errCorrupt = errors.New("the keyring entry is not a kept TOTP factor")

// Keep stores k for factorSID (replacing what was kept).
func (t *TOTPKeeper) Keep(factorSID string, k KeptTOTP) error {
	b, err := json.Marshal(k)
	if err != nil {
		return err
	}
	return t.s.Set(factorSID, string(b))
}

// Get returns what is kept for factorSID; errors.Is(err, ErrNotFound)
// when nothing is.
func (t *TOTPKeeper) Get(factorSID string) (KeptTOTP, error) {
	v, err := t.s.Get(factorSID)
	if err != nil {
		return KeptTOTP{}, err
	}
	var k KeptTOTP
	if json.Unmarshal([]byte(v), &k) != nil || k.Secret == "" {
		return KeptTOTP{}, &SecretError{Kind: KindOther, Op: "get", Profile: factorSID, Err: errCorrupt}
	}
	return k, nil
}

// Forget removes what is kept for factorSID; nothing kept is fine.
func (t *TOTPKeeper) Forget(factorSID string) error {
	if err := t.s.Delete(factorSID); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

// serviceSecrets is the OS keyring under another service name than
// ServiceName, with systemSecrets' timeout on every call.
type serviceSecrets struct {
	sys     systemSecrets
	service string
}

// Get implements Secrets.
func (s serviceSecrets) Get(user string) (string, error) {
	return s.sys.bounded("get", user, func() (string, error) { return gokeyring.Get(s.service, user) })
}

// Set implements Secrets.
func (s serviceSecrets) Set(user, secret string) error {
	_, err := s.sys.bounded("set", user, func() (string, error) { return "", gokeyring.Set(s.service, user, secret) })
	return err
}

// Delete implements Secrets.
func (s serviceSecrets) Delete(user string) error {
	_, err := s.sys.bounded("delete", user, func() (string, error) { return "", gokeyring.Delete(s.service, user) })
	return err
}

// TOTPHint says what to do when a test factor's secret cannot be kept or
// read ("" for other errors).
func TOTPHint(err error) string {
	var se *SecretError
	if !errors.As(err, &se) {
		return ""
	}
	switch se.Kind {
	case KindNotFound:
		return "No secret is kept for this factor: only a factor created here with keep secret on has one."
	case KindNoKeyring:
		return "No Secret Service is reachable (no D-Bus session bus, or no keyring daemon on it); start one, e.g. gnome-keyring inside dbus-run-session (" + RecipeSection + ")."
	case KindLocked:
		return "The keyring is locked or did not answer in time: unlock it (" + RecipeSection + ") and try again."
	}
	return "Check that the Secret Service (e.g. gnome-keyring) works."
}
