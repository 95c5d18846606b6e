package keyring

import (
	"context"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// refusedHint lists services with creds' client configuration against
// a sandbox that refuses them, and returns the refusal's hint.
func refusedHint(t *testing.T, creds Credentials) string {
	t.Helper()
	cfg := creds.APIConfig()
	cl := apitest.Client(t, cfg)
	_, err := cl.ListServicesPage(context.Background(), 1, "")
	e := twilioapi.AsError(err)
	if e == nil || !e.IsAuthFailure() {
		t.Fatalf("want a 20003 refusal, got %v", err)
	}
	return e.Hint
}

// TestRefusedCredentialsSayWhereTheyCameFrom: when Twilio refuses the
// credentials (a rotated token), the hint names where they came from and
// how to replace them: the profile's login command, or the TWILIO_*
// variables that silently came before the default profile.
func TestRefusedCredentialsSayWhereTheyCameFrom(t *testing.T) {
	sb, srv := apitest.Serve(t, sandbox.Options{})
	dir := setupProfiles(t)
	p := Profile{Name: "desk", AccountSID: sb.AccountSID(), AuthMode: AuthToken, BaseURL: srv.URL()}
	if _, err := SaveProfile(dir, SystemSecrets(0), p, "rotatedtoken0", false); err != nil {
		t.Fatal(err)
	}
	creds, err := Resolve(dir, SystemSecrets(0), "desk", mapEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := "`twilio-verify login --profile desk --sandbox-url " + srv.URL() + "`"
	if h := refusedHint(t, creds); !strings.Contains(h, want) {
		t.Errorf("profile: hint %q lacks %s", h, want)
	}

	env, ok, err := FromEnv(mapEnv(map[string]string{"TWILIO_ACCOUNT_SID": sb.AccountSID(), "TWILIO_AUTH_TOKEN": "staleenvtoken"}))
	if !ok || err != nil {
		t.Fatalf("FromEnv: %v %v", ok, err)
	}
	env.BaseURL = srv.URL()
	if h := refusedHint(t, env); !strings.Contains(h, "TWILIO_AUTH_TOKEN in the environment") {
		t.Errorf("environment: hint %q does not name the variables", h)
	}
}
