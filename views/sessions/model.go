// Package sessions is the Sessions view: live send-and-check of Verify
// verifications, one session per customer, as support staff use it.
//
// Every call is a tea.Cmd through common.Call, addressed by request ID;
// results for a request the view no longer waits for (a closed session, a
// session that started over) are dropped. Timers (Common.After) carry the
// session, its epoch and a generation number, so a stale tick does
// nothing.
package sessions

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"fmt"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// ID is the view's address.
const ID common.ViewID = "sessions"

// Entry is the view's line in the shell's registry.
func Entry() common.ViewEntry {
	return common.ViewEntry{ID: ID, Title: "Sessions", New: func(c *common.Common) common.View { return New(c) }}
}

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

	// list is the sessions in the order they were opened, filterable
	// with /; byID finds them for results and ticks.
	list   common.List[*session]
	byID   map[sessionID]*session
	nextID sessionID

	mode   mode
	form   sessionForm
	resend resendPicker
	// riskCheck is the default RiskCheck of new sends (the profile's,
	// then whatever the Guard view set).
	riskCheck string
	// detail scrolls the selected session's detail pane.
	detail common.Scroll
	// typeAhead is what was typed while the form's send was in flight.
	typeAhead []tea.KeyPressMsg
	// code is the code field; it edits the selected session's draft
	// while mode is modeCode.
	code textinput.Model

	// pending is the requests the view waits for and what they were for.
	pending common.Requests[call]
	// history is the newest maxHistory entries of every session's
	// history (bounded: a support desk runs all day).
	history []historyEntry

	// clockGen/clockOn drive the 1 s countdown tick.
	clockGen int
	clockOn  bool
}

// New builds the Sessions view for one program.
func New(c *common.Common) Model {
	m := Model{
		c:       c,
		byID:    map[sessionID]*session{},
		list:    newSessionList(),
		pending: common.NewRequests[call](),
		code:    newCodeInput(),
	}
	m.riskCheck = c.DefaultRiskCheck
	m.form = newSessionForm(m.service, m.riskCheck, c.DefaultRegion, c.Sandbox)
	return m
}

// ID implements common.View.
func (m Model) ID() common.ViewID { return ID }

// Title implements common.View.
func (m Model) Title() string { return "Sessions" }

// Init implements common.View.
func (m Model) Init() tea.Cmd { return nil }

// SetSize implements common.View.
func (m Model) SetSize(width, height int) common.View { return m.setSize(width, height) }

// setSize sets the area the view draws in.
func (m Model) setSize(width, height int) Model {
	m.width, m.height = max(width, 0), max(height, 0)
	m.list.SetHeight(m.height - 1) // below the title line
	return m
}

// Capturing reports whether typed keys belong to the view (the form, the
// code field or the resend picker has focus).
func (m Model) Capturing() bool { return m.mode != modeList || m.list.Filtering() }

// Busy reports whether a call the user started is in flight (background
// polls do not spin the status line).
func (m Model) Busy() bool {
	return m.pending.Any(func(c call) bool { return !c.background })
}

// Pending is how many verifications are pending (quitting asks first).
func (m Model) Pending() int {
	now := m.c.Now()
	n := 0
	for _, s := range m.list.Items() {
		if s.live(now) {
			n++
		}
	}
	return n
}

// hasService reports whether there is a current service to send on.
func (m Model) hasService() bool { return m.service.SID != "" }

// current is the selected session, or nil.
func (m Model) current() *session {
	s, _ := m.list.Selected()
	return s
}

// newSessionList is the view's list: sessions are named by their ID and
// filtered by the customer's number or address as typed and normalised.
func newSessionList() common.List[*session] {
	return common.NewList(
		func(s *session) string { return fmt.Sprint(s.id) },
		func(s *session) string { return s.recipient.Label() + " " + s.recipient.Input },
		"filter by number or e-mail")
}

// show selects s, clearing a filter that hides it.
func (m *Model) show(s *session) {
	id := fmt.Sprint(s.id)
	if !m.list.Select(id) {
		m.list.SetFilter("")
		m.list.Select(id)
	}
	m.list.Move(0)
}

// record adds a history entry to the session and to the program's log.
func (m *Model) record(s *session, action, outcome string) {
	e := historyEntry{When: m.c.Now(), Who: m.c.Who(), Action: action, To: s.recipient.Label(), Outcome: outcome}
	s.history = keepNewest(append(s.history, e), maxSessionHistory)
	m.log(e)
}

// log adds e to the program's history and the debug log (sends the form
// could not start have no session but are history all the same).
func (m *Model) log(e historyEntry) {
	m.history = keepNewest(append(m.history, e), maxHistory)
	if m.c.Logger != nil {
		m.c.Logger.Info("verification", "who", e.Who, "action", e.Action, "to", e.To, "outcome", e.Outcome)
	}
}
