// Package totp is the TOTP view: the current service's entities (the
// identities of an application's users) with their factors of every type,
// enrolment of TOTP factors with a QR code an authenticator app scans,
// verification of a factor and challenges answered with a code. Test
// factors may keep their secret in the OS keyring; the view then shows
// their current code with a countdown.
//
// Every call is a tea.Cmd through common.Call, keyring calls included (a
// locked keyring must never freeze the screen); the 1 s countdown is a
// Common.After timer that runs only while a code is shown.
package totp

import (
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// PageSize is how many entities one list call fetches.
const PageSize = 50

// ChallengePageSize is how many past challenges of a factor are listed.
const ChallengePageSize = 20

// ID is the view's address.
const ID common.ViewID = "totp"

// Title is the tab's name.
const Title = "TOTP"

// Entry is the view's line in the shell's registry.
func Entry() common.ViewEntry {
	return common.ViewEntry{ID: ID, Title: Title, Keys: keyDefs(), New: func(c *common.Common) common.View { return New(c) }}
}

// screen is what the view shows.
type screen int

const (
	// screenMain: entities and the selected entity's factors.
	screenMain screen = iota
	// screenForm: the new TOTP factor form.
	screenForm
	// screenEnrol: a new factor's QR code, URI and secret (shown once).
	screenEnrol
)

// focus is the pane of the main screen that has the keyboard.
type focus int

const (
	focusEntities focus = iota
	focusFactors
)

// Model is the TOTP view.
type Model struct {
	c             *common.Common
	width, height int

	// service is the service the view shows: the program's current one,
	// except while a new factor's secret is at risk, when a change of
	// service waits in nextService until the enrolment screen closes.
	service     twilioapi.Service
	nextService *twilioapi.Service

	entities common.List[twilioapi.Entity]
	// factors are the factors of factorsOf (the selected entity).
	factors    common.List[twilioapi.Factor]
	factorsOf  string
	factorsErr error
	// factorCache and challenges are what was loaded, by identity and by
	// factor SID (challenges newest first).
	factorCache map[string][]twilioapi.Factor
	challenges  map[string][]twilioapi.Challenge

	screen       screen
	focus        focus
	detailOffset int

	form        common.Form
	formProblem *common.Problem

	enrol  *enrolment
	prompt *codePrompt
	// problem is the last failure on the main screen, explained in place.
	problem *common.Problem

	// kept is what the keyring keeps of test factors, by factor SID;
	// keptLooked says a factor's keyring entry was looked up.
	kept       map[string]keyring.KeptTOTP
	keptLooked map[string]bool
	// wrong counts the wrong codes sent for a factor's verification (by
	// YF) and for a challenge (by YC), for the attempts left.
	wrong map[string]int

	live liveCode
	// tickGen/ticking drive the 1 s countdown.
	tickGen int
	ticking bool

	reqs common.Requests[request]
}

// New builds the view; it loads once the current service is known.
func New(c *common.Common) Model {
	return Model{
		c: c, entities: newEntityList(), factors: newFactorList(),
		factorCache: map[string][]twilioapi.Factor{}, challenges: map[string][]twilioapi.Challenge{},
		kept: map[string]keyring.KeptTOTP{}, keptLooked: map[string]bool{}, wrong: map[string]int{},
		reqs: common.NewRequests[request](),
	}
}

// ID implements common.View.
func (m Model) ID() common.ViewID { return ID }

// Title implements common.View.
func (m Model) Title() string { return Title }

// Init does nothing: the first load waits for the current service.
func (m Model) Init() tea.Cmd { return nil }

// SetSize implements common.View.
func (m Model) SetSize(width, height int) common.View { return m.setSize(width, height) }

// setSize sets the area the view draws in.
func (m Model) setSize(width, height int) Model {
	m.width, m.height = max(width, 0), max(height, 0)
	l := m.layout()
	m.entities.SetHeight(max(l.listH-1, 1))
	m.factors.SetHeight(l.factorRows)
	if m.enrol != nil {
		m.enrol.render(m.c.Styles, m.width, m.height)
	}
	return m
}

// Capturing reports whether typed text goes to the view. The open form
// takes every key, on its toggles and choices too: tab there moves to
// the next field, it does not switch views.
func (m Model) Capturing() bool {
	return m.entities.Filtering() || m.factors.Filtering() || m.prompt != nil || m.screen == screenForm
}

// Busy reports whether a call the user started is in flight: a change
// at Twilio or in the keyring (loads say "loading…" in place).
func (m Model) Busy() bool {
	return m.reqs.Any(func(r request) bool { return r.kind >= reqCreate && r.kind != reqLookupKept })
}

// Pending is always 0: a factor or challenge left open costs nothing.
func (m Model) Pending() int { return 0 }
