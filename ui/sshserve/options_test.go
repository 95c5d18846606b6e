package sshserve

import (
	"errors"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// TestOptionsCheck: the security rules, before anything listens.
func TestOptionsCheck(t *testing.T) {
	key := newSigner(t)
	list := allowlistOf(t, newSigner(t))
	cases := []struct {
		name string
		o    Options
		want error
	}{
		{"no host key", Options{OpenDemo: true}, ErrNoHostKey},
		{"demo, no allowlist, no consent", Options{HostKey: key}, ErrOpenNeedsConsent},
		{"open demo", Options{HostKey: key, OpenDemo: true}, nil},
		{"demo with allowlist", Options{HostKey: key, Allowlist: list}, nil},
		{"open demo with allowlist", Options{HostKey: key, Allowlist: list, OpenDemo: true}, ErrOpenWithAllowlist},
		{"live without allowlist", Options{HostKey: key, Live: true}, ErrLiveNeedsAllowlist},
		{"live open", Options{HostKey: key, Live: true, OpenDemo: true}, ErrLiveNeedsAllowlist},
		{"live with allowlist", Options{HostKey: key, Live: true, Allowlist: list}, nil},
	}
	for _, c := range cases {
		if err := c.o.Check(); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if _, err := New(c.o); !errors.Is(err, c.want) {
			t.Errorf("New, %s: %v, want %v", c.name, err, c.want)
		}
	}
}

// TestSessionEnv: only the terminal, colour and locale variables pass,
// TERM comes from the PTY; NO_COLOR with any value means no colour.
func TestSessionEnv(t *testing.T) {
	env := sessionEnv([]string{"LANG=C.UTF-8", "TWILIO_AUTH_TOKEN=x", "LD_PRELOAD=/evil.so", "COLORTERM=truecolor"}, "xterm-256color")
	want := []string{"LANG=C.UTF-8", "COLORTERM=truecolor", "TERM=xterm-256color"}
	if len(env) != len(want) {
		t.Fatalf("env %q", env)
	}
	for i := range want {
		if env[i] != want[i] {
			t.Fatalf("env %q, want %q", env, want)
		}
	}
	for _, c := range []struct {
		env  []string
		want colorprofile.Profile
	}{
		{[]string{"TERM=xterm-256color"}, colorprofile.ANSI256},
		{[]string{"TERM=xterm-256color", "COLORTERM=truecolor"}, colorprofile.TrueColor},
		{[]string{"TERM=xterm-256color", "NO_COLOR=1"}, colorprofile.Ascii},
		{[]string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=yes"}, colorprofile.Ascii},
		{[]string{"TERM=dumb"}, colorprofile.NoTTY},
	} {
		if got := colorProfile(c.env); got != c.want {
			t.Errorf("%q: %v, want %v", c.env, got, c.want)
		}
	}
}
