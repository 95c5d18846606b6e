package totp_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

var (
	liveCode     = regexp.MustCompile(`Code now\s+(\d{6})`)
	secretOnScr  = regexp.MustCompile(`Secret\s+((?:[A-Z2-7]{4} ?){8})`)
	factorOnScr  = regexp.MustCompile(`Factor\s+(YF[0-9a-f]{32})`)
	approvedOnSc = regexp.MustCompile(`YC[0-9a-f]{32}\s+\S+\s+approved at`)
)

// secretService reports whether a Secret Service answers on the session
// bus (CI: gnome-keyring inside dbus-run-session), as keyring's
// integration test detects it.
func secretService() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return false
	}
	_, err := keyring.SystemTOTPKeeper(5 * time.Second).Get(fmt.Sprintf("YF%032x", time.Now().UnixNano()))
	return errors.Is(err, keyring.ErrNotFound)
}

// TestEndToEndTOTPInTmux drives the real binary on its sandbox: enrol a
// factor (keep secret on when a Secret Service is there), read the code
// (the live code, or one computed from the secret on screen), verify the
// factor, create a challenge with the next code: approved. The secret is
// in no log line and, with keep secret off, in no file.
func TestEndToEndTOTPInTmux(t *testing.T) {
	tmuxtest.SkipShort(t)
	keep := secretService()
	if !keep {
		if os.Getenv(tmuxtest.RequireEnv) == "1" {
			t.Fatal("no Secret Service on the session bus (TWILIO_VERIFY_REQUIRE_INTEGRATION=1): run inside dbus-run-session with gnome-keyring")
		}
		t.Log("no Secret Service: the keep-secret part is skipped")
	}
	home := t.TempDir()
	logPath := filepath.Join(home, "debug.log")
	// The audit trail stays in home, where the search for the secret
	// below looks.
	s := tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox", "--log", logPath}, Width: 130, Height: 50,
		Env: []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
			"TWILIO_VERIFY_STATE_DIR=" + filepath.Join(home, ".local", "state", "twilio-verify")}})
	const wait = 15 * time.Second
	s.WaitFor("Sandbox Demo", wait)
	s.SendKeys("3")
	s.WaitFor("No entities yet", wait)
	s.SendKeys("n")
	s.WaitFor("New TOTP factor", wait)
	s.Type("e2e-user-0001-abcd")
	s.SendKeys("Tab")
	s.Type("E2E phone")
	if keep {
		s.SendKeys("Tab")
		s.SendKeys("Space")
		s.WaitFor("[x] on", wait)
	}
	s.SendKeys("C-s")
	screen := s.WaitFor("Verify returns this secret only once", wait)
	if !strings.Contains(screen, "▄") && !strings.Contains(screen, "▀") {
		t.Fatalf("no QR code on screen:\n%s", screen)
	}
	sid := factorOnScr.FindStringSubmatch(screen)[1]
	secret := strings.ReplaceAll(secretOnScr.FindStringSubmatch(screen)[1], " ", "")
	code := func() string {
		c, err := twilioapi.TOTPCode(secret, time.Now(), "sha1", 6, 30)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var first string
	if keep {
		screen = s.WaitUntil(func(sc string) bool { return strings.Contains(sc, "[x] kept") && liveCode.MatchString(sc) }, wait, "the live code")
		first = liveCode.FindStringSubmatch(screen)[1]
		k, err := keyring.SystemTOTPKeeper(5 * time.Second).Get(sid)
		if err != nil || k.Secret != secret {
			t.Fatalf("the keyring does not keep the factor's secret: %v", err)
		}
		t.Cleanup(func() { _ = keyring.SystemTOTPKeeper(5 * time.Second).Forget(sid) })
	} else {
		first = code()
	}
	s.SendKeys("v")
	s.WaitFor("type the code the authenticator app shows", wait)
	s.Type(first)
	s.SendKeys("Enter")
	s.WaitFor("verified", wait)
	s.WaitFor("h challenge", wait)

	// The next code: the live one once it changed, or the next step's.
	var next string
	if keep {
		screen = s.WaitUntil(func(sc string) bool {
			m := liveCode.FindStringSubmatch(sc)
			return m != nil && m[1] != first
		}, 35*time.Second, "the next live code")
		next = liveCode.FindStringSubmatch(screen)[1]
	} else {
		c, err := twilioapi.TOTPCode(secret, time.Now().Add(30*time.Second), "sha1", 6, 30)
		if err != nil {
			t.Fatal(err)
		}
		next = c
	}
	s.SendKeys("h")
	s.WaitFor("Create a challenge", wait)
	s.Type(next)
	s.SendKeys("Enter")
	s.WaitUntil(approvedOnSc.MatchString, wait, "an approved challenge")

	s.SendKeys("q")
	s.WaitExit(wait)
	logText, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logText), "create challenge") {
		t.Fatalf("no audit line in the log:\n%s", logText)
	}
	if strings.Contains(string(logText), secret) {
		t.Fatal("the secret is in the log")
	}
	// The audit trail (under HOME) records the factor, never its secret.
	trail := false
	filepath.Walk(filepath.Join(home, ".local", "state"), func(p string, info os.FileInfo, err error) error {
		if b, rerr := os.ReadFile(p); err == nil && rerr == nil && !info.IsDir() {
			trail = trail || strings.Contains(string(b), sid)
			if strings.Contains(string(b), secret) {
				t.Errorf("the secret is in the audit trail %s", p)
			}
		}
		return nil
	})
	if !trail {
		t.Error("no audit record names the factor")
	}
	if !keep {
		filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				if b, _ := os.ReadFile(p); strings.Contains(string(b), secret) {
					t.Errorf("the secret is in %s", p)
				}
			}
			return nil
		})
	}
}
