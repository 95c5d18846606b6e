// Package services is the Services view: a paged, filterable list of
// Verify services with a grouped detail pane, create/edit forms with
// inline validation, delete with type-the-name confirmation, and the
// choice of the program's current service. On the selected service it
// opens the integration panels: webhooks, messaging configurations, the
// account's templates (to pick the default) and, on a sandbox, the
// webhook delivery log.
package services

import (
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// PageSize is how many services one list call fetches. More are fetched
// as the cursor nears the end, never all at once.
const PageSize = 50

// ID is the view's address.
const ID common.ViewID = "services"

// Entry is the view's line in the shell's registry.
func Entry() common.ViewEntry {
	return common.ViewEntry{ID: ID, Title: "Services", Keys: keyDefs(), New: func(c *common.Common) common.View { return New(c) }}
}

// deleteConfirmedMsg comes back from the shell's confirm dialog.
type deleteConfirmedMsg struct {
	SID, Name string
}

// Model is the Services view.
type Model struct {
	c             *common.Common
	width, height int

	list common.List[twilioapi.Service]
	// current is the program's current service SID (★ in the list).
	current string
	// autoSelected is set once the first load chose a current service.
	autoSelected bool
	// savedDefault is the profile's default service once this program
	// saved one (nil: still the profile's own, Common.DefaultServiceSID).
	savedDefault *string
	// keepNext is a service chosen while the previous choice was being
	// saved as the default: it is saved once that save answers.
	keepNext *twilioapi.Service
	// detailOffset scrolls the detail pane.
	detailOffset int

	// reqs are the calls in flight; a result for a request not there is
	// late and dropped. firstLoad is the request of the first page.
	reqs      common.Requests[request]
	firstLoad common.RequestID

	formOpen bool
	formMode formMode
	formBase twilioapi.Service
	form     common.Form

	// integ is the integration panel open on a service, if any.
	integ integrations
}

// New builds the view; its first page load starts in Init.
func New(c *common.Common) Model {
	m := Model{c: c, list: newList(), reqs: common.NewRequests[request](), integ: newIntegrations()}
	// The first load is numbered now, so it is the program's first
	// request whatever Init is called on.
	m.firstLoad = m.reqs.Start(c, request{kind: reqList})
	return m
}

// ID implements common.View.
func (m Model) ID() common.ViewID { return ID }

// Title implements common.View.
func (m Model) Title() string { return "Services" }

// Init loads the first page of services.
func (m Model) Init() tea.Cmd { return m.fetchPage(m.firstLoad, "") }

// SetSize implements common.View.
func (m Model) SetSize(width, height int) common.View { return m.setSize(width, height) }

// setSize sets the area the view draws in.
func (m Model) setSize(width, height int) Model {
	m.width, m.height = max(width, 0), max(height, 0)
	m.list.SetHeight(m.listRows())
	m.integ.setHeight(m.panelRows())
	return m
}

// Capturing reports whether typed text goes to the view (filter or form).
func (m Model) Capturing() bool { return m.list.Filtering() || m.formOpen || m.integ.capturing() }

// Busy reports whether a call is in flight.
func (m Model) Busy() bool { return m.reqs.Len() > 0 }

// Pending is always 0: this view starts no verification.
func (m Model) Pending() int { return 0 }

// listRows is the number of service rows the list shows.
func (m Model) listRows() int {
	l := m.layout()
	return max(l.listH-1, 1) // minus the header row
}
