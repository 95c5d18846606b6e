package attempts

import (
	"maps"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Update implements common.View.
func (m Model) Update(msg tea.Msg) (common.View, tea.Cmd) { return m.update(msg) }

// update handles a message.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.setSize(msg.Width, msg.Height), nil
	case common.Result[twilioapi.AttemptPage]:
		return m.onPage(msg)
	case common.Result[serviceNames]:
		return m.onNames(msg)
	case common.Result[twilioapi.Attempt]:
		return m.onAttempt(msg)
	case common.Result[twilioapi.AttemptsSummary]:
		return m.onSummary(msg)
	case common.Result[insightsPage]:
		return m.onInsightsPage(msg)
	case common.Result[exportTarget]:
		return m.onTarget(msg)
	case overwriteMsg:
		return m.openExport(msg.t)
	case common.Result[exportOpened]:
		return m.onOpened(msg)
	case common.Result[expectedRows]:
		return m.onExportTotal(msg)
	case common.Result[exportPage]:
		return m.onExportPage(msg)
	case common.Result[exportDone]:
		return m.onExportDone(msg)
	case retryExportMsg:
		if msg.gen == m.exp.gen && m.exp.running {
			m.exp.retryAt = time.Time{}
			after := m.nextExportPage()
			return m, after
		}
	case common.ShownMsg:
		after := m.firstShown()
		return m, after
	case wakeMsg:
		return m.onWake()
	case common.ServiceSelectedMsg:
		m.current = msg.Service
		if msg.Service.SID != "" {
			m.services = maps.Clone(m.services)
			m.services[msg.Service.SID] = msg.Service.FriendlyName
		}
	case tea.KeyPressMsg:
		return m.updateKey(msg)
	case tea.PasteMsg:
		switch {
		case m.exp.form != nil:
			return m.updateExportForm(msg)
		case m.form != nil:
			return m.updateFilterForm(msg)
		case m.list.Filtering():
			return m.updateListFilter(msg)
		}
	case tea.MouseWheelMsg:
		if m.form == nil && m.exp.form == nil {
			return m.wheel(msg)
		}
	case tea.MouseClickMsg:
		if m.form == nil && m.exp.form == nil && !m.zoom && msg.Button == tea.MouseLeft {
			// The log's top border and header row come before the first
			// row.
			if vi := m.list.RowAt(msg.Y - m.logTop() - 2); vi >= 0 {
				m.list.SetCursor(vi)
				m.offset = 0
				after := m.maybeLoadMore()
				return m, after
			}
		}
	}
	return m, nil
}

// updateKey routes a key to what has focus.
func (m Model) updateKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case m.exp.form != nil:
		return m.updateExportForm(k)
	case m.form != nil:
		return m.updateFilterForm(k)
	case m.list.Filtering():
		return m.updateListFilter(k)
	case m.exp.running && key.Matches(k, m.c.Keys.Back):
		return m.cancelExport()
	}
	return m.updateLog(k)
}

// moveCursor moves the log's cursor, keeps it in view and fetches the
// next page when it nears the loaded end.
func (m Model) moveCursor(d int) (Model, tea.Cmd) {
	before := m.list.SelectedID()
	m.list.Move(d)
	if m.list.SelectedID() != before {
		m.offset, m.fresh = 0, nil
	}
	var cmds []tea.Cmd
	if m.zoom && m.list.SelectedID() != before {
		cmds = append(cmds, m.fetchZoomed())
	}
	cmds = append(cmds, m.maybeLoadMore())
	return m, tea.Batch(cmds...)
}

// updateLog handles keys on the log.
func (m Model) updateLog(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	if d, ok := m.list.Step(k, km); ok {
		return m.moveCursor(d)
	}
	a, selected := m.list.Selected()
	switch {
	case key.Matches(k, km.DetailDown):
		m.scrollLower(1)
	case key.Matches(k, km.DetailUp):
		m.scrollLower(-1)
	case key.Matches(k, km.Select):
		if selected {
			m.zoom, m.fresh, m.offset = true, nil, 0
			after := m.fetchZoomed()
			return m, after
		}
	case key.Matches(k, km.Back):
		return m.back()
	case key.Matches(k, km.Filter):
		after := m.list.StartFilter()
		return m, after
	case key.Matches(k, km.Refresh):
		after := m.reload()
		return m, after
	case key.Matches(k, km.Copy):
		if selected {
			return m, common.Copy(a.SID, "attempt SID")
		}
	case key.Matches(k, m.k(keyFilter)):
		m.form = newFilterForm(m.filter, m.c.Now().Location(), m.current)
		return m, nil
	case key.Matches(k, m.k(keyThisNumber)):
		if selected && a.To != "" {
			after := m.load(Filter{Window: time.Hour, To: a.To}, false)
			return m, after
		}
	case key.Matches(k, m.k(keyVerification)):
		if selected && a.VerificationSID != "" {
			after := m.load(Filter{Window: twilioapi.AttemptsHistory, VerificationSID: a.VerificationSID}, false)
			return m, after
		}
	case key.Matches(k, m.k(keyUnmask)):
		m.unmasked = !m.unmasked
	case key.Matches(k, m.k(keyInsights)):
		return m.toggleInsights()
	case key.Matches(k, m.k(keyExport)):
		if !m.exp.running {
			m.exp.form = exportForm(m.c.Now(), m.unmasked)
		}
	case key.Matches(k, m.k(keyOpenSession)):
		if selected && a.To != "" {
			to := a.To
			return m, tea.Sequence(
				func() tea.Msg { return common.OpenSessionMsg{To: to} },
				func() tea.Msg { return common.ShowViewMsg{View: "sessions"} })
		}
	case key.Matches(k, m.k(keyGuard)):
		if selected && a.To != "" {
			to := a.To
			return m, tea.Sequence(
				func() tea.Msg { return common.InspectNumberMsg{Number: to} },
				func() tea.Msg { return common.ShowViewMsg{View: "guard"} })
		}
	}
	return m, nil
}

// back leaves the zoomed detail, else clears the `/` filter, else shows
// every attempt again.
func (m Model) back() (Model, tea.Cmd) {
	switch {
	case m.zoom:
		m.zoom, m.fresh, m.offset = false, nil, 0
	case m.list.Filter() != "":
		m.list.SetFilter("")
	case !m.filter.IsDefault():
		after := m.load(DefaultFilter(), false)
		return m, after
	}
	return m, nil
}

// toggleInsights switches the lower pane between the selected attempt
// and the insights; the insights are counted again when the filter
// changed since they last were.
func (m Model) toggleInsights() (Model, tea.Cmd) {
	m.offset = 0
	if m.pane == paneInsights {
		m.pane = paneDetail
		return m.setSize(m.width, m.height), nil
	}
	m.pane = paneInsights
	m = m.setSize(m.width, m.height)
	if m.insights.gen == 0 || m.insights.filter != m.applied {
		after := m.startInsights()
		return m, after
	}
	return m, nil
}

// updateListFilter handles keys while the `/` filter has focus; more
// pages are fetched as the filter narrows the loaded ones.
func (m Model) updateListFilter(msg tea.Msg) (Model, tea.Cmd) {
	// Typing loads nothing: a filter matching few rows would otherwise
	// fetch page after page; the log grows as the cursor is moved.
	cmd, _ := m.list.UpdateFilter(msg, m.c.Keys)
	return m, cmd
}

// updateFilterForm handles the filter form: esc closes it unchanged,
// submit asks Twilio for the first page under the new filter.
func (m Model) updateFilterForm(msg tea.Msg) (Model, tea.Cmd) {
	km := m.c.Keys
	if k, ok := msg.(tea.KeyPressMsg); ok && !common.Typed(k) && key.Matches(k, km.Cancel) {
		m.form = nil
		m.reqs.Drop(func(r request) bool { return r.form })
		return m, nil
	}
	ff := *m.form
	f, cmd, submit := ff.form.Update(msg, km)
	ff.form = f
	m.form = &ff
	if !submit {
		return m, cmd
	}
	if !ff.form.Validate() {
		return m, nil
	}
	loc := m.c.Now().Location()
	next, err := ff.filter(loc)
	if err != nil {
		return m, ff.form.SetError(fieldUntil, err.Error())
	}
	ff.form.Err = ""
	after := m.load(next, true)
	return m, after
}

// updateExportForm handles the export form: esc closes it, submit checks
// the file and starts.
func (m Model) updateExportForm(msg tea.Msg) (Model, tea.Cmd) {
	km := m.c.Keys
	if k, ok := msg.(tea.KeyPressMsg); ok && !common.Typed(k) && key.Matches(k, km.Cancel) {
		m.exp.form = nil
		return m, nil
	}
	f, cmd, submit := m.exp.form.Update(msg, km)
	m.exp.form = &f
	if !submit {
		return m, cmd
	}
	return m.submitExport()
}
