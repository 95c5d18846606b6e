package services

import (
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// overDetail reports whether view cell (x, y) is in the detail pane:
// right of the list when side by side, below it when stacked.
func (m Model) overDetail(x, y int) bool {
	l := m.layout()
	if l.wide {
		return x >= l.listW+2
	}
	return y >= 1+l.listH+2 // the title line, then the list pane
}

// scrollDetail moves the detail pane by d lines, never past its end.
func (m *Model) scrollDetail(d int) {
	s, ok := m.list.Selected()
	if !ok {
		return
	}
	m.detailOffset = max(min(m.detailOffset+d, detailLines(s)-m.layout().detailH), 0)
}

// panelIdle reports whether an integrations panel is open with neither
// its form nor its filter taking keys: the mouse may move its list then.
func (m Model) panelIdle() bool {
	return m.integ.panel != panelNone && !m.formOpen && !m.integ.formOpen && !m.integ.current().Filtering()
}

// clickPanel selects the panel row under (x, y), laid out as the
// services list: the title line, the pane's border and the header row
// come before the first row.
func (m Model) clickPanel(x, y int) (Model, tea.Cmd) {
	if x < 1 || x > m.layout().listW {
		return m, nil
	}
	l := m.integ.current()
	if vi := l.RowAt(y - 3); vi >= 0 {
		l.SetCursor(vi)
		m.integ.detailOffset = 0
	}
	return m, m.panelLoadMore()
}

// wheelPanel moves the panel's list by a row, or scrolls the selected
// item's detail when the pointer is over it.
func (m Model) wheelPanel(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	d := common.WheelStep(msg)
	if m.overDetail(msg.X, msg.Y) {
		m.scrollPanelDetail(d)
		return m, nil
	}
	m.integ.current().Move(d)
	m.integ.detailOffset = 0
	return m, m.panelLoadMore()
}

// scrollPanelDetail moves the panel item's detail by d lines, never past
// its end, so scrolling back answers at once.
func (m *Model) scrollPanelDetail(d int) {
	l := m.layout()
	m.integ.detailOffset = common.ClampOffset(m.integ.detailOffset+d, len(m.panelDetail(l.detailW)), l.detailH)
}
