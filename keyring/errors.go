package keyring

import (
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strings"

	"github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"
)

// SecretKind classifies a keyring failure so callers can react to it.
type SecretKind int

// The kinds of keyring failure.
const (
	// KindOther is any failure not classified below.
	KindOther SecretKind = iota
	// KindNotFound: the keyring works but holds no secret for the profile.
	KindNotFound
	// KindNoKeyring: there is no D-Bus session bus or no Secret Service
	// provider on it (typical on headless and SSH hosts).
	KindNoKeyring
	// KindLocked: the keyring is locked, or did not answer in time (it is
	// then usually waiting for an unlock prompt nobody can see).
	KindLocked
)

// Sentinel errors; errors.Is(err, ErrNoKeyring) works on a *SecretError.
var (
	ErrNotFound  = errors.New("no secret for this profile in the keyring")
	ErrNoKeyring = errors.New("no keyring available")
	ErrLocked    = errors.New("the keyring is locked")
	ErrKeyring   = errors.New("keyring error")
)

// SecretError is every failure a Secrets implementation returns.
type SecretError struct {
	Kind SecretKind
	// Op is "get", "set" or "delete"; Profile the profile concerned.
	Op, Profile string
	// Err is the underlying error (never contains the secret).
	Err error
}

// Error implements error.
func (e *SecretError) Error() string {
	msg := fmt.Sprintf("keyring %s for profile %q: %v", e.Op, e.Profile, e.sentinel())
	if e.Err != nil && e.Kind != KindNotFound {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *SecretError) Unwrap() error { return e.Err }

// Is matches the sentinel of e's kind.
func (e *SecretError) Is(target error) bool { return target == e.sentinel() }

func (e *SecretError) sentinel() error {
	switch e.Kind {
	case KindNotFound:
		return ErrNotFound
	case KindNoKeyring:
		return ErrNoKeyring
	case KindLocked:
		return ErrLocked
	}
	return ErrKeyring
}

// Hint says in plain language what to do about the failure.
func (e *SecretError) Hint() string {
	const env = "or skip the keyring: set TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET (or TWILIO_AUTH_TOKEN) in the environment"
	switch e.Kind {
	case KindNotFound:
		return fmt.Sprintf("Save the secret again with: twilio-verify login --profile %s", e.Profile)
	case KindNoKeyring:
		why := "No Secret Service is reachable (no D-Bus session bus, or no keyring daemon on it)."
		if errors.Is(e.Err, errNoSessionBus) {
			why = BusAddressVar + " is not set, and twilio-verify never starts a bus of its own. If a session bus runs (e.g. systemd's), export its address (" + BusAddressVar + "=unix:path=$XDG_RUNTIME_DIR/bus)."
		}
		return why + " To start a keyring for this shell: " + StartKeyringRecipe + " (" + RecipeSection + "), " + env + "."
	case KindLocked:
		return "Unlock the login keyring with its password: " + UnlockKeyringRecipe + " (" + RecipeSection + "), or log in graphically once, " + env + "."
	}
	return "Check that the Secret Service (e.g. gnome-keyring) works (" + RecipeSection + "), " + env + "."
}

// The keyring recipes the hints give and the README explains.
// gnome-keyring-daemon --unlock reads the password from standard input: it
// waits there silently when nothing is piped, and an empty password leaves
// the keyring locked. So the recipes ask for the password themselves,
// with echo off, and pipe it in; it is never in an environment variable
// (every process started on the bus would inherit it).
const (
	// RecipeSection is where the README explains the recipes.
	RecipeSection = "README: \"Hosts without a keyring\""
	// StartKeyringRecipe starts a session bus with an unlocked
	// gnome-keyring (creating the login keyring with the password typed
	// when there is none) and a shell inside it.
	StartKeyringRecipe = "`dbus-run-session -- sh -c '" + askPassword + " | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec \"$SHELL\"'`"
	// UnlockKeyringRecipe replaces the running, locked gnome-keyring of
	// the session with one unlocked with the password typed.
	UnlockKeyringRecipe = "`sh -c '" + askPassword + " | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null'`"
	// askPassword reads a line with echo off and prints it without a newline.
	askPassword = `stty -echo; printf "Keyring password: " >&2; read -r p; stty echo; echo >&2; printf %s "$p"`
)

// Hint returns the hint of a *SecretError inside err, or "".
func Hint(err error) string {
	var se *SecretError
	if errors.As(err, &se) {
		return se.Hint()
	}
	return ""
}

// classify turns a go-keyring / godbus error into a *SecretError.
func classify(op, profile string, err error) *SecretError {
	return &SecretError{Kind: kindOf(err), Op: op, Profile: profile, Err: err}
}

func kindOf(err error) SecretKind {
	switch {
	case errors.Is(err, gokeyring.ErrNotFound), errors.Is(err, ErrNotFound):
		return KindNotFound
	case errors.Is(err, ErrNoKeyring):
		return KindNoKeyring
	case errors.Is(err, ErrLocked):
		return KindLocked
	}
	var ee *exec.Error // godbus tried to autolaunch dbus-launch
	var ne net.Error   // bus address points at nothing
	if errors.As(err, &ee) || errors.As(err, &ne) {
		return KindNoKeyring
	}
	var de dbus.Error
	if errors.As(err, &de) {
		switch {
		case de.Name == "org.freedesktop.Secret.Error.IsLocked":
			return KindLocked
		case de.Name == "org.freedesktop.DBus.Error.ServiceUnknown",
			de.Name == "org.freedesktop.DBus.Error.NameHasNoOwner",
			de.Name == "org.freedesktop.DBus.Error.NoServer",
			strings.HasPrefix(de.Name, "org.freedesktop.DBus.Error.Spawn"):
			return KindNoKeyring
		}
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "failed to unlock"),
		strings.Contains(msg, "prompt dismissed"):
		return KindLocked
	case strings.Contains(msg, "couldn't determine address of session bus"),
		strings.Contains(msg, "autolaunch"),
		strings.Contains(msg, "dbus-launch"),
		strings.Contains(msg, "was not provided by any .service files"),
		strings.Contains(msg, "dbus: authentication failed"):
		return KindNoKeyring
	}
	return KindOther
}
