package cli

import (
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/internal/audit"
)

// TestServicesUpdateWithoutSettings: `services update VA…` with no setting
// flag sent an empty update, which Twilio answers by touching date_updated,
// and wrote a service.update to the audit trail for a change nobody made.
// It is a usage error (exit 2) before any request.
func TestServicesUpdateWithoutSettings(t *testing.T) {
	_, url, state := scriptEnv(t)
	va := strings.TrimSpace(cli(t, url, 0, "services", "create", "--name", "Quiet", "--quiet").stdout)
	r := cli(t, url, 2, "services", "update", va)
	if !strings.Contains(r.stderr, "nothing to change") {
		t.Errorf("stderr: %q", r.stderr)
	}
	recs, _, err := audit.Read(state, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		if rec.Action == "service.update" {
			t.Errorf("an update with no settings was recorded: %+v", rec)
		}
	}
	cli(t, url, 0, "services", "update", va, "--name", "Loud", "--quiet")
}
