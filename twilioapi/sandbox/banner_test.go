package sandbox

import (
	"bytes"
	"strings"
	"testing"
)

// A token read from a file or the environment is never printed: the
// banner names its source, and its examples read it from there.
func TestBannerHidesTokenFromFileOrEnvironment(t *testing.T) {
	sb, err := New(Options{AuthToken: "secretToken99", Clock: NewManualClock(t0).Now, ManualClock: true})
	if err != nil {
		t.Fatal(err)
	}
	for src, want := range map[string][]string{
		"file /run/tok": {"from file /run/tok (not shown)", `"$(cat '/run/tok')"`, `NewCredentials("` + sb.AccountSID() + `", authToken)`,
			"  TWILIO_ACCOUNT_SID=" + sb.AccountSID() + ` TWILIO_AUTH_TOKEN="$(cat '/run/tok')" twilio-verify login --from-env --sandbox-url http://127.0.0.1:1 --profile sandbox` + "\n"},
		"$TWILIO_AUTH_TOKEN": {"from $TWILIO_AUTH_TOKEN (not shown)", `-u ` + sb.AccountSID() + `:"$TWILIO_AUTH_TOKEN"`,
			"  TWILIO_ACCOUNT_SID=" + sb.AccountSID() + " twilio-verify login --from-env --sandbox-url http://127.0.0.1:1 --profile sandbox\n"},
		"": {"Auth token   secretToken99", `"secretToken99"`,
			"  TWILIO_ACCOUNT_SID=" + sb.AccountSID() + " TWILIO_AUTH_TOKEN=secretToken99 twilio-verify login --from-env --sandbox-url http://127.0.0.1:1 --profile sandbox\n",
			"  twilio-verify --profile sandbox\n"},
	} {
		var out bytes.Buffer
		printBanner(&out, "http://127.0.0.1:1", sb, ServeOptions{Options: Options{ManualClock: true}, AuthTokenSource: src})
		if src != "" && strings.Contains(out.String(), "secretToken99") {
			t.Fatalf("%s: token printed:\n%s", src, out.String())
		}
		for _, w := range append(want, "manual: 2026-11-26T12:00:00Z", "/sandbox/v1/Clock", "+14155550106") {
			if !strings.Contains(out.String(), w) {
				t.Fatalf("%q: banner lacks %q:\n%s", src, w, out.String())
			}
		}
	}
}
