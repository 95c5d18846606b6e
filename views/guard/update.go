package guard

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Update implements common.View. After every message the open panel is
// scrolled so its cursor (or the form) is visible, unless the user
// scrolled it by hand and has done nothing else since.
func (m Model) Update(msg tea.Msg) (common.View, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseClickMsg:
		m.scrolled = false // a scrolling key sets it again
	}
	before := m.place()
	m2, cmd := m.update(msg)
	if m2.formOpen || m2.place() != before {
		m2.scrolled = false
	}
	if m2.scrolled {
		m2.clampScroll()
	} else {
		m2.keepInView()
	}
	return m2, cmd
}

// place is where the user is: the section, whether the panel has the
// keys, its cursor row and whether its form is open.
type place struct {
	sec      section
	inPane   bool
	cursor   int
	formOpen bool
}

// place is the model's place.
func (m Model) place() place { return place{m.sec, m.inPane, m.cursors[m.sec], m.formOpen} }

// update handles a message.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.setSize(msg.Width, msg.Height), nil
	case common.ServiceSelectedMsg:
		return m.onService(msg.Service)
	case common.ShownMsg:
		return m.onShown()
	case common.InspectNumberMsg:
		return m.onInspectNumber(msg)
	case common.Result[safeLoaded]:
		return m.onSafeLoaded(msg)
	case common.Result[safeAdded]:
		return m.onSafeAdded(msg)
	case common.Result[safeLookedUp]:
		return m.onSafeLookedUp(msg)
	case common.Result[safeRemoved]:
		return m.onSafeRemoved(msg)
	case common.Result[riskSaved]:
		return m.onRiskSaved(msg)
	case common.Result[twilioapi.PhoneInfo]:
		return m.onLookup(msg)
	case common.Result[limitsLoaded]:
		return m.onLimitsLoaded(msg)
	case common.Result[limitChanged]:
		return m.onLimitChanged(msg)
	case common.Result[blockedLoaded]:
		return m.onBlockedLoaded(msg)
	case common.Result[guardLoaded]:
		return m.onGuard(msg)
	case removeConfirmedMsg:
		after := m.removeFromSafeList(msg.number)
		return m, after
	case deleteLimitMsg:
		after := m.deleteLimit(msg)
		return m, after
	case tea.KeyPressMsg:
		if m.formOpen {
			return m.updateForm(msg)
		}
		return m.updateKey(msg)
	case tea.PasteMsg:
		if m.formOpen {
			return m.updateForm(msg)
		}
	case tea.MouseWheelMsg:
		if !m.formOpen {
			switch msg.Mouse().Button {
			case tea.MouseWheelUp:
				m.scroll(-1)
			case tea.MouseWheelDown:
				m.scroll(1)
			}
		}
	case tea.MouseClickMsg:
		if !m.formOpen && msg.Button == tea.MouseLeft {
			return m.click(msg.X, msg.Y)
		}
	}
	return m, nil
}

// onService makes s the current service: its rate limits, blocked sends
// and (sandbox) simulated settings are loaded.
func (m Model) onService(s twilioapi.Service) (Model, tea.Cmd) {
	if s.SID == m.service.SID {
		m.service = s
		return m, nil
	}
	m.service = s
	if m.formOpen && m.form.kind != formSafeAdd && m.form.kind != formSafeLookup && m.form.kind != formNumber {
		m.reqs.Drop(func(r request) bool { return r.fromForm })
		m.closeForm()
	}
	m.limits, m.blocked, m.console = rateLimitsState{}, blockedState{}, consoleState{}
	m.cursors[secRateLimits], m.cursors[secBlocked] = 0, 0
	if !m.shown {
		m.serviceStale = true
		return m, nil
	}
	return m, m.loadService()
}

// loadService loads the current service's panels: rate limits, blocked
// sends and (on the sandbox) the simulated Fraud Guard.
func (m *Model) loadService() tea.Cmd {
	return tea.Batch(m.loadLimits(true), m.loadBlocked(true), m.loadGuard(true))
}

// rowCount is how many rows the cursor of section s moves over (0: the
// panel scrolls instead).
func (m Model) rowCount(s section) int {
	switch s {
	case secSafeList:
		return len(m.safe.entries)
	case secRiskCheck:
		return len(riskCheckChoices())
	case secRateLimits:
		return len(m.limits.rows())
	case secBlocked:
		return len(m.blocked.attempts)
	case secConsole:
		return len(m.consoleItems())
	}
	return 0
}

// updateKey handles a key with no form open: the section list, the
// panel's scrolling and cursor, then the panel's own keys.
func (m Model) updateKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	if !m.inPane {
		switch {
		case key.Matches(k, km.Up):
			return m.showSection(m.sec - 1)
		case key.Matches(k, km.Down):
			return m.showSection(m.sec + 1)
		case key.Matches(k, km.Home):
			return m.showSection(0)
		case key.Matches(k, km.End):
			return m.showSection(numSections - 1)
		case key.Matches(k, km.Select, km.NextChoice):
			m.inPane = true
			return m, nil
		}
		return m.updatePanel(k)
	}
	switch {
	case key.Matches(k, km.Back, km.PrevChoice):
		m.inPane = false
		return m, nil
	case key.Matches(k, km.DetailUp):
		m.scroll(-1)
		return m, nil
	case key.Matches(k, km.DetailDown):
		m.scroll(1)
		return m, nil
	}
	// A list key moves the section's cursor, or scrolls a panel without
	// rows; page keys move a pane's height less one line.
	if d, ok := common.StepKey(k, km, max(m.paneHeight()-1, 1), 1<<20); ok {
		if n := m.rowCount(m.sec); n > 0 {
			m.cursors[m.sec] = max(0, min(m.cursors[m.sec]+d, n-1))
			if m.cursors[m.sec] == 0 {
				m.offsets[m.sec].Offset = 0
			}
		} else {
			m.scroll(d)
		}
		return m, nil
	}
	return m.updatePanel(k)
}

// updatePanel hands a key to the open panel. Its keys work from the
// section list too, so one key acts without entering the panel first.
func (m Model) updatePanel(k tea.KeyPressMsg) (Model, tea.Cmd) {
	switch m.sec {
	case secSafeList:
		return m.updateSafeList(k)
	case secRiskCheck:
		if !m.inPane {
			return m, nil
		}
		return m.updateRiskCheck(k)
	case secNumberRisk:
		return m.updateNumberRisk(k)
	case secRateLimits:
		return m.updateRateLimits(k)
	case secBlocked:
		if !m.inPane && key.Matches(k, m.c.Keys.Select) {
			return m, nil
		}
		return m.updateBlocked(k)
	case secConsole:
		return m.updateConsole(k)
	}
	return m, nil
}

// showSection opens section s (clamped); the blocked sends are fetched
// again each time that panel opens, as a send elsewhere may have been
// blocked since.
func (m Model) showSection(s section) (Model, tea.Cmd) {
	s = max(0, min(s, numSections-1))
	if s == m.sec {
		return m, nil
	}
	m.sec = s
	if s == secBlocked && !m.reqs.Any(is(reqBlocked)) {
		after := m.loadBlocked(true)
		return m, after
	}
	return m, nil
}

// click selects the section under (x, y), or gives the panel the keys
// and puts its cursor on the row under (x, y): the title line and the
// panes' top borders come before the first line.
func (m Model) click(x, y int) (Model, tea.Cmd) {
	l := m.layout()
	if x <= l.leftW+1 {
		if i := y - 2; i >= 0 && i < int(numSections) {
			m.inPane = false
			return m.showSection(section(i))
		}
		return m, nil
	}
	m.inPane = true
	if i := m.rowAt(y - 2); i >= 0 {
		m.cursors[m.sec] = i
	}
	return m, nil
}

// rowAt is the panel row on line y of the pane (0 = its first line) as
// drawn now, or -1.
func (m Model) rowAt(y int) int {
	if y < 0 || y >= m.paneHeight() {
		return -1
	}
	d := m.panelDoc()
	sc := m.offsets[m.sec]
	sc.Window(m.c.Styles, d.lines, d.w, m.paneHeight(), -1, -1) // the offset as drawn
	return slices.Index(d.rows, sc.Offset+y)
}

// scroll moves the open panel by d lines by hand.
func (m *Model) scroll(d int) {
	m.offsets[m.sec].By(d)
	m.scrolled = true
}
