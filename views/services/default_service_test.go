package services

import (
	"context"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// deskShell is the view on a sandbox with a second service, for a saved
// profile "desk" whose config is in dir.
func deskShell(t *testing.T) (cl *twilioapi.Client, second twilioapi.Service, dir string, s *shell) {
	t.Helper()
	cl = startSandbox(t, false)
	name := "Second App"
	second, err := cl.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name})
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	p := keyring.Profile{Name: "desk", AccountSID: cl.AccountSID(), AuthMode: keyring.AuthToken}
	if err := keyring.SaveConfig(dir, keyring.Config{Default: "desk", Profiles: []keyring.Profile{p}}); err != nil {
		t.Fatal(err)
	}
	c := viewtest.Common(cl)
	c.Profile, c.ConfigDir = "desk", dir
	return cl, second, dir, newShell(t, c, 100, 30)
}

// TestUseServiceKeepsTheProfileDefault: enter on a service makes it the
// profile's default service in config.toml, so the next console opens it
// (and commands use it without --service); before, nothing in the console
// or the commands could set it, and an account with many services opened
// on the first one every time. A program without a profile keeps the
// choice for itself and writes nothing.
func TestUseServiceKeepsTheProfileDefault(t *testing.T) {
	cl, second, dir, s := deskShell(t)
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

// TestQuickChoicesKeepTheLastAsDefault: two services chosen one after the
// other, the first save still running when the second starts, used to
// save in two calls at once, and the one that finished last won whatever
// the order of the choices: the profile could keep the first service
// while the console said the second was its default. The last choice is
// what the profile keeps, however the saves' answers come back.
func TestQuickChoicesKeepTheLastAsDefault(t *testing.T) {
	_, second, dir, s := deskShell(t)
	first, ok := s.model().list.Selected()
	if !ok || first.SID == second.SID {
		t.Fatalf("want another service selected first, got %v", first.SID)
	}
	m, chooseFirst := s.M.useService(first)
	m, chooseSecond := m.useService(second)
	s.M = m
	// The second choice's calls finish before the first's.
	for _, msg := range viewtest.Run(t, chooseSecond) {
		s.Send(msg)
	}
	for _, msg := range viewtest.Run(t, chooseFirst) {
		s.Send(msg)
	}
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := cfg.Profile("desk"); got.DefaultServiceSID != second.SID {
		t.Fatalf("default_service_sid %q after choosing %s then %s: the last choice was not kept", got.DefaultServiceSID, first.SID, second.SID)
	}
	if f := s.LastFlash(); !strings.Contains(f, second.FriendlyName) {
		t.Errorf("last flash %q does not name the service kept", f)
	}
}
