package totp

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// mainModel is the main screen with one entity, a verified TOTP factor
// whose (made-up) secret is kept, a push factor and two challenges, at a
// fixed time.
func mainModel(w, h int) Model {
	m := enrolModel(testURIs["typical"], w, h, common.PlainTheme())
	m.screen, m.enrol = screenMain, nil
	f, _ := m.factors.Selected()
	f.Status = twilioapi.FactorVerified
	m.replaceFactor(f)
	push := twilioapi.Factor{SID: "YF0123456789abcdef0123456789abcd04", Identity: alice, Type: twilioapi.FactorPush,
		Status: twilioapi.FactorVerified, FriendlyName: "Pixel 8", DateCreated: t0.Add(-time.Hour),
		Push: twilioapi.PushConfig{AppID: "com.example.app", NotificationPlatform: "fcm", SDKVersion: "1.0"}}
	m.factorCache[alice] = append(m.factorCache[alice], push)
	m.factors.Append(push)
	m.kept[f.SID] = keyring.KeptTOTP{Secret: goldenSecret, Algorithm: "sha1", Digits: 6, Period: 30}
	m.challenges[f.SID] = []twilioapi.Challenge{
		{SID: "YC0123456789abcdef0123456789abcd05", FactorSID: f.SID, Status: twilioapi.ChallengePending,
			DateCreated: t0.Add(-time.Minute), ExpirationDate: t0.Add(4 * time.Minute)},
		{SID: "YC0123456789abcdef0123456789abcd06", FactorSID: f.SID, Status: twilioapi.ChallengeApproved,
			DateCreated: t0.Add(-10 * time.Minute), DateResponded: t0.Add(-10 * time.Minute)},
	}
	m.wrong["YC0123456789abcdef0123456789abcd05"] = 2
	m.refreshLive()
	return m
}

// TestGolden: the enrolment screen of a fixed URI at 80×24 (too small
// for the QR code: the size it needs, URI and secret) and 120×50 (QR
// beside the text), inverted too, and the main screen with a kept
// factor's live code.
func TestGolden(t *testing.T) {
	states := map[string]func(w, h int) string{
		"enrol": func(w, h int) string {
			return enrolModel(testURIs["typical"], w, h, common.PlainTheme()).View()
		},
		"enrol_inverted": func(w, h int) string {
			m := enrolModel(testURIs["typical"], w, h, common.PlainTheme())
			m.enrol.inverted = true
			m.enrol.render(m.c.Styles, w, h)
			return m.View()
		},
		"enrol_prompt": func(w, h int) string {
			m := enrolModel(testURIs["typical"], w, h, common.PlainTheme())
			m, _ = m.update(viewtest.Key("v"))
			for _, k := range viewtest.Type("123") {
				m, _ = m.update(k)
			}
			return m.View()
		},
		"main": func(w, h int) string { return mainModel(w, h).View() },
	}
	for _, name := range []string{"enrol", "enrol_inverted", "enrol_prompt", "main"} {
		for _, size := range [][2]int{{80, 24}, {120, 50}, {60, 16}} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				golden.RequireEqual(t, []byte(ansi.Strip(states[name](size[0], size[1]))))
			})
		}
	}
}
