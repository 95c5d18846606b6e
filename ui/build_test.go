package ui

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// buildT builds from o and releases it with the test.
func buildT(t *testing.T, o BuildOptions) built {
	t.Helper()
	b, err := build(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.cleanup)
	return b
}

// serviceNames lists the services c sees.
func serviceNames(t *testing.T, c *twilioapi.Client) []string {
	t.Helper()
	page, err := c.ListServicesPage(context.Background(), 50, "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range page.Services {
		names = append(names, s.FriendlyName)
	}
	return names
}

// Two sandbox builds (two SSH sessions) share no pointer, and each talks
// to its own sandbox: a service created in one is not in the other.
func TestBuildTwoSandboxProgramsShareNothing(t *testing.T) {
	alice := common.Operator{User: "alice", KeyFingerprint: "SHA256:a", Remote: true}
	bob := common.Operator{User: "bob", KeyFingerprint: "SHA256:b", Remote: true}
	keys := map[string][]string{"quit": {"ctrl+q"}}
	a := buildT(t, BuildOptions{Sandbox: true, Operator: alice, Keys: keys, Width: 100, Height: 30, Environ: []string{"TERM=xterm"}})
	b := buildT(t, BuildOptions{Sandbox: true, Operator: bob, Keys: keys, Width: 80, Height: 24, Environ: []string{"TERM=xterm"}})

	ca, cb := a.common, b.common
	switch {
	case ca == cb, ca.Keys == cb.Keys, ca.Styles == cb.Styles, ca.Client == cb.Client, a.program == b.program:
		t.Fatal("two builds share a Common, keymap, styles, client or program")
	case ca.Ctx == cb.Ctx:
		t.Fatal("two builds share a context")
	}
	if ca.Operator != alice || cb.Operator != bob {
		t.Errorf("operators %+v %+v", ca.Operator, cb.Operator)
	}
	if ca.Width != 100 || cb.Width != 80 {
		t.Errorf("sizes %d %d", ca.Width, cb.Width)
	}
	if !ca.Sandbox || a.sandboxURL == "" || a.sandboxURL == b.sandboxURL || ca.Client.BaseURL() != a.sandboxURL {
		t.Fatalf("sandboxes %q %q, client at %q", a.sandboxURL, b.sandboxURL, ca.Client.BaseURL())
	}
	// The embedded sandbox is no profile's: plain SANDBOX badge, US numbers.
	if ca.SandboxURL != "" || ca.SandboxBadge() != "SANDBOX" || ca.DefaultRegion != "US" {
		t.Errorf("embedded sandbox: SandboxURL %q, badge %q, region %q", ca.SandboxURL, ca.SandboxBadge(), ca.DefaultRegion)
	}
	if got := ca.Keys.Quit.Keys(); len(got) != 1 || got[0] != "ctrl+q" {
		t.Errorf("[keys] not applied: quit = %v", got)
	}

	name := "Only in A"
	if _, err := ca.Client.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(serviceNames(t, ca.Client), ","); got != "Sandbox Demo,Only in A" {
		t.Errorf("A sees %q", got)
	}
	if got := strings.Join(serviceNames(t, cb.Client), ","); got != "Sandbox Demo" {
		t.Errorf("B sees %q", got)
	}

	// Cleanup stops A's sandbox and ends A's context, not B's.
	a.cleanup()
	if ca.Ctx.Err() == nil || cb.Ctx.Err() != nil {
		t.Error("cleanup did not end A's context alone")
	}
	if _, err := ca.Client.ListServicesPage(context.Background(), 1, ""); err == nil {
		t.Error("A's sandbox still answers after cleanup")
	}
	serviceNames(t, cb.Client)
}

// A read-only console gets a read-only client: the refusal comes from
// twilioapi, below every screen.
func TestBuildReadOnlySandbox(t *testing.T) {
	b := buildT(t, BuildOptions{Sandbox: true, ReadOnly: true, SandboxOptions: sandbox.Options{Empty: true}})
	c := b.common
	if !c.ReadOnly || !c.Client.ReadOnly() {
		t.Fatalf("ReadOnly: common %v, client %v", c.ReadOnly, c.Client.ReadOnly())
	}
	name := "Nope"
	if _, err := c.Client.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name}); !twilioapi.IsReadOnly(err) {
		t.Fatalf("CreateService on a read-only build: %v", err)
	}
	if names := serviceNames(t, c.Client); len(names) != 0 {
		t.Errorf("SandboxOptions.Empty not applied: %v", names)
	}
}

// Resolved credentials: the client goes where they belong (a sandbox
// profile's BaseURL), and the profile's defaults and read-only flag apply.
func TestBuildFromCredentials(t *testing.T) {
	sb, srv := apitest.Serve(t, sandbox.Options{})
	creds := keyring.Credentials{Source: keyring.SourceFlag, AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL(),
		Profile: keyring.Profile{Name: "local", ReadOnly: true, DefaultCountry: "GB", DefaultRiskCheck: "disable",
			DefaultServiceSID: "VA" + strings.Repeat("0", 32)}}
	b := buildT(t, BuildOptions{Creds: creds, Operator: common.Operator{User: "carol"}, Logger: slog.New(slog.DiscardHandler)})
	c := b.common
	if b.sandboxURL != "" {
		t.Errorf("started an embedded sandbox (%s) although credentials were given", b.sandboxURL)
	}
	if c.Client.BaseURL() != srv.URL() || !c.Sandbox || c.SandboxURL != srv.URL() || c.Profile != "local" || c.DefaultRegion != "GB" ||
		c.DefaultRiskCheck != "disable" || c.DefaultServiceSID != creds.Profile.DefaultServiceSID {
		t.Errorf("common %+v", c)
	}
	if want := "SANDBOX local " + strings.TrimPrefix(srv.URL(), "http://"); c.SandboxBadge() != want {
		t.Errorf("badge %q, want %q", c.SandboxBadge(), want)
	}
	if !c.ReadOnly || !c.Client.ReadOnly() {
		t.Errorf("read-only profile: common %v, client %v", c.ReadOnly, c.Client.ReadOnly())
	}
	if got := strings.Join(serviceNames(t, c.Client), ","); got != "Sandbox Demo" {
		t.Errorf("services %q", got)
	}

	creds.Profile.ReadOnly = false
	if b := buildT(t, BuildOptions{Creds: creds}); b.common.ReadOnly || b.common.Client.ReadOnly() {
		t.Error("a writable profile built a read-only client")
	}
}

// TestBuildFollowsTheServerClock: a console on a server whose clock is
// elsewhere (a sandbox moved on an hour) counts in the server's time once
// it has heard from it.
func TestBuildFollowsTheServerClock(t *testing.T) {
	clock := sandbox.NewManualClock(time.Now().Add(time.Hour))
	sb, srv := apitest.Serve(t, sandbox.Options{Clock: clock.Now})
	creds := keyring.Credentials{Source: keyring.SourceFlag, AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()}
	b := buildT(t, BuildOptions{Creds: creds, Logger: slog.New(slog.DiscardHandler)})
	serviceNames(t, b.common.Client)
	if d := b.common.Now().Sub(clock.Now()); d < -2*time.Second || d > 2*time.Second {
		t.Fatalf("the console's now is %s off the server's", d)
	}
}

// NO_COLOR in the program's environment (an SSH session's) makes the theme
// plain; without it the shell's starting theme stays.
func TestBuildNoColor(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want bool
	}{
		{[]string{"NO_COLOR=1"}, true},
		{[]string{"NO_COLOR="}, false},
		{[]string{"TERM=xterm"}, false},
	} {
		if got := noColor(c.env); got != c.want {
			t.Errorf("noColor(%q) = %v", c.env, got)
		}
	}
	t.Setenv("NO_COLOR", "1")
	if !noColor(nil) {
		t.Error("noColor(nil) ignores the process's NO_COLOR")
	}
}

// A build with an audit log records the program's actions as its
// operator's, through its sandbox or profile.
func TestBuildAudits(t *testing.T) {
	dir := t.TempDir()
	log := audit.Open(audit.Options{Dir: dir})
	defer log.Close()
	op := common.Operator{User: "carol", KeyFingerprint: "SHA256:abc", Remote: true}
	b := buildT(t, BuildOptions{Sandbox: true, Operator: op, Audit: log})
	name := "Audited"
	if _, err := b.common.Client.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name}); err != nil {
		t.Fatal(err)
	}
	recs, _, err := audit.Read(dir, audit.Filter{})
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	r := recs[0]
	if r.Operator != "carol" || r.KeyFingerprint != "SHA256:abc" || r.Sandbox != audit.InProcessSandbox ||
		r.Action != "service.create" || r.Outcome != "ok" || !strings.HasPrefix(r.ServiceSID, "VA") {
		t.Errorf("record %+v", r)
	}
}

// TestBuildOutboxFollowsDeliveries: on an embedded sandbox the shell's
// outbox line waits for deliveries instead of polling on a timer (an idle
// console makes no calls); the wait ends with the build.
func TestBuildOutboxFollowsDeliveries(t *testing.T) {
	b := buildT(t, BuildOptions{Sandbox: true})
	if b.outboxWait == nil {
		t.Fatal("an embedded sandbox build has no outbox wait")
	}
	c := b.common
	woke := make(chan bool, 1)
	go func() { woke <- b.outboxWait(context.Background()) }()
	page, err := c.Client.ListServicesPage(context.Background(), 1, "")
	if err != nil || len(page.Services) == 0 {
		t.Fatalf("no demo service: %v", err)
	}
	svc := page.Services[0].SID
	if _, err := c.Client.StartVerification(context.Background(), twilioapi.StartParams{ServiceSID: svc, To: "+14155550100", Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	if !<-woke {
		t.Fatal("a delivery did not wake the outbox wait")
	}
	go func() { woke <- b.outboxWait(context.Background()) }()
	b.cleanup()
	if <-woke {
		t.Fatal("the wait did not end with the build")
	}

	// The shell's next poll is that wait, not a timer.
	timers := 0
	c2 := &common.Common{Timer: func(time.Duration, tea.Msg) tea.Cmd { timers++; return nil }}
	m := Model{c: c2, outbox: outboxState{wait: func(context.Context) bool { return true }}}
	if msg := m.outboxPoll()(); msg != (outboxTickMsg{}) || timers != 0 {
		t.Fatalf("outboxPoll with a wait: %v, %d timers", msg, timers)
	}
}

// TestRemoteOperatorKeepsNoSecrets: a program served over SSH has no TOTP
// keeper (the server's keyring is not the visitor's); a local one has.
func TestRemoteOperatorKeepsNoSecrets(t *testing.T) {
	remote, err := NewCommon(CommonOptions{Operator: common.Operator{User: "alice", Remote: true}})
	if err != nil {
		t.Fatal(err)
	}
	local, err := NewCommon(CommonOptions{Operator: common.Operator{User: "bob"}})
	if err != nil {
		t.Fatal(err)
	}
	if remote.TOTPKeeper != nil || local.TOTPKeeper == nil {
		t.Fatalf("keepers: remote %v, local %v", remote.TOTPKeeper, local.TOTPKeeper)
	}
}
