// Package services is the Services view: a paged, filterable list of
// Verify services with a grouped detail pane, create/edit forms with
// inline validation, delete with type-the-name confirmation, and the
// choice of the program's current service.
package services

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// PageSize is how many services one list call fetches. More are fetched
// as the cursor nears the end, never all at once.
const PageSize = 50

// deleteConfirmedMsg comes back from the shell's confirm dialog.
type deleteConfirmedMsg struct {
	SID, Name string
}

// Model is the Services view.
type Model struct {
	c    *common.Common
	w, h int

	list      list
	filtering bool
	filter    textinput.Model
	// current is the program's current service SID (★ in the list).
	current string
	// autoSelected is set once the first load chose a current service.
	autoSelected bool
	// detailOffset scrolls the detail pane.
	detailOffset int
	// loadErr is the last list failure, shown in place of the list.
	loadErr error

	// Requests in flight (0 = none). A result whose ID is not the one
	// waited for is late and dropped.
	listReq, pageReq, fetchReq, saveReq, delReq common.RequestID

	formOpen bool
	formMode formMode
	formBase twilioapi.Service
	form     common.Form
}

// New builds the view; its first page load starts in Init.
func New(c *common.Common) Model {
	fi := common.NewInput()
	fi.Prompt = "/"
	fi.Placeholder = "filter by name or SID"
	fi.CharLimit = 64
	return Model{c: c, filter: fi, listReq: c.NextRequestID()}
}

// Init loads the first page of services.
func (m Model) Init() tea.Cmd { return m.loadPage(m.listReq, "") }

// loadPage fetches one page (token "" = the first).
func (m Model) loadPage(id common.RequestID, token string) tea.Cmd {
	cl := m.c.Client
	return m.c.Call(common.ViewServices, id, func(ctx context.Context) (any, error) {
		if cl == nil {
			return nil, errors.New("no client")
		}
		return cl.ListServicesPage(ctx, PageSize, token)
	})
}

// SetSize sets the area the view draws in.
func (m Model) SetSize(width, height int) Model {
	m.w, m.h = max(width, 0), max(height, 0)
	m.list.scroll(m.listRows())
	return m
}

// Capturing reports whether typed text goes to the view (filter or form).
func (m Model) Capturing() bool { return m.filtering || m.formOpen }

// Busy reports whether a call is in flight.
func (m Model) Busy() bool {
	return m.listReq != 0 || m.pageReq != 0 || m.fetchReq != 0 || m.saveReq != 0 || m.delReq != 0
}

// Pending is always false: this view starts no verification.
func (m Model) Pending() bool { return false }

// Update handles a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// The shell sizes views with SetSize; a bare WindowSizeMsg (the
		// view run on its own) gets the whole window.
		return m.SetSize(msg.Width, msg.Height), nil
	case common.ResultMsg:
		if msg.View != common.ViewServices {
			return m, nil
		}
		return m.onResult(msg)
	case common.ServiceSelectedMsg:
		m.current = msg.Service.SID
		return m, nil
	case deleteConfirmedMsg:
		return m.startDelete(msg)
	case tea.KeyPressMsg:
		switch {
		case m.formOpen:
			return m.updateForm(msg)
		case m.filtering:
			return m.updateFilter(msg)
		}
		return m.updateList(msg)
	case tea.PasteMsg:
		if m.formOpen {
			return m.updateForm(msg)
		}
		if m.filtering {
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

// onResult applies a call's result, dropping late ones.
func (m Model) onResult(r common.ResultMsg) (Model, tea.Cmd) {
	switch r.ID {
	case 0:
		return m, nil
	case m.listReq:
		m.listReq = 0
		if r.Err != nil {
			m.loadErr = r.Err
			return m, loadFailed("Loading services failed", r.Err)
		}
		page, _ := r.Value.(twilioapi.ServicePage)
		m.loadErr = nil
		keep := m.list.selectedSID()
		if keep == "" {
			keep = m.current
		}
		m.list.setItems(page.Services, page.NextPageToken, keep)
		m.list.scroll(m.listRows())
		after := tea.Batch(m.autoSelect(), m.maybeLoadMore())
		return m, after
	case m.pageReq:
		m.pageReq = 0
		if r.Err != nil {
			return m, loadFailed("Loading more services failed", r.Err)
		}
		page, _ := r.Value.(twilioapi.ServicePage)
		m.list.addPage(page.Services, page.NextPageToken)
		m.list.scroll(m.listRows())
		after := m.maybeLoadMore()
		return m, after
	case m.fetchReq:
		m.fetchReq = 0
		switch {
		case r.Err != nil:
			return m, tea.Batch(common.Flash(common.FlashWarn, "default service "+m.c.DefaultServiceSID+" not found; using the first service"),
				m.selectFirst())
		case m.current != "":
			// Chosen by the user while the default was being fetched.
			return m, nil
		}
		s, _ := r.Value.(twilioapi.Service)
		return m, selectCmd(s)
	case m.saveReq:
		return m.onSaved(r)
	case m.delReq:
		return m.onDeleted(r)
	}
	return m, nil
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
		if s, ok := m.list.find(sid); ok {
			return selectCmd(s)
		}
		m.fetchReq = m.c.NextRequestID()
		cl := m.c.Client
		return m.c.Call(common.ViewServices, m.fetchReq, func(ctx context.Context) (any, error) {
			return cl.FetchService(ctx, sid)
		})
	}
	return m.selectFirst()
}

// selectFirst makes the first loaded service current.
func (m *Model) selectFirst() tea.Cmd {
	if len(m.list.items) == 0 {
		return nil
	}
	return selectCmd(m.list.items[0])
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
	if m.list.next == "" || m.pageReq != 0 || m.listReq != 0 {
		return nil
	}
	if len(m.list.view)-m.list.cursor > m.listRows() {
		return nil
	}
	m.pageReq = m.c.NextRequestID()
	return m.loadPage(m.pageReq, m.list.next)
}

// refresh reloads from the first page, keeping the selection.
func (m *Model) refresh() tea.Cmd {
	m.listReq = m.c.NextRequestID()
	m.pageReq = 0
	return m.loadPage(m.listReq, "")
}
