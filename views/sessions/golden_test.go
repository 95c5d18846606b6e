package sessions

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// Fixed SIDs for golden files (the sandbox's are random).
const (
	goldenService = "VA0123456789abcdef0123456789abcd01"
	goldenVE1     = "VE0123456789abcdef0123456789abcd02"
	goldenVE2     = "VE0123456789abcdef0123456789abcd03"
)

// goldenModel is a hand-built view with two sessions, the first selected,
// at a fixed time. Nothing in it varies between runs.
func goldenModel(now time.Time, w, h int) (Model, *session) {
	c := viewtest.Common(nil, func(c *common.Common) { c.Clock = func() time.Time { return now } })
	m := New(c).setSize(w, h)
	svc := twilioapi.Service{SID: goldenService, FriendlyName: "Sandbox Demo", CodeLength: 6, LookupEnabled: true, SkipSMSToLandlines: true}
	m, _ = m.update(common.ServiceSelectedMsg{Service: svc})
	s := addSession(&m, "+14155550100", goldenVE1, twilioapi.ChannelSMS)
	s.outbox = []twilioapi.OutboxMessage{{Channel: twilioapi.ChannelSMS, To: "+14155550100", VerificationSID: goldenVE1,
		Body: "Your Sandbox Demo verification code is: 123456", Code: "123456", DateCreated: t0}}
	m.record(s, "send sms", "pending (VE…cd02)")
	addSession(&m, "customer@example.com", goldenVE2, twilioapi.ChannelEmail)
	m.list.SetCursor(0)
	return m, s
}

// addSession appends a session on m's service as a send to `to` on ch,
// answered at t0 with verification sid, would leave it.
func addSession(m *Model, to, sid string, ch twilioapi.Channel) *session {
	m.nextID++
	s := &session{id: m.nextID, status: twilioapi.StatusPending,
		recipient: parseRecipient(to, "US"), service: m.service,
		params: twilioapi.StartParams{ServiceSID: m.service.SID, To: to, Channel: ch}}
	s.applyVerification(twilioapi.Verification{
		SID: sid, ServiceSID: m.service.SID, To: to, Channel: ch, Status: twilioapi.StatusPending,
		SendCodeAttempts: []twilioapi.SendAttempt{{AttemptSID: "VL01", Channel: ch, Time: t0}},
		DateCreated:      t0,
	}, t0)
	m.list.Append(s)
	m.byID[s.id] = s
	return s
}

// apiErr builds a Twilio API error as the client returns it.
func apiErr(status, code int, msg string) error {
	return &twilioapi.Error{Kind: twilioapi.KindAPI, Status: status, Code: code, Message: msg, Hint: twilioapi.HintFor(code)}
}

func TestGolden(t *testing.T) {
	states := map[string]func(w, h int) string{
		"pending": func(w, h int) string {
			m, s := goldenModel(t0.Add(90*time.Second), w, h)
			s.checksUsed = 1
			s.note = "not approved, " + checksLeftText(s.checksLeft())
			m.record(s, "check", s.note)
			return m.View()
		},
		"approved": func(w, h int) string {
			m, s := goldenModel(t0.Add(2*time.Minute), w, h)
			// As the real flow leaves it: the approving check counts.
			s.status, s.note, s.checksUsed = twilioapi.StatusApproved, "APPROVED", 1
			m.record(s, "check", "APPROVED")
			return m.View()
		},
		"expired": func(w, h int) string {
			now := t0.Add(11 * time.Minute)
			m, s := goldenModel(now, w, h)
			m.noticeExpiry(s, now)
			s.problem = explain(m.c.Keys, "Status refresh", apiErr(404, 20404, "The requested resource /Services/"+goldenService+"/Verifications/"+goldenVE1+" was not found"), now, s)
			m.markGone(s, now)
			return m.View()
		},
		"max_attempts": func(w, h int) string {
			now := t0.Add(3 * time.Minute)
			m, s := goldenModel(now, w, h)
			s.checksUsed, s.status = twilioapi.MaxChecks, twilioapi.StatusMaxAttemptsReached
			s.note = "not approved: no checks left"
			s.problem = explain(m.c.Keys, "Check", apiErr(429, 60202, "Max check attempts reached"), now, s)
			return m.View()
		},
		"typing_code": func(w, h int) string {
			// A demo at the minimum size: the code field has focus and
			// stays in sight, the pane says what is below.
			m, s := goldenModel(t0.Add(90*time.Second), w, h)
			m, _ = m.update(viewtest.Key("enter"))
			for _, r := range "1234" {
				m, _ = m.update(viewtest.Key(string(r)))
			}
			_ = s
			return m.View()
		},
		"error": func(w, h int) string {
			m, _ := goldenModel(t0.Add(4*time.Minute), w, h)
			m, _ = m.update(viewtest.Key("n"))
			for _, r := range "+14155550101" {
				m, _ = m.update(viewtest.Key(string(r)))
			}
			m.form.problem = explain(m.c.Keys, "Send", apiErr(403, 60205, "SMS is not supported by landline phone number"), m.c.Now(), nil)
			return m.View()
		},
	}
	for _, name := range []string{"pending", "approved", "expired", "max_attempts", "error", "typing_code"} {
		// 60×12 is the view's area in a 60×16 terminal, the minimum.
		for _, size := range [][2]int{{80, 24}, {160, 48}, {60, 12}} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				// Text only: styling belongs to the shell's theme (its own
				// golden files cover it) and would tie these to it.
				out := ansi.Strip(states[name](size[0], size[1]))
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}
