package totp

import (
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// The mouse (--mouse) does here what it does in the other lists: a click
// on an entity or a factor selects it and focuses its pane, the wheel
// moves the list it is over, or scrolls the factor's details (and the
// enrolment screen) as J/K do. While a filter or a code prompt has the
// keyboard, or the form is open, the mouse does nothing: the selection
// must not move under what is being typed.

// mouseIdle reports whether the mouse may act: the main screen with no
// filter and no prompt taking keys.
func (m Model) mouseIdle() bool {
	return m.screen == screenMain && m.prompt == nil && !m.entities.Filtering() && !m.factors.Filtering()
}

// paneAt says which pane holds view cell (x, y): the entity list (true)
// or the factor pane (false), and the pane's first line inside its
// border.
func (m Model) paneAt(x, y int) (entities bool, top int) {
	l := m.layout()
	const title = 1 // the title line above the panes
	if l.wide {
		return x < l.listW+2, title + 1
	}
	if y < title+l.listH+2 {
		return true, title + 1
	}
	return false, title + l.listH + 2 + 1
}

// factorRowsTop is the factor pane's line of the first factor row: below
// the heading, the PII warning (when shown) and the column header.
func (m Model) factorRowsTop() int {
	n := 2 // heading, header
	if e, ok := m.entities.Selected(); ok && identityLooksPersonal(e.Identity) {
		n++
	}
	return n
}

// click selects the entity or factor under (x, y).
func (m Model) click(msg tea.MouseClickMsg) (Model, tea.Cmd) {
	mouse := msg.Mouse()
	if mouse.Button != tea.MouseLeft || !m.mouseIdle() {
		return m, nil
	}
	onEntities, top := m.paneAt(mouse.X, mouse.Y)
	if onEntities {
		// The column header comes before the first row.
		if vi := m.entities.RowAt(mouse.Y - top - 1); vi >= 0 {
			m.focus = focusEntities
			m.entities.SetCursor(vi)
			return m.entityMoved(true)
		}
		return m, nil
	}
	if e, ok := m.entities.Selected(); !ok || e.Identity != m.factorsOf {
		return m, nil
	}
	if vi := m.factors.RowAt(mouse.Y - top - m.factorRowsTop()); vi >= 0 {
		m.focus = focusFactors
		m.factors.SetCursor(vi)
		return m.factorMoved()
	}
	return m, nil
}

// wheel moves the list under the pointer by a row, or scrolls the
// details below the factor rows (or the enrolment screen).
func (m Model) wheel(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	mouse := msg.Mouse()
	d := common.WheelStep(msg)
	if d == 0 {
		return m, nil
	}
	if m.screen == screenEnrol && m.enrol != nil && m.prompt == nil {
		if d > 0 && m.detailOffset < len(m.enrolLines())-m.height || d < 0 {
			m.detailOffset = max(m.detailOffset+d, 0)
		}
		return m, nil
	}
	if !m.mouseIdle() {
		return m, nil
	}
	onEntities, top := m.paneAt(mouse.X, mouse.Y)
	if onEntities {
		m.entities.Move(d)
		return m.entityMoved(true)
	}
	if e, ok := m.entities.Selected(); !ok || e.Identity != m.factorsOf {
		return m, nil
	}
	// The factor rows end with the list's height (and its "↓ more" row).
	if rows := mouse.Y - top - m.factorRowsTop(); rows < m.factors.Shown() && rows < m.factorRows() {
		m.factors.Move(d)
		return m.factorMoved()
	}
	m.scrollDetail(d)
	return m, nil
}

// factorRows is how many rows the factor list takes below its header.
func (m Model) factorRows() int { return m.layout().factorRows }
