package ui

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
	"github.com/twilio-verify/twilio-verify/views/services"
)

// fixedNow is the tests' clock.
var fixedNow = viewtest.FixedNow

// fixtureServices is a deterministic first page: fixed SIDs and dates, so
// golden files never change between runs.
func fixtureServices() []twilioapi.Service {
	mk := func(i int, name string, f func(*twilioapi.Service)) twilioapi.Service {
		s := twilioapi.Service{
			SID:          fmt.Sprintf("VA%032x", 0xabc000+i),
			AccountSID:   "AC0123456789abcdef0123456789abcdef",
			FriendlyName: name,
			CodeLength:   6,
			TOTP:         twilioapi.TOTPSettings{TimeStep: 30, CodeLength: 6, Skew: 1},
			DateCreated:  fixedNow.Add(-time.Duration(i) * time.Hour),
			DateUpdated:  fixedNow.Add(-time.Duration(i) * time.Minute),
		}
		if f != nil {
			f(&s)
		}
		return s
	}
	return []twilioapi.Service{
		mk(1, "Sandbox Demo", func(s *twilioapi.Service) {
			s.LookupEnabled, s.SkipSMSToLandlines = true, true
			s.WhatsApp = twilioapi.WhatsAppSettings{MsgServiceSID: "MG" + fmt.Sprintf("%032x", 7), From: "whatsapp:+14155550199"}
		}),
		mk(2, "Acme Login", func(s *twilioapi.Service) { s.CodeLength = 8; s.PSD2Enabled = true }),
		mk(3, "Payments SCA", func(s *twilioapi.Service) {
			s.PSD2Enabled, s.DoNotShareWarningEnabled, s.CustomCodeEnabled = true, true, true
			s.TOTP.Issuer = "Payments"
		}),
		mk(4, "Support Desk", func(s *twilioapi.Service) { s.DTMFInputRequired = true; s.TTSName = "Support" }),
	}
}

// newTestModel builds a shell on a Common without a client: results are
// fed by hand. Its registry is the real one plus three probe views (tabs
// 3–5). logs collects the debug log.
func newTestModel(t testing.TB, w, h int, theme common.ThemeKind, mutate func(*CommonOptions)) (Model, *bytes.Buffer) {
	t.Helper()
	return newTestModelWith(t, w, h, theme, mutate, probedRegistry())
}

// probedRegistry is the real registry with the probe views in place of
// the views they stand for (appended after the others), so the shell's
// tests see the same five views whichever views are registered.
func probedRegistry() []common.ViewEntry {
	probed := map[common.ViewID]bool{}
	for _, p := range probeViews() {
		probed[p.ID] = true
	}
	var out []common.ViewEntry
	for _, e := range Registry() {
		if !probed[e.ID] {
			out = append(out, e)
		}
	}
	return append(out, probeViews()...)
}

// newTestModelWith is newTestModel with the given registry.
func newTestModelWith(t testing.TB, w, h int, theme common.ThemeKind, mutate func(*CommonOptions), views []common.ViewEntry) (Model, *bytes.Buffer) {
	t.Helper()
	logs := &bytes.Buffer{}
	co := CommonOptions{
		Ctx: context.Background(), Sandbox: true, Theme: theme, Logger: NewLogger(logs),
		Clock: func() time.Time { return fixedNow },
	}
	co.Views = views
	if mutate != nil {
		mutate(&co)
	}
	c, err := NewCommon(co)
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{Theme: theme, Views: views})
	m, _ = m.update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, logs
}

// servicesListReq is the request ID of the Services view's first load:
// the shell builds Services first, so on a fresh Common it is 1.
const servicesListReq = common.RequestID(1)

// loadFixture feeds the first page to the Services view and selects its
// first service, as the program would.
func loadFixture(t testing.TB, m Model) Model {
	t.Helper()
	svcs := fixtureServices()
	m, _ = m.update(common.Result[twilioapi.ServicePage]{View: services.ID, ID: servicesListReq,
		Value: twilioapi.ServicePage{Services: svcs}})
	m, _ = m.update(common.ServiceSelectedMsg{Service: svcs[0]})
	return m
}

// fixtureOutbox fills the sandbox outbox line.
func fixtureOutbox(m Model) Model {
	m.outbox.req = 77
	m, _ = m.update(common.Result[[]twilioapi.OutboxMessage]{View: viewShell, ID: 77, Value: []twilioapi.OutboxMessage{{
		SID: "SM01", To: "+14155550100", Channel: twilioapi.ChannelSMS,
		Body: "Your Sandbox Demo verification code is: 123456", Code: "123456",
		DateCreated: fixedNow.Add(-90 * time.Second),
	}}})
	return m
}

// typeText sends each rune as a key press.
func typeText(m Model, s string) Model {
	for _, k := range viewtest.Type(s) {
		m, _ = m.update(k)
	}
	return m
}

// hasQuit reports whether msgs hold a tea.QuitMsg.
func hasQuit(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}
