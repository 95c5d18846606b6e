// Package sessions is the Sessions view: live send-and-check of Verify
// verifications, one session per customer, as support staff use it.
//
// Every call is a tea.Cmd through Common.Call, addressed by request ID;
// results for a request the view no longer waits for (a closed session, a
// session that started over) are dropped. Timers are tea.Tick commands
// carrying the session, its epoch and a generation number, so a stale
// tick does nothing.
package sessions

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// mode is what has the keyboard.
type mode int

const (
	// modeList: the session list; single-letter actions work.
	modeList mode = iota
	// modeForm: the new-session form has focus.
	modeForm
	// modeCode: the code field of the selected session has focus.
	modeCode
	// modeResend: the resend channel picker is open.
	modeResend
)

// Model is the Sessions view.
type Model struct {
	// c.Keys has every key of this view (see keys.go).
	c *common.Common

	width, height int

	// service is the program's current service (empty until the
	// Services view chose one, or after it was deleted).
	service twilioapi.Service

	sessions []*session
	byID     map[sessionID]*session
	selected int
	nextID   sessionID

	mode   mode
	form   sessionForm
	resend resendPicker

	// pending maps the requests the view waits for to what they were for.
	pending map[common.RequestID]call
	// history is every session's history, for the program's life.
	history []historyEntry

	// clockGen/clockOn drive the 1 s countdown tick.
	clockGen int
	clockOn  bool

	// after schedules msg after d (tea.Tick); tests replace it to run
	// timers by hand.
	after func(d time.Duration, msg tea.Msg) tea.Cmd
}

// New builds the Sessions view for one program.
func New(c *common.Common) Model {
	m := Model{
		c:       c,
		byID:    map[sessionID]*session{},
		pending: map[common.RequestID]call{},
		after:   tick,
	}
	m.form = newSessionForm(m.service, c.DefaultRiskCheck)
	return m
}

// tick is the real timer: a tea.Tick delivering msg.
func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// Init implements the view convention.
func (m Model) Init() tea.Cmd { return nil }

// SetSize implements the view convention.
func (m Model) SetSize(width, height int) Model {
	m.width, m.height = max(width, 0), max(height, 0)
	return m
}

// Capturing reports whether typed keys belong to the view (the form, the
// code field or the resend picker has focus).
func (m Model) Capturing() bool { return m.mode != modeList }

// Busy reports whether a call the user started is in flight (background
// polls do not spin the status line).
func (m Model) Busy() bool {
	for _, c := range m.pending {
		if !c.background {
			return true
		}
	}
	return false
}

// Pending reports whether a verification is pending (quitting asks
// first).
func (m Model) Pending() bool {
	now := m.c.Now()
	for _, s := range m.sessions {
		if s.live(now) {
			return true
		}
	}
	return false
}

// hasService reports whether there is a current service to send on.
func (m Model) hasService() bool { return m.service.SID != "" }

// current is the selected session, or nil.
func (m Model) current() *session {
	if m.selected >= 0 && m.selected < len(m.sessions) {
		return m.sessions[m.selected]
	}
	return nil
}

// record adds a history entry to the session and to the program's log.
func (m *Model) record(s *session, action, outcome string) {
	e := historyEntry{When: m.c.Now(), Who: m.c.Who(), Action: action, To: s.recipient.Label(), Outcome: outcome}
	s.history = append(s.history, e)
	m.log(e)
}

// log adds e to the program's history and the debug log (sends the form
// could not start have no session but are history all the same).
func (m *Model) log(e historyEntry) {
	m.history = append(m.history, e)
	if m.c.Logger != nil {
		m.c.Logger.Info("verification", "who", e.Who, "action", e.Action, "to", e.To, "outcome", e.Outcome)
	}
}
