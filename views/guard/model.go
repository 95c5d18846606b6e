// Package guard is the Guard view: what the API exposes of Verify's fraud
// protection, in one place. Fraud Guard's switch and level and the Geo
// Permissions are Console settings with no API, so the view names the
// Console page for each; it manages what the API does offer (the Safe
// List, Service Rate Limits and their buckets, the default RiskCheck of
// this console's sends), looks up a number's SMS pumping risk, lists the
// service's blocked sends, and on the sandbox sets the simulated Fraud
// Guard level and blocked countries so a demo can show them at work.
package guard

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// ID is the view's address.
const ID common.ViewID = "guard"

// Entry is the view's line in the shell's registry.
func Entry() common.ViewEntry {
	return common.ViewEntry{ID: ID, Title: "Guard", Keys: keyDefs(),
		New: func(c *common.Common) common.View { return New(c) }}
}

// section is one panel of the view, in the order of the left list.
type section int

// The panels.
const (
	secSafeList section = iota
	secRiskCheck
	secNumberRisk
	secRateLimits
	secBlocked
	secConsole
	numSections
)

// title is the section's name in the left list.
func (s section) title() string {
	switch s {
	case secSafeList:
		return "Safe List"
	case secRiskCheck:
		return "Risk check"
	case secNumberRisk:
		return "Number risk"
	case secRateLimits:
		return "Rate limits"
	case secBlocked:
		return "Blocked sends"
	case secConsole:
		return "Console settings"
	}
	return ""
}

// Model is the Guard view.
type Model struct {
	c             *common.Common
	width, height int

	// service is the program's current service.
	service twilioapi.Service
	sec     section
	// inPane is true when the keys go to the panel, not the left list.
	inPane bool
	// offsets scroll each panel; cursors select a row in panels with rows.
	offsets [numSections]common.Scroll
	cursors [numSections]int
	// scrolled is set when the user scrolled the panel by hand (the
	// wheel, J/K), so Update does not scroll it back to the cursor row;
	// it lasts until the user presses another key or clicks, or the
	// cursor, the section or the form changes: a message for another
	// view must not undo it.
	scrolled bool

	reqs common.Requests[request]
	// form is the open form (when formOpen), drawn in the panel.
	formOpen bool
	form     panelForm

	safe      safeListState
	riskCheck riskCheckState
	number    numberState
	limits    rateLimitsState
	blocked   blockedState
	console   consoleState

	// shown is set once the tab was first shown; serviceStale says the service's
	// panels wait for that to load (a program that never opens Guard
	// makes no Guard calls).
	shown, serviceStale bool
}

// New builds the view; the Safe List numbers and the current service's
// panels load when the tab is first shown.
func New(c *common.Common) Model {
	m := Model{c: c, reqs: common.NewRequests[request](), riskCheck: riskCheckState{value: c.DefaultRiskCheck}}
	m.cursors[secRiskCheck] = max(slices.Index(riskCheckChoices(), c.DefaultRiskCheck), 0)
	return m
}

// ID implements common.View.
func (m Model) ID() common.ViewID { return ID }

// Title implements common.View.
func (m Model) Title() string { return "Guard" }

// Init starts nothing: the view loads when it is first shown (onShown).
func (m Model) Init() tea.Cmd { return nil }

// onShown loads what the view shows, the first time it is shown: the
// Safe List numbers, and the current service's panels if one was chosen
// meanwhile.
func (m Model) onShown() (Model, tea.Cmd) {
	if m.shown {
		return m, nil
	}
	m.shown = true
	cmds := []tea.Cmd{m.loadSafeList(true)}
	if m.serviceStale {
		m.serviceStale = false
		cmds = append(cmds, m.loadService())
	}
	return m, tea.Batch(cmds...)
}

// SetSize implements common.View.
func (m Model) SetSize(width, height int) common.View { return m.setSize(width, height) }

// setSize sets the area the view draws in.
func (m Model) setSize(width, height int) Model {
	m.width, m.height = max(width, 0), max(height, 0)
	m.keepInView()
	return m
}

// Capturing reports whether typed text goes to the view: an open form
// takes every key, on a choice too, so tab moves to its next field
// instead of switching views.
func (m Model) Capturing() bool { return m.formOpen }

// Busy reports whether a call the user started is in flight (the loads
// the view starts by itself are not: the spinner answers the user).
func (m Model) Busy() bool { return m.reqs.Any(func(r request) bool { return !r.background }) }

// Pending is always 0: this view starts no verification.
func (m Model) Pending() int { return 0 }

// hasService reports whether a service is current.
func (m Model) hasService() bool { return m.service.SID != "" }
