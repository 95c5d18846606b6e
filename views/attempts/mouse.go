package attempts

import (
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// logTop is the view line of the log pane's top border: below the title
// line and, while an export runs, its progress lines.
func (m Model) logTop() int { return 1 + m.layout().exportLines }

// wheel scrolls the attempt (or the insights) as J/K do when the pointer
// is over the lower pane or the attempt is shown in full; over the log it
// moves the cursor.
func (m Model) wheel(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	d := common.WheelStep(msg)
	if !m.zoom && msg.Mouse().Y < m.logTop()+m.layout().listH+2 {
		return m.moveCursor(d)
	}
	m.scrollLower(d)
	return m, nil
}

// scrollLower moves the attempt (in full or below the log) or the
// insights by d lines, never past their end, so scrolling back answers
// at once.
func (m *Model) scrollLower(d int) {
	l := m.layout()
	lines, h := m.lowerLines(l.w), l.lowH
	if m.zoom {
		a, ok := m.list.Selected()
		if !ok {
			return
		}
		if m.fresh != nil && m.fresh.SID == a.SID {
			a = *m.fresh // what viewZoom shows
		}
		lines, h = m.detailLines(a, m.width-2), m.height-3
	}
	m.offset = common.ClampOffset(m.offset+d, len(lines), h)
}
