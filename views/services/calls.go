package services

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// reqKind says what a request was for.
type reqKind int

// The calls the view makes.
const (
	reqList  reqKind = iota // the first page (a load or refresh)
	reqPage                 // a further page
	reqFetch                // the profile's default service
	reqSave                 // a create or update
	reqDelete
	// The integration panels (integrations_calls.go).
	reqPanel           // a panel's first page (a load or refresh)
	reqPanelMore       // a panel's further page
	reqPanelSave       // a webhook or messaging configuration create/update
	reqPanelDelete     // a webhook or messaging configuration delete
	reqToggle          // enable/disable a webhook
	reqDefaultTemplate // set the service's default template
	reqKeepDefault     // keep the current service as the profile's default
)

// request is what the view remembers about a call in flight.
type request struct {
	kind reqKind
	// del is what a delete was for.
	del deleteConfirmedMsg
	// panel and service say which panel (of which service) a panel call
	// is for: its answer is dropped when that panel is no longer open.
	panel   panelKind
	service string
}

// is matches requests of kind k (for Requests.Any and Drop).
func is(k reqKind) func(request) bool { return func(r request) bool { return r.kind == k } }

// loadPage fetches one page (token "" = the first) for request r.
func (m *Model) loadPage(r request, token string) tea.Cmd {
	return m.fetchPage(m.reqs.Start(m.c, r), token)
}

// fetchPage is the call of request id for the page at token.
func (m *Model) fetchPage(id common.RequestID, token string) tea.Cmd {
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.ServicePage, error) {
		return cl.ListServicesPage(ctx, PageSize, token)
	})
}

// onPage applies a page of services, dropping late ones.
func (m Model) onPage(r common.Result[twilioapi.ServicePage]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if req.kind == reqPage {
		if r.Err != nil {
			m.list.SetError(r.Err)
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
	switch req.kind {
	case reqSave:
		return m.onSaved(r)
	case reqDefaultTemplate:
		return m.onDefaultTemplate(req, r)
	}
	switch {
	case r.Err != nil:
		return m, tea.Batch(common.Flash(common.FlashWarn, "default service "+twilioapi.MaskSID(m.c.DefaultServiceSID)+" not found; using the first service"),
			m.selectFirst())
	case m.current != "":
		// Chosen by the user while the default was being fetched.
		return m, nil
	}
	return m, selectCmd(r.Value)
}

// loadFailed reports a failed list load in a flash; the pane says it too
// (in place of the list, or on the title line above the rows a refresh
// kept), with Twilio's code and hint, so no dialog covers it.
func loadFailed(title string, err error) tea.Cmd {
	return common.Flash(common.FlashError, strings.ToLower(title[:1])+title[1:]+": "+err.Error())
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

// cancelCalls stops the calls in flight (back, on the list): a load just
// stops (a first load says how to try again); a delete may already have
// happened at Twilio, so the list is reloaded.
func (m *Model) cancelCalls() tea.Cmd {
	loads := m.reqs.Cancel(m.c, func(r request) bool { return r.kind == reqList || r.kind == reqPage })
	if m.reqs.Cancel(m.c, is(reqDelete)) > 0 {
		return tea.Batch(common.Flash(common.FlashWarn, "delete canceled: it may still have happened; reloading"), m.refresh())
	}
	if loads == 0 {
		return nil
	}
	if !m.list.Loaded() {
		m.list.SetError(errors.New("loading canceled")) // the list adds how to retry
	}
	return common.Flash(common.FlashInfo, "loading canceled")
}

// startDelete sends the delete the user confirmed.
func (m Model) startDelete(d deleteConfirmedMsg) (Model, tea.Cmd) {
	cl := m.c.Client
	id := m.reqs.Start(m.c, request{kind: reqDelete, del: d})
	return m, common.Call(m.c, ID, id, func(ctx context.Context) (deleteConfirmedMsg, error) {
		return d, cl.DeleteService(ctx, d.SID)
	})
}

// onDeleted removes the deleted service; if it was current, the first
// remaining one becomes current.
func (m Model) onDeleted(r common.Result[deleteConfirmedMsg]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	d := req.del
	if r.Err != nil {
		return m, tea.Batch(common.Flash(common.FlashError, "delete failed"),
			func() tea.Msg { return common.ShowErrorMsg{Title: "Deleting " + d.Name + " failed", Err: r.Err} })
	}
	m.list.Remove(d.SID)
	cmds := []tea.Cmd{common.Flash(common.FlashInfo, "deleted service "+d.Name),
		func() tea.Msg { return common.ServiceDeletedMsg{SID: d.SID} }}
	if d.SID == m.current {
		m.current = ""
		if m.list.Len() > 0 {
			cmds = append(cmds, selectCmd(m.list.Items()[0]))
		} else {
			cmds = append(cmds, selectCmd(twilioapi.Service{}))
		}
	}
	return m, tea.Batch(cmds...)
}
