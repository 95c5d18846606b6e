package services_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binary the end-to-end test builds.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }

// TestEndToEndWebhookDeliveryInTmux drives the real binary on a sandbox:
// a webhook pointing at a local receiver is created in the Webhooks
// panel, a TOTP factor is enrolled with `twilio-verify totp enroll`, and
// the delivery shows up in the delivery log panel (and at the receiver).
//
// The console reaches a sandbox it did not start only through a profile,
// whose secret lives in the OS keyring: the program runs inside
// dbus-run-session with a fresh, unlocked gnome-keyring.
func TestEndToEndWebhookDeliveryInTmux(t *testing.T) {
	tmuxtest.SkipShort(t)
	for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv(tmuxtest.RequireEnv) == "1" {
				t.Fatalf("%s is required (%s=1)", tool, tmuxtest.RequireEnv)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	var got atomic.Int32
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Twilio-Signature") != "" {
			got.Add(1)
		}
	}))
	defer rc.Close()
	sb, srv := apitest.Serve(t, sandbox.Options{AuthToken: "e2etoken7"})

	bin := tmuxtest.Build(t, tmuxtest.ConsolePackage)
	home := t.TempDir()
	script := `printf e2e | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null 2>&1
"$BIN" login --from-env --sandbox-url "$URL" --profile e2e >login.out 2>&1 || { cat login.out; exit 1; }
unset TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN
exec "$BIN" --profile e2e`
	s := tmuxtest.Start(t, tmuxtest.Options{
		Binary: "dbus-run-session", Args: []string{"--", "sh", "-c", script}, Width: 120, Height: 34,
		// XDG_DATA_HOME: a keyring of its own, created with the password
		// the script unlocks it with (CI's keyring has another).
		Env: []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "XDG_DATA_HOME=" + home, "TWILIO_VERIFY_CONFIG_DIR=" + home, "TWILIO_VERIFY_STATE_DIR=" + home,
			"BIN=" + bin, "URL=" + srv.URL(), "TWILIO_ACCOUNT_SID=" + sb.AccountSID(), "TWILIO_AUTH_TOKEN=" + sb.AuthToken(),
			"TWILIO_API_KEY=", "TWILIO_API_SECRET="},
	})
	const wait = 20 * time.Second
	s.WaitFor("Sandbox Demo", wait)

	// 1. A webhook for every event, pointing at the receiver.
	s.SendKeys("w")
	s.WaitFor("No webhooks", wait)
	s.SendKeys("n")
	s.WaitFor("New webhook", wait)
	s.Type("e2e receiver")
	s.SendKeys("Tab")
	s.Type(rc.URL + "/hook")
	s.SendKeys("Tab", "Tab", "Tab", "Space") // Enabled, Version, then tick "*"
	s.SendKeys("C-s")
	s.WaitUntil(func(sc string) bool {
		return strings.Contains(sc, "● e2e receiver") && strings.Contains(sc, "saved webhook")
	}, wait, "the new webhook in the list")

	// 2. Enroll a TOTP factor with the CLI (`totp enroll`, on the same
	// sandbox; no code on stdin, so it stays unverified).
	enroll := exec.Command(bin, "totp", "enroll", "--identity", "e2e-user-0001", "--sandbox-url", srv.URL(), "--json")
	enroll.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "TWILIO_VERIFY_CONFIG_DIR="+home,
		"TWILIO_VERIFY_STATE_DIR="+home, "TWILIO_ACCOUNT_SID="+sb.AccountSID(), "TWILIO_AUTH_TOKEN="+sb.AuthToken(),
		"TWILIO_API_KEY=", "TWILIO_API_SECRET=")
	out, err := enroll.Output()
	if !strings.Contains(string(out), `"factor_type": "totp"`) && !strings.Contains(string(out), `"factor_type":"totp"`) {
		t.Fatalf("totp enroll: %v\n%s", err, out)
	}

	// 3. The delivery in the log.
	s.SendKeys("Escape")
	s.WaitFor("enter use service", wait)
	s.SendKeys("L")
	s.WaitFor("Webhook deliveries", wait)
	var refreshed time.Time
	s.WaitUntil(func(sc string) bool {
		if strings.Contains(sc, "factor.created") && strings.Contains(sc, "200") {
			return true
		}
		// The log grows as deliveries end: refresh now and then (a
		// refresh supersedes the load in flight, so not on every look).
		if time.Since(refreshed) > 2*time.Second {
			s.SendKeys("r")
			refreshed = time.Now()
		}
		return false
	}, wait, "factor.created delivered (200) in the log")
	if got.Load() == 0 {
		t.Fatal("the receiver got no signed POST")
	}
}
