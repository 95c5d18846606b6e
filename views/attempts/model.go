// Package attempts is the Attempts view: the account's log of
// verification attempts (the last 30 days), filtered at Twilio by date
// range, destination, country, channel, conversion, service and
// verification, paged lazily as the cursor nears the end; the detail of
// one attempt with its channel data; insights (Twilio's summary and
// charts of conversion by channel and country and attempts per hour); and
// an export of the filtered log to CSV or JSON Lines, streamed a page at
// a time. It answers support's most common question: did my code get
// sent?
package attempts

import (
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// PageSize is how many attempts one page of the log fetches; more are
// fetched as the cursor nears the end, never all at once.
const PageSize = 100

// ID is the view's address.
const ID common.ViewID = "attempts"

// Entry is the view's line in the shell's registry.
func Entry() common.ViewEntry {
	return common.ViewEntry{ID: ID, Title: "Attempts", Keys: keyDefs(), New: func(c *common.Common) common.View { return New(c) }}
}

// pane is what the pane below the log shows.
type pane int

const (
	paneDetail pane = iota
	paneInsights
)

// Model is the Attempts view.
type Model struct {
	c             *common.Common
	width, height int

	list common.List[twilioapi.Attempt]
	// filter is what the log asks Twilio for; applied is it resolved to
	// dates when the first page was asked for (further pages must send
	// the same filter with their token).
	filter  Filter
	applied twilioapi.AttemptFilter

	reqs   common.Requests[request]
	budget bucket
	// waiting are the calls held back by the budget until wake.
	waiting []reqKind
	woke    bool // a wake timer is armed
	// queued is the first-page load waiting for the budget.
	queued *queuedLoad

	// unmasked shows destinations in full.
	unmasked bool
	pane     pane
	// zoom shows the selected attempt's detail over the whole view;
	// fresh is that attempt as Twilio answered it when zoomed.
	zoom   bool
	fresh  *twilioapi.Attempt
	offset int // scroll of the detail or insights pane

	// services names service SIDs; current is the program's current
	// service.
	services map[string]string
	current  twilioapi.Service

	insights insights
	// shown is set once the tab was first shown: the log loads then, not
	// at the program's start.
	shown bool

	form *filterForm
	exp  export
}

// New builds the view; its first loads start when the tab is first
// shown.
func New(c *common.Common) Model {
	m := Model{
		c: c, list: newList(), reqs: common.NewRequests[request](),
		filter: DefaultFilter(), budget: newBucket(c.Now()), services: map[string]string{},
	}
	m.applied = m.filter.Resolve(c.Now())
	return m
}

// firstShown starts the first loads: the services' names and the log's
// first page.
func (m *Model) firstShown() tea.Cmd {
	if m.shown {
		return nil
	}
	m.shown = true
	now := m.c.Now()
	names := m.reqs.Start(m.c, request{kind: reqNames, background: true})
	m.budget.take(now)
	m.applied = m.filter.Resolve(now)
	first := m.reqs.Start(m.c, request{kind: reqFirst, filter: m.applied, next: m.filter, background: true})
	return tea.Batch(m.fetchNames(names), m.fetchPage(first, m.applied, ""))
}

// ID implements common.View.
func (m Model) ID() common.ViewID { return ID }

// Title implements common.View.
func (m Model) Title() string { return "Attempts" }

// Init starts nothing: the log loads when the tab is first shown
// (ShownMsg), so a program that never opens it makes no Attempts calls.
func (m Model) Init() tea.Cmd { return nil }

// SetSize implements common.View.
func (m Model) SetSize(width, height int) common.View { return m.setSize(width, height) }

// setSize sets the area the view draws in.
func (m Model) setSize(width, height int) Model {
	m.width, m.height = max(width, 0), max(height, 0)
	m.list.SetHeight(max(m.layout().listH-1, 1))
	return m
}

// Capturing reports whether typed text goes to the view: the list
// filter or a form has focus.
func (m Model) Capturing() bool {
	return m.list.Filtering() || m.form != nil || m.exp.form != nil
}

// Busy reports whether a call the user is waiting for is in flight (not
// the loads Init starts before the tab is ever shown).
func (m Model) Busy() bool { return m.reqs.Any(func(r request) bool { return !r.background }) }

// Pending is always 0: this view starts no verification.
func (m Model) Pending() int { return 0 }
