package guard

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// riskChanges are the RiskCheckChangedMsg the view sent.
func riskChanges(s *shell) []string {
	var out []string
	for _, m := range s.Other {
		if rc, ok := m.(common.RiskCheckChangedMsg); ok {
			out = append(out, rc.RiskCheck)
		}
	}
	return out
}

func TestRiskCheckIsBroadcastAndSavedInTheProfile(t *testing.T) {
	s, dir := newProfileShell(t)
	s.open(secRiskCheck)
	s.WantScreen("(•) service default", "saves it in profile demo")
	s.Key("down")
	s.Key("down")
	s.Key("enter")
	if got := riskChanges(s); len(got) != 1 || got[0] != "disable" {
		t.Fatalf("RiskCheckChangedMsg: %v", got)
	}
	s.WantScreen("(•) disable", "RiskCheck is disabled", "bypass Fraud Guard", "Saved in profile demo")
	got, err := keyring.LoadConfig(dir)
	if err != nil || got.Profiles[0].DefaultRiskCheck != "disable" {
		t.Fatalf("profile: %+v, %v", got.Profiles, err)
	}

	// Back to the service default: the warning goes, the profile follows.
	s.Key("home")
	s.Key("space")
	if got := riskChanges(s); len(got) != 2 || got[1] != "" {
		t.Fatalf("RiskCheckChangedMsg: %v", got)
	}
	if strings.Contains(s.Screen(), "RiskCheck is disabled") {
		t.Fatal("the warning stayed")
	}
	if got, _ := keyring.LoadConfig(dir); got.Profiles[0].DefaultRiskCheck != "" {
		t.Fatalf("profile: %+v", got.Profiles)
	}
}

func TestRiskCheckWithoutProfileIsPerProgram(t *testing.T) {
	s := newShell(t, func(c *common.Common) { c.DefaultRiskCheck = "enable" })
	s.open(secRiskCheck)
	s.WantScreen("(•) enable", "this program only")
	s.Key("down") // the cursor starts on the current choice
	s.Key("enter")
	if got := riskChanges(s); len(got) != 1 || got[0] != "disable" {
		t.Fatalf("RiskCheckChangedMsg: %v", got)
	}
	s.WantScreen("RiskCheck is disabled", "Kept for this program only: sandbox has no saved profile")
}

func TestNumberRiskFromInspectNumberMsg(t *testing.T) {
	s := newShell(t)
	s.Send(common.InspectNumberMsg{Number: "(415) 555-0102"})
	if s.M.sec != secNumberRisk || !s.M.inPane {
		t.Fatalf("section %d, in pane %v", s.M.sec, s.M.inPane)
	}
	s.WantScreen("+14155550102", "High risk", "95 / 100 (high)", "Carrier risk  high", "yes: Twilio blocks SMS to it",
		"Line type     mobile", "Sandbox Wireless (MCC 310, MNC 260)", "US · United States")

	// a puts it on the Safe List from here.
	s.Key("a")
	if _, err := s.cl.FetchSafeListEntry(context.Background(), sandbox.NumberFraud); err != nil {
		t.Fatalf("not on the Safe List: %v", err)
	}

	// Typing another number looks it up.
	s.Key("enter")
	s.typeField("+14155550101")
	s.Key("enter")
	s.WantScreen("+14155550101", "landline", "Sandbox Telephone Co.")

	// A bad number is refused inline.
	s.Key("enter")
	s.typeField("+1")
	s.Key("enter")
	if !s.M.formOpen || s.M.form.form.Field(fNumber).Err == "" {
		t.Fatal("a bad number was not refused in place")
	}
}

func TestRateLimitsCreateEditDelete(t *testing.T) {
	s := newShell(t)
	s.open(secRateLimits)
	s.WantScreen("has no rate limits", "60210")

	// New rate limit: a name with a space is refused inline.
	s.Key("n")
	s.Type("end user")
	s.Key("ctrl+s")
	if s.M.form.form.Field(fUniqueName).Err == "" {
		t.Fatal("a name with a space was accepted")
	}
	s.typeField("end_user_ip_address")
	s.Key("tab")
	s.Type("Per client IP")
	s.Key("ctrl+s")
	if s.M.formOpen {
		t.Fatalf("create failed: %q", s.M.form.form.Err)
	}
	s.WantScreen("end_user_ip_address — Per client IP (no buckets")

	// Its first bucket, then a second one with the same interval (60211
	// goes on the interval field).
	s.Key("b")
	s.Type("10")
	s.Key("tab")
	s.Type("60")
	s.Key("ctrl+s")
	s.WantScreen("↳ at most 10 per 1 min per value")
	s.Key("up")
	s.Key("b")
	s.Type("3")
	s.Key("tab")
	s.Type("60")
	s.Key("ctrl+s")
	if !s.M.formOpen || !strings.Contains(s.M.form.form.Field(fInterval).Err, "60211") {
		t.Fatalf("60211 not on the interval: %+v", s.M.form.form.Field(fInterval))
	}
	s.Key("esc")

	// Edit the bucket.
	s.Key("down")
	s.Key("e")
	s.typeField("20")
	s.Key("ctrl+s")
	s.WantScreen("↳ at most 20 per 1 min per value")
	lp, _ := s.cl.ListRateLimitsPage(context.Background(), s.svc.SID, 20, "")
	bp, _ := s.cl.ListBucketsPage(context.Background(), s.svc.SID, lp.RateLimits[0].SID, 20, "")
	if len(bp.Buckets) != 1 || bp.Buckets[0].Max != 20 || bp.Buckets[0].Interval != 60 {
		t.Fatalf("buckets at the sandbox: %+v", bp.Buckets)
	}

	// Delete the rate limit (confirmed) and its bucket with it.
	s.Key("up")
	s.Key("d")
	if s.Confirm == nil || !strings.Contains(s.Confirm.Body, "1 bucket") {
		t.Fatalf("confirm: %+v", s.Confirm)
	}
	s.ConfirmYes()
	s.WantScreen("deleted rate limit end_user_ip_address", "has no rate limits")
}

func TestBlockedSendsListsFraudGuardBlocksAndSafeListsThem(t *testing.T) {
	s := newShell(t)
	if err := s.start(sandbox.NumberFraud); twilioapi.ErrorCode(err) != 60410 {
		t.Fatalf("start to the fraud number: %v", err)
	}
	if err := s.start(sandbox.NumberGeoBlocked); twilioapi.ErrorCode(err) != 60605 {
		t.Fatalf("start to the geo-blocked number: %v", err)
	}
	if err := s.start(sandbox.NumberMobile); err != nil {
		t.Fatal(err)
	}
	s.open(secBlocked)
	s.WantScreen("+1415•••0102", "Fraud Guard 60410", "+1415•••0105", "Geo Permissions 60605", "2 blocked among all 3 attempts")
	if strings.Contains(s.Screen(), sandbox.NumberFraud) {
		t.Fatal("a blocked number is shown unmasked")
	}
	// The newest first: the geo-blocked one. Move to the Fraud Guard one.
	for i := 0; i < 2 && !strings.Contains(s.M.blocked.attempts[s.M.cursors[secBlocked]].To, "0102"); i++ {
		s.Key("down")
	}
	s.Key("a")
	if err := s.start(sandbox.NumberFraud); err != nil {
		t.Fatalf("the Safe List did not let the send through: %v", err)
	}
	// enter inspects the number's risk.
	s.Key("enter")
	if s.M.sec != secNumberRisk || s.M.number.number != sandbox.NumberFraud {
		t.Fatalf("inspect: section %d, number %q", s.M.sec, s.M.number.number)
	}
}

func TestConsoleSettingsSandboxSimulation(t *testing.T) {
	s := newShell(t)
	s.open(secConsole)
	s.WantScreen("Console → Verify → Services → Sandbox Demo → SMS → Fraud Guard", "Console → Verify → Settings → Geo permissions",
		"Sandbox only", "Level: basic", "Blocked countries: none")
	s.Key("c")
	if !hasClipboard(s.Out, "Console → Verify → Services → Sandbox Demo → SMS → Fraud Guard") {
		t.Fatalf("c did not copy the Fraud Guard path: %v", s.Out)
	}

	// Level off and Great Britain blocked: the sandbox follows.
	s.Key("down")
	s.Key("down")
	s.Key("e")
	if !s.M.formOpen {
		t.Fatal("e did not open the simulation form")
	}
	// The focused Level is a choice, not text: the form still takes tab
	// and q, or the shell would switch views or quit.
	if !s.M.Capturing() {
		t.Fatal("the form on its Level choice lets the shell take tab and q")
	}
	s.Key("left") // basic → off
	s.Key("tab")
	s.Type("gb, zz9")
	s.Key("ctrl+s")
	if s.M.form.form.Field(fCountries).Err == "" {
		t.Fatal("a bad country code was accepted")
	}
	s.typeField("gb")
	s.Key("ctrl+s")
	if s.M.formOpen {
		t.Fatalf("save failed: %q", s.M.form.form.Err)
	}
	g, err := s.cl.SandboxGuard(context.Background(), s.svc.SID)
	if err != nil || g.Level != twilioapi.GuardOff || len(g.BlockedCountries) != 1 || g.BlockedCountries[0] != "GB" {
		t.Fatalf("sandbox settings: %+v, %v", g, err)
	}
	s.WantScreen("Level: off", "Blocks nothing", "Blocked countries: GB")
	if err := s.start(sandbox.NumberFraud); err != nil {
		t.Fatalf("level off still blocks: %v", err)
	}
	if err := s.start("+442071838750"); twilioapi.ErrorCode(err) != 60605 {
		t.Fatalf("GB not blocked: %v", err)
	}
}

func TestConsoleSettingsLiveHasNoSimulation(t *testing.T) {
	s := newShell(t, func(c *common.Common) { c.Sandbox = false })
	s.open(secConsole)
	s.WantScreen("Set in the Twilio Console only", "Geo permissions")
	if strings.Contains(s.Screen(), "Sandbox only") || s.M.rowCount(secConsole) != 2 {
		t.Fatal("a live console shows the sandbox simulation")
	}
	s.Key("down")
	s.Key("c")
	if !hasClipboard(s.Out, geoPath()) {
		t.Fatal("c did not copy the Geo Permissions path")
	}
}

// hasClipboard reports whether msgs hold a clipboard write of text
// (tea's clipboard message is unexported; it prints as its text).
func hasClipboard(msgs []tea.Msg, text string) bool {
	for _, m := range msgs {
		if fmt.Sprint(m) == text {
			return true
		}
	}
	return false
}

// TestBlockedSendsSaysRateLimitRefusalsAreNotAttempts: a start a Service
// Rate Limit refuses (20429) leaves no attempt, so the panel, which reads
// the attempts, must not promise to list it; it points at the Rate
// limits panel instead.
func TestBlockedSendsSaysRateLimitRefusalsAreNotAttempts(t *testing.T) {
	s := newShell(t)
	ctx := context.Background()
	rl, err := s.cl.CreateRateLimit(ctx, s.svc.SID, "end_user_ip_address", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.cl.CreateBucket(ctx, s.svc.SID, rl.SID, 1, 60); err != nil {
		t.Fatal(err)
	}
	start := func() error {
		_, err := s.cl.StartVerification(ctx, twilioapi.StartParams{ServiceSID: s.svc.SID, To: sandbox.NumberMobile,
			Channel: twilioapi.ChannelSMS, RateLimits: map[string]any{"end_user_ip_address": "1.2.3.4"}})
		return err
	}
	if err := start(); err != nil {
		t.Fatal(err)
	}
	if err := start(); twilioapi.ErrorCode(err) != 20429 {
		t.Fatalf("second start within the bucket: %v", err)
	}
	s.open(secBlocked)
	s.WantScreen("Nothing blocked among all 1 attempts")
	flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ").Replace(s.Screen())), " ")
	if strings.Contains(flat, "or a rate limit (20429) refused") || !strings.Contains(flat, "Rate limits panel") {
		t.Fatalf("the panel promises rate-limit refusals it cannot list:\n%s", s.Screen())
	}
}

// TestQuickRiskCheckChoicesKeepTheLast: a choice made while the previous
// one is being saved is saved after it, so the profile keeps the last
// choice whichever save would have finished first.
func TestQuickRiskCheckChoicesKeepTheLast(t *testing.T) {
	s, dir := newProfileShell(t)
	var first, second tea.Cmd
	s.M, first = s.M.setRiskCheck("disable")
	s.M, second = s.M.setRiskCheck("enable")
	s.Loop(second) // had it saved on its own, it would finish first…
	s.Loop(first)  // …and this older choice would be written last
	got, err := keyring.LoadConfig(dir)
	if err != nil || got.Profiles[0].DefaultRiskCheck != "enable" {
		t.Fatalf("profile keeps %q (%v), want the last choice, enable", got.Profiles[0].DefaultRiskCheck, err)
	}
	if s.M.riskCheck.value != "enable" || !strings.Contains(s.M.riskCheck.note, "Saved in profile demo") {
		t.Errorf("panel: %q, %q", s.M.riskCheck.value, s.M.riskCheck.note)
	}
}

// newProfileShell is a Guard shell on a saved profile "demo" in dir.
func newProfileShell(t *testing.T) (*shell, string) {
	t.Helper()
	dir := t.TempDir()
	cfg := keyring.Config{Profiles: []keyring.Profile{{Name: "demo", AccountSID: "AC" + strings.Repeat("0", 32), AuthMode: keyring.AuthToken}}}
	if err := keyring.SaveConfig(dir, cfg); err != nil {
		t.Fatal(err)
	}
	return newShell(t, func(c *common.Common) { c.ConfigDir, c.Profile = dir, "demo" }), dir
}
