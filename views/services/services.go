// Package services is the Services view: a paged, filterable list of
// Verify services with a grouped detail pane, create/edit forms with
// inline validation, delete with type-the-name confirmation, and the
// choice of the program's current service.
package services

import (
	"context"
	"errors"
	"strings"

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
	return common.ViewEntry{ID: ID, Title: "Services", New: func(c *common.Common) common.View { return New(c) }}
}

// deleteConfirmedMsg comes back from the shell's confirm dialog.
type deleteConfirmedMsg struct {
	SID, Name string
}

// reqKind says what a request was for.
type reqKind int

// The calls the view makes.
const (
	reqList  reqKind = iota // the first page (a load or refresh)
	reqPage                 // a further page
	reqFetch                // the profile's default service
	reqSave                 // a create or update
	reqDelete
)

// request is what the view remembers about a call in flight.
type request struct {
	kind reqKind
	// del is what a delete was for.
	del deleteConfirmedMsg
}

// is matches requests of kind k (for Requests.Any and Drop).
func is(k reqKind) func(request) bool { return func(r request) bool { return r.kind == k } }

// Model is the Services view.
type Model struct {
	c             *common.Common
	width, height int

	list common.List[twilioapi.Service]
	// current is the program's current service SID (★ in the list).
	current string
	// autoSelected is set once the first load chose a current service.
	autoSelected bool
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
}

// New builds the view; its first page load starts in Init.
func New(c *common.Common) Model {
	m := Model{c: c, list: newList(), reqs: common.NewRequests[request]()}
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

// loadPage fetches one page (token "" = the first) for request r.
func (m *Model) loadPage(r request, token string) tea.Cmd {
	return m.fetchPage(m.reqs.Start(m.c, r), token)
}

// fetchPage is the call of request id for the page at token.
func (m *Model) fetchPage(id common.RequestID, token string) tea.Cmd {
	cl := m.c.Client
	return common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.ServicePage, error) {
		if cl == nil {
			return twilioapi.ServicePage{}, errors.New("no client")
		}
		return cl.ListServicesPage(ctx, PageSize, token)
	})
}

// SetSize implements common.View.
func (m Model) SetSize(width, height int) common.View { return m.setSize(width, height) }

// setSize sets the area the view draws in.
func (m Model) setSize(width, height int) Model {
	m.width, m.height = max(width, 0), max(height, 0)
	m.list.SetHeight(m.listRows())
	return m
}

// Capturing reports whether typed text goes to the view (filter or form).
func (m Model) Capturing() bool { return m.list.Filtering() || m.formOpen }

// Busy reports whether a call is in flight.
func (m Model) Busy() bool { return m.reqs.Len() > 0 }

// Pending is always 0: this view starts no verification.
func (m Model) Pending() int { return 0 }

// Update implements common.View.
func (m Model) Update(msg tea.Msg) (common.View, tea.Cmd) { return m.update(msg) }

// update handles a message.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// The shell sizes views with SetSize; a bare WindowSizeMsg (the
		// view run on its own) gets the whole window.
		return m.setSize(msg.Width, msg.Height), nil
	case common.Result[twilioapi.ServicePage]:
		return m.onPage(msg)
	case common.Result[twilioapi.Service]:
		return m.onService(msg)
	case common.Result[deleteConfirmedMsg]:
		return m.onDeleted(msg)
	case common.ServiceSelectedMsg:
		m.current = msg.Service.SID
		return m, nil
	case deleteConfirmedMsg:
		return m.startDelete(msg)
	case tea.KeyPressMsg:
		switch {
		case m.formOpen:
			return m.updateForm(msg)
		case m.list.Filtering():
			return m.updateFilter(msg)
		}
		return m.updateList(msg)
	case tea.PasteMsg:
		if m.formOpen {
			return m.updateForm(msg)
		}
		if m.list.Filtering() {
			return m.updateFilter(msg)
		}
	case tea.MouseClickMsg:
		if !m.formOpen && msg.Button == tea.MouseLeft {
			return m.clickList(msg.X, msg.Y)
		}
	case tea.MouseWheelMsg:
		if !m.formOpen {
			d := 0
			switch msg.Mouse().Button {
			case tea.MouseWheelUp:
				d = -1
			case tea.MouseWheelDown:
				d = 1
			}
			return m.moveCursor(d)
		}
	}
	return m, nil
}

// onPage applies a page of services, dropping late ones.
func (m Model) onPage(r common.Result[twilioapi.ServicePage]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if req.kind == reqPage {
		if r.Err != nil {
			return m, loadFailed("Loading more services failed", r.Err)
		}
		m.list.AddPage(r.Value.Services, r.Value.NextPageToken)
		after := m.maybeLoadMore()
		return m, after
	}
	if r.Err != nil {
		m.list.SetError(r.Err)
		return m, loadFailed("Loading services failed", r.Err)
	}
	first := !m.list.Loaded()
	m.list.SetItems(r.Value.Services, r.Value.NextPageToken)
	if first && m.current != "" {
		m.list.Select(m.current)
	}
	after := tea.Batch(m.autoSelect(), m.maybeLoadMore())
	return m, after
}

// onService applies a fetched (the profile's default) or saved service.
func (m Model) onService(r common.Result[twilioapi.Service]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if req.kind == reqSave {
		return m.onSaved(r)
	}
	switch {
	case r.Err != nil:
		return m, tea.Batch(common.Flash(common.FlashWarn, "default service "+m.c.DefaultServiceSID+" not found; using the first service"),
			m.selectFirst())
	case m.current != "":
		// Chosen by the user while the default was being fetched.
		return m, nil
	}
	return m, selectCmd(r.Value)
}

// loadFailed reports a failed list load: a short flash, and the error
// dialog with Twilio's code, hint and more_info link (a flash alone cut
// them off, and the list keeps its rows, so nothing else showed them).
func loadFailed(title string, err error) tea.Cmd {
	return tea.Batch(common.Flash(common.FlashError, strings.ToLower(title[:1])+title[1:]),
		func() tea.Msg { return common.ShowErrorMsg{Title: title, Err: err} })
}

// autoSelect picks the current service after the first load: the
// profile's default service, else the first one.
func (m *Model) autoSelect() tea.Cmd {
	done := m.autoSelected || m.current != ""
	m.autoSelected = true
	if done {
		return nil
	}
	if sid := m.c.DefaultServiceSID; sid != "" {
		if s, ok := m.list.Find(sid); ok {
			return selectCmd(s)
		}
		id := m.reqs.Start(m.c, request{kind: reqFetch})
		cl := m.c.Client
		return common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.Service, error) {
			return cl.FetchService(ctx, sid)
		})
	}
	return m.selectFirst()
}

// selectFirst makes the first loaded service current.
func (m *Model) selectFirst() tea.Cmd {
	if m.list.Len() == 0 {
		return nil
	}
	return selectCmd(m.list.Items()[0])
}

// selectCmd broadcasts the new current service (through the shell).
func selectCmd(s twilioapi.Service) tea.Cmd {
	return func() tea.Msg { return common.ServiceSelectedMsg{Service: s} }
}

// listRows is the number of service rows the list shows.
func (m Model) listRows() int {
	l := m.layout()
	return max(l.listH-1, 1) // minus the header row
}

// maybeLoadMore fetches the next page when the cursor is within a screen
// of the loaded end and more exist.
func (m *Model) maybeLoadMore() tea.Cmd {
	if !m.list.NeedsMore() || m.loading() {
		return nil
	}
	return m.loadPage(request{kind: reqPage}, m.list.Next())
}

// loading reports whether a page is being fetched.
func (m Model) loading() bool {
	return m.reqs.Any(func(r request) bool { return r.kind == reqList || r.kind == reqPage })
}

// refresh reloads from the first page, keeping the selection; older
// loads still in flight are superseded.
func (m *Model) refresh() tea.Cmd {
	m.reqs.Drop(func(r request) bool { return r.kind == reqList || r.kind == reqPage })
	return m.loadPage(request{kind: reqList}, "")
}
