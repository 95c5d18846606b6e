package attempts

import (
	"context"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// reqKind says what a request was for.
type reqKind int

// The calls the view makes. Every one but reqNames is an Attempts API
// call and spends a budget token.
const (
	reqNames      reqKind = iota // service names for the service column
	reqFirst                     // the log's first page (a load, refresh or new filter)
	reqPage                      // a further page of the log
	reqFetch                     // one attempt, fresh, for the zoomed detail
	reqSummary                   // the Attempts Summary for the insights
	reqInsights                  // a page tallied for the charts
	reqExport                    // a page written to the export file
	reqExportStep                // the export's file work or its expected total (gen says which run)
)

// request is what the view remembers about a call in flight.
type request struct {
	kind reqKind
	// filter is the resolved filter a first page was asked with; form
	// says it came from the filter form (which stays open until Twilio
	// accepts it), next is the filter to show once it does.
	filter twilioapi.AttemptFilter
	form   bool
	next   Filter
	// gen is the insights or export run a page belongs to.
	gen int
	// background marks the loads Init starts: nobody is waiting on them.
	background bool
}

// exportStep starts a call of the export run gen that is not a page: the
// target's check, opening or committing the file, the expected total.
// Like every call it gets a request of its own (the program's request
// IDs also key its cancellable calls); gen drops answers of an older run.
func (m *Model) exportStep(gen int) common.RequestID {
	return m.reqs.Start(m.c, request{kind: reqExportStep, gen: gen, background: true})
}

// takeExportStep takes an export step's answer: ok is false for one of
// an older run, or one the view no longer waits for.
func (m *Model) takeExportStep(id common.RequestID) (gen int, ok bool) {
	req, found := m.reqs.Take(id)
	return req.gen, found && req.gen == m.exp.gen
}

// is matches requests of kind k.
func is(k reqKind) func(request) bool { return func(r request) bool { return r.kind == k } }

// wakeMsg arrives when the budget has a token for the waiting calls.
type wakeMsg struct{}

// gate spends a budget token for a call of kind k. Without one, k waits
// (once) until the wake timer, which is armed once for all waiting
// calls.
func (m *Model) gate(k reqKind) (ok bool, cmd tea.Cmd) {
	ok, wait := m.budget.take(m.c.Now())
	if ok {
		return true, nil
	}
	if !slices.Contains(m.waiting, k) {
		m.waiting = append(slices.Clone(m.waiting), k)
	}
	if m.woke {
		return false, nil
	}
	m.woke = true
	return false, m.c.After(wait, wakeMsg{})
}

// onWake starts the calls the budget held back, in the order they asked.
func (m Model) onWake() (Model, tea.Cmd) {
	m.woke = false
	waiting := m.waiting
	m.waiting = nil
	var cmds []tea.Cmd
	for _, k := range waiting {
		switch k {
		case reqFirst:
			if m.queued != nil {
				q := *m.queued
				m.queued = nil
				cmds = append(cmds, m.load(q.filter, q.form))
			}
		case reqPage:
			cmds = append(cmds, m.maybeLoadMore())
		case reqFetch:
			cmds = append(cmds, m.fetchZoomed())
		case reqSummary:
			cmds = append(cmds, m.loadSummary())
		case reqInsights:
			cmds = append(cmds, m.nextInsightsPage())
		case reqExport:
			cmds = append(cmds, m.nextExportPage())
		}
	}
	return m, tea.Batch(cmds...)
}

// queuedLoad is a first-page load waiting for the budget.
type queuedLoad struct {
	filter Filter
	form   bool
}

// load asks for the first page of the log under f (the filter form's
// when form is set), superseding loads in flight.
func (m *Model) load(f Filter, form bool) tea.Cmd {
	m.reqs.Drop(func(r request) bool { return r.kind == reqFirst || r.kind == reqPage })
	ok, wait := m.gate(reqFirst)
	if !ok {
		m.queued = &queuedLoad{filter: f, form: form}
		return wait
	}
	resolved := f.Resolve(m.c.Now())
	id := m.reqs.Start(m.c, request{kind: reqFirst, filter: resolved, form: form, next: f})
	return m.fetchPage(id, resolved, "")
}

// reload loads the log again under the current filter.
func (m *Model) reload() tea.Cmd { return m.load(m.filter, false) }

// fetchPage is the call of request id for one page of the log.
func (m Model) fetchPage(id common.RequestID, f twilioapi.AttemptFilter, token string) tea.Cmd {
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.AttemptPage, error) {
		return cl.ListAttemptsPage(ctx, f, PageSize, token)
	})
}

// maybeLoadMore fetches the log's next page when the cursor is within a
// screen of the loaded end and more exist: a page at a time, never all.
func (m *Model) maybeLoadMore() tea.Cmd {
	if !m.list.NeedsMore() || m.loading() {
		return nil
	}
	ok, wait := m.gate(reqPage)
	if !ok {
		return wait
	}
	id := m.reqs.Start(m.c, request{kind: reqPage, filter: m.applied})
	return m.fetchPage(id, m.applied, m.list.Next())
}

// loading reports whether a page of the log is being fetched.
func (m Model) loading() bool {
	return m.reqs.Any(func(r request) bool { return r.kind == reqFirst || r.kind == reqPage })
}

// onPage applies a page of the log, dropping late ones.
func (m Model) onPage(r common.Result[twilioapi.AttemptPage]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if req.kind == reqPage {
		if r.Err != nil {
			return m, common.Flash(common.FlashError, "loading more attempts failed: "+r.Err.Error())
		}
		m.list.AddPage(r.Value.Attempts, r.Value.NextPageToken)
		if m.list.Filter() != "" {
			// A page need not hold a match: fetching on until one
			// fills the screen could read the whole log.
			return m, nil
		}
		after := m.maybeLoadMore()
		return m, after
	}
	if r.Err != nil {
		if req.form && m.form != nil {
			return m, m.form.placeError(r.Err)
		}
		m.list.SetError(r.Err)
		return m, common.Flash(common.FlashError, "loading attempts failed")
	}
	if req.form {
		m.form = nil
	}
	changed := req.next != m.filter || req.form
	m.filter, m.applied = req.next, req.filter
	m.list.SetItems(r.Value.Attempts, r.Value.NextPageToken)
	if changed {
		m.list.SetCursor(0)
		m.offset = 0
	}
	cmds := []tea.Cmd{m.maybeLoadMore()}
	if m.pane == paneInsights {
		cmds = append(cmds, m.startInsights())
	}
	return m, tea.Batch(cmds...)
}

// serviceNames are the account's services by SID.
type serviceNames map[string]string

// namesPageSize covers the services of nearly every account in one call;
// a service beyond it shows its SID.
const namesPageSize = 200

// fetchNames is the call of request id for the service names.
func (m Model) fetchNames(id common.RequestID) tea.Cmd {
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (serviceNames, error) {
		page, err := cl.ListServicesPage(ctx, namesPageSize, "")
		if err != nil {
			return nil, err
		}
		out := make(serviceNames, len(page.Services))
		for _, s := range page.Services {
			out[s.SID] = s.FriendlyName
		}
		return out, nil
	})
}

// onNames keeps the service names; without them the log shows SIDs.
func (m Model) onNames(r common.Result[serviceNames]) (Model, tea.Cmd) {
	if _, ok := m.reqs.Take(r.ID); !ok || r.Err != nil {
		return m, nil
	}
	names := make(map[string]string, len(r.Value)+1)
	for k, v := range r.Value {
		names[k] = v
	}
	if m.current.SID != "" {
		names[m.current.SID] = m.current.FriendlyName
	}
	m.services = names
	return m, nil
}

// fetchZoomed fetches the zoomed attempt, so its detail shows what
// Twilio says now (its conversion may have changed since the page).
func (m *Model) fetchZoomed() tea.Cmd {
	a, ok := m.list.Selected()
	if !ok || !m.zoom {
		return nil
	}
	m.reqs.Drop(is(reqFetch))
	ok, wait := m.gate(reqFetch)
	if !ok {
		return wait
	}
	id := m.reqs.Start(m.c, request{kind: reqFetch})
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.Attempt, error) {
		return cl.FetchAttempt(ctx, a.SID)
	})
}

// onAttempt applies a fetched attempt to the zoomed detail and the log.
func (m Model) onAttempt(r common.Result[twilioapi.Attempt]) (Model, tea.Cmd) {
	if _, ok := m.reqs.Take(r.ID); !ok {
		return m, nil
	}
	if r.Err != nil {
		return m, common.Flash(common.FlashError, "fetching the attempt failed: "+r.Err.Error())
	}
	a := r.Value
	if sel, ok := m.list.Selected(); ok && sel.SID == a.SID {
		m.fresh = &a
	}
	m.list.Replace(a)
	return m, nil
}

// loadFailedText is a load error in one line for a flash.
func loadFailedText(what string, err error) string {
	return strings.TrimSpace(what + " failed: " + err.Error())
}
