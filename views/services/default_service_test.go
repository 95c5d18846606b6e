package services

import (
	"context"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestUseServiceKeepsTheProfileDefault: enter on a service makes it the
// profile's default service in config.toml, so the next console opens it
// (and commands use it without --service); before, nothing in the console
// or the commands could set it, and an account with many services opened
// on the first one every time. A program without a profile keeps the
// choice for itself and writes nothing.
func TestUseServiceKeepsTheProfileDefault(t *testing.T) {
	cl := startSandbox(t, false)
	name := "Second App"
	second, err := cl.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := keyring.Profile{Name: "desk", AccountSID: cl.AccountSID(), AuthMode: keyring.AuthToken}
	if err := keyring.SaveConfig(dir, keyring.Config{Default: "desk", Profiles: []keyring.Profile{p}}); err != nil {
		t.Fatal(err)
	}
	c := viewtest.Common(cl)
	c.Profile, c.ConfigDir = "desk", dir
	s := newShell(t, c, 100, 30)
	s.model().list.Select(second.SID)
	s.Key("enter")
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := cfg.Profile("desk"); got.DefaultServiceSID != second.SID || s.Current.SID != second.SID {
		t.Fatalf("default_service_sid %q, current %s; want %s", got.DefaultServiceSID, s.Current.SID, second.SID)
	}
	if f := s.LastFlash(); !strings.Contains(f, "profile desk's default") {
		t.Errorf("flash %q does not say the profile keeps it", f)
	}

	noProfile := newShell(t, viewtest.Common(cl), 100, 30)
	noProfile.model().list.Select(second.SID)
	noProfile.Key("enter")
	if noProfile.Current.SID != second.SID {
		t.Fatalf("without a profile: current %s", noProfile.Current.SID)
	}
}
