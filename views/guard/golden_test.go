package guard

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/twilio-verify/twilio-verify/internal/safelist"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// Fixed values for golden files (the sandbox's SIDs are random).
const (
	goldenAccount = "AC0123456789abcdef0123456789abcd00"
	goldenService = "VA0123456789abcdef0123456789abcd01"
)

// goldenModel is a hand-built view with every panel filled, at a fixed
// time, on a client that is never called: live (a profile with a config
// directory, no simulation) or the embedded sandbox.
func goldenModel(t testing.TB, live bool, w, h int) Model {
	t.Helper()
	cl, err := twilioapi.New(twilioapi.Config{AccountSID: goldenAccount, AuthToken: "0123456789abcdef0123456789abcdef", BaseURL: "http://127.0.0.1:9"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	c := viewtest.Common(cl, func(c *common.Common) {
		if live {
			c.Sandbox, c.Profile, c.ConfigDir = false, "prod", "/home/ana/.config/twilio-verify"
		}
	})
	c.Keys.Define(keyDefs()...)
	now := viewtest.FixedNow
	m := New(c).setSize(w, h)
	m.service = twilioapi.Service{SID: goldenService, FriendlyName: "Sandbox Demo"}
	m.safe = safeListState{loaded: true, entries: []safeEntry{
		{Entry: safelist.Entry{Number: "+14155550102", Added: now.Add(-2 * time.Hour)}, status: safeOnList},
		{Entry: safelist.Entry{Number: "+442071838750", Added: now.Add(-26 * time.Hour)}, status: safeNotOnList},
	}, note: "✓ +14155550102 is on the Safe List: Fraud Guard and Geo Permissions no longer block it."}
	m.number = numberState{number: "+14155550102", info: &twilioapi.PhoneInfo{
		PhoneNumber: "+14155550102", NationalFormat: "(415) 555-0102", CountryCode: "US", CallingCountryCode: "1", Valid: true,
		LineType:       twilioapi.CarrierInfo{Type: "mobile", Name: "Sandbox Wireless", MobileCountryCode: "310", MobileNetworkCode: "260"},
		SMSPumpingRisk: twilioapi.SMSPumpingRisk{Score: 95, CarrierRiskCategory: "high", NumberBlocked: true},
	}}
	rl := twilioapi.RateLimit{SID: "RK01", UniqueName: "end_user_ip_address", Description: "Per client IP"}
	m.limits = rateLimitsState{loaded: true, limits: []limitWithBuckets{
		{limit: rl, buckets: []twilioapi.Bucket{{SID: "BL01", Max: 10, Interval: 60}, {SID: "BL02", Max: 100, Interval: 86400}}},
		{limit: twilioapi.RateLimit{SID: "RK02", UniqueName: "end_user_id"}},
	}}
	m.blocked = blockedState{loaded: true, scanned: 42, attempts: []twilioapi.Attempt{
		{To: "+14155550102", Country: "US", ErrorCode: 60410, DateCreated: now.Add(-3 * time.Minute)},
		{To: "+14155550105", Country: "US", ErrorCode: 60605, DateCreated: now.Add(-9 * time.Minute)},
		{To: "+447700900123", Country: "GB", ErrorCode: 60605, DateCreated: now.Add(-time.Hour)},
	}}
	if !live {
		m.console.guard = &twilioapi.SandboxGuardSettings{ServiceSID: goldenService, Level: twilioapi.GuardStandard,
			BlockedCountries: []string{"CU", "KP"}, HighRiskPrefixes: []string{"+1900", "+4490", "+881"},
			BurstPrefixDigits: 8, BurstMaxStarts: 5, BurstWindow: 10 * time.Minute}
	}
	m.riskCheck = riskCheckState{value: "disable"}
	m.cursors[secRiskCheck] = 2
	return m
}

func TestGolden(t *testing.T) {
	for _, mode := range []string{"live", "sandbox"} {
		for s := section(0); s < numSections; s++ {
			for _, size := range [][2]int{{80, 24}, {160, 48}} {
				name := fmt.Sprintf("%s_%s_%dx%d", mode, s.fileName(), size[0], size[1])
				t.Run(name, func(t *testing.T) {
					m := goldenModel(t, mode == "live", size[0], size[1])
					m.sec, m.inPane = s, true
					m.keepInView()
					golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
				})
			}
		}
	}
}

// TestGoldenMinimumSize draws a long panel and a form at 60×16: both
// scroll, the cursor and the focused field stay visible.
func TestGoldenMinimumSize(t *testing.T) {
	t.Run("console_scrolled", func(t *testing.T) {
		m := goldenModel(t, false, 60, 16)
		m.sec, m.inPane = secConsole, true
		m.cursors[secConsole] = 3
		m.keepInView()
		golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
	})
	t.Run("bucket_form", func(t *testing.T) {
		m := goldenModel(t, false, 60, 16)
		m.sec = secRateLimits
		m.openForm(bucketForm(formBucketEdit, m.limits.limits[0].limit, m.limits.limits[0].buckets[0]))
		m.form.form.FocusKey(fInterval)
		golden.RequireEqual(t, []byte(ansi.Strip(m.View())))
	})
}

// fileName is the section's name in golden file names.
func (s section) fileName() string {
	return map[section]string{secSafeList: "safelist", secRiskCheck: "riskcheck", secNumberRisk: "numberrisk",
		secRateLimits: "ratelimits", secBlocked: "blocked", secConsole: "console"}[s]
}
