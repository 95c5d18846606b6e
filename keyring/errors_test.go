package keyring

import (
	"errors"
	"net"
	"os/exec"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"
)

// The error shapes go-keyring and godbus really return, as recorded on
// this platform (see the test-environment reference).
func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		kind SecretKind
		is   error
	}{
		{"not found", gokeyring.ErrNotFound, KindNotFound, ErrNotFound},
		{"no bus, no dbus-launch", &exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound}, KindNoKeyring, ErrNoKeyring},
		{"dead bus socket", &net.OpError{Op: "dial", Net: "unix", Err: errors.New("connect: no such file or directory")}, KindNoKeyring, ErrNoKeyring},
		{"no provider", dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown", Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"}}, KindNoKeyring, ErrNoKeyring},
		{"no address", errors.New("dbus: couldn't determine address of session bus"), KindNoKeyring, ErrNoKeyring},
		{"autolaunch without X", errors.New("Unable to autolaunch a dbus-daemon without a $DISPLAY for X11"), KindNoKeyring, ErrNoKeyring},
		{"locked", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), KindLocked, ErrLocked},
		{"is locked", dbus.Error{Name: "org.freedesktop.Secret.Error.IsLocked"}, KindLocked, ErrLocked},
		{"other", errors.New("something odd"), KindOther, ErrKeyring},
		{"too big", gokeyring.ErrSetDataTooBig, KindOther, ErrKeyring},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			se := classify("get", "prod", tt.err)
			if se.Kind != tt.kind {
				t.Fatalf("kind = %v, want %v", se.Kind, tt.kind)
			}
			var err error = se
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if errors.Unwrap(err) == nil {
				t.Errorf("underlying error not unwrapped")
			}
			if Hint(err) == "" || !strings.Contains(err.Error(), `"prod"`) {
				t.Errorf("message %q / hint %q", err, Hint(err))
			}
		})
	}
}

func TestHints(t *testing.T) {
	for kind, want := range map[SecretKind]string{
		KindNotFound:  "twilio-verify login --profile prod",
		KindNoKeyring: "TWILIO_ACCOUNT_SID",
		KindLocked:    "Unlock",
		KindOther:     "TWILIO_AUTH_TOKEN",
	} {
		h := (&SecretError{Kind: kind, Profile: "prod"}).Hint()
		if !strings.Contains(h, want) {
			t.Errorf("hint for %v = %q, want it to contain %q", kind, h, want)
		}
	}
	if !strings.Contains((&SecretError{Kind: KindNoKeyring, Op: "set", Profile: "p", Err: errors.New("x")}).Error(), "no keyring available") {
		t.Error("no-keyring message lacks 'no keyring available'")
	}
	if Hint(errors.New("plain")) != "" {
		t.Error("Hint of a plain error is not empty")
	}
}
