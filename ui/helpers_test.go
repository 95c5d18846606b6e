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
)

// fixedNow is the tests' clock.
var fixedNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

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
// fed by hand. logs collects the debug log.
func newTestModel(t testing.TB, w, h int, theme common.ThemeKind, mutate func(*CommonOptions)) (Model, *bytes.Buffer) {
	t.Helper()
	logs := &bytes.Buffer{}
	co := CommonOptions{
		Ctx: context.Background(), Sandbox: true, Theme: theme, Logger: NewLogger(logs),
		Clock: func() time.Time { return fixedNow },
	}
	if mutate != nil {
		mutate(&co)
	}
	c, err := NewCommon(co)
	if err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{Theme: theme})
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
	m, _ = m.update(common.ResultMsg{View: common.ViewServices, ID: servicesListReq,
		Value: twilioapi.ServicePage{Services: svcs}})
	m, _ = m.update(common.ServiceSelectedMsg{Service: svcs[0]})
	return m
}

// fixtureOutbox fills the sandbox outbox line.
func fixtureOutbox(m Model) Model {
	m.outbox.req = 77
	m, _ = m.update(common.ResultMsg{View: viewShell, ID: 77, Value: []twilioapi.OutboxMessage{{
		SID: "SM01", To: "+14155550100", Channel: twilioapi.ChannelSMS,
		Body: "Your Sandbox Demo verification code is: 123456", Code: "123456",
		DateCreated: fixedNow.Add(-90 * time.Second),
	}}})
	return m
}

// press builds a key press from a name.
func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText sends each rune as a key press.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// msgsOf runs a command that must answer at once (not a timer) and
// returns its message, flattening one level of batch.
func msgsOf(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if b, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range b {
				out = append(out, msgsOf(t, c)...)
			}
			return out
		}
		return []tea.Msg{msg}
	case <-time.After(5 * time.Second):
		t.Fatal("command did not answer (a timer?); tests only run immediate commands")
		return nil
	}
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
