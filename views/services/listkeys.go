package services

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// clickList selects the service row under (x, y), in the view's
// coordinates: the title line, the pane's top border and the header row
// come before the first service row.
func (m Model) clickList(x, y int) (Model, tea.Cmd) {
	l := m.layout()
	row := y - 3
	if x < 1 || x > l.listW || row < 0 || row >= m.listRows() {
		return m, nil
	}
	if vi := m.list.offset + row; vi < len(m.list.view) {
		m.list.cursor = vi
		m.detailOffset = 0
	}
	after := m.maybeLoadMore()
	return m, after
}

// moveCursor moves the list cursor by d rows, keeps it in view and
// fetches more services when it nears the loaded end.
func (m Model) moveCursor(d int) (Model, tea.Cmd) {
	m.list.move(d)
	m.list.scroll(m.listRows())
	after := m.maybeLoadMore()
	return m, after
}

// step is how many rows a list-moving key moves the cursor; ok is false
// for other keys.
func (m Model) step(k tea.KeyPressMsg) (d int, ok bool) {
	km := m.c.Keys
	switch {
	case key.Matches(k, km.Up):
		return -1, true
	case key.Matches(k, km.Down):
		return 1, true
	case key.Matches(k, km.PageUp):
		return -m.listRows(), true
	case key.Matches(k, km.PageDown):
		return m.listRows(), true
	case key.Matches(k, km.Home):
		return -len(m.list.view), true
	case key.Matches(k, km.End):
		return len(m.list.view), true
	}
	return 0, false
}

// updateList handles keys on the list.
func (m Model) updateList(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	if d, ok := m.step(k); ok {
		m.detailOffset = 0
		return m.moveCursor(d)
	}
	switch {
	case key.Matches(k, km.DetailDown):
		if s, ok := m.list.selected(); ok {
			m.detailOffset = min(m.detailOffset+1, max(detailLines(s)-m.layout().detailH, 0))
		}
	case key.Matches(k, km.DetailUp):
		m.detailOffset = max(m.detailOffset-1, 0)
	case key.Matches(k, km.Select):
		if s, ok := m.list.selected(); ok {
			return m, tea.Batch(selectCmd(s), common.Flash(common.FlashInfo, "current service: "+s.FriendlyName))
		}
	case key.Matches(k, km.Filter):
		m.filtering = true
		m.filter.SetValue(m.list.filter)
		m.filter.CursorEnd()
		after := m.filter.Focus()
		return m, after
	case key.Matches(k, km.Back):
		if m.list.filter != "" {
			m.list.setFilter("")
			m.list.scroll(m.listRows())
		}
	case key.Matches(k, km.Refresh):
		after := m.refresh()
		return m, after
	case key.Matches(k, km.Copy):
		if s, ok := m.list.selected(); ok {
			return m, common.Copy(s.SID, "service SID "+s.SID)
		}
	case key.Matches(k, km.New):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		after := m.openForm(modeCreate, createDefaults())
		return m, after
	case key.Matches(k, km.Edit):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		if s, ok := m.list.selected(); ok {
			after := m.openForm(modeEdit, s)
			return m, after
		}
	case key.Matches(k, km.Delete):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		if s, ok := m.list.selected(); ok {
			return m, askDelete(s)
		}
	}
	return m, nil
}

// askDelete opens the shell's type-the-name confirm dialog.
func askDelete(s twilioapi.Service) tea.Cmd {
	return func() tea.Msg {
		return common.ConfirmMsg{
			Title: "Delete service",
			Body: fmt.Sprintf("Delete %q (%s)?\nIts verifications, factors and rate limits go with it. This cannot be undone.",
				s.FriendlyName, s.SID),
			TypeToConfirm: s.FriendlyName,
			OnConfirm:     common.ToView{View: ID, Msg: deleteConfirmedMsg{SID: s.SID, Name: s.FriendlyName}},
			Mutates:       true,
		}
	}
}

// updateFilter handles keys while the filter input has focus.
func (m Model) updateFilter(msg tea.Msg) (Model, tea.Cmd) {
	km := m.c.Keys
	// Letters are typed into the filter whatever they are bound to.
	if k, ok := msg.(tea.KeyPressMsg); ok && !common.Typed(k) {
		switch {
		case key.Matches(k, km.Back):
			m.filtering = false
			m.filter.Blur()
			m.list.setFilter("")
			m.list.scroll(m.listRows())
			return m, nil
		case key.Matches(k, km.Select):
			m.filtering = false
			m.filter.Blur()
			after := m.maybeLoadMore()
			return m, after
		// Arrow keys move the list while filtering.
		case key.Matches(k, km.Up):
			return m.moveCursor(-1)
		case key.Matches(k, km.Down):
			return m.moveCursor(1)
		}
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() != m.list.filter {
		m.list.setFilter(m.filter.Value())
		m.list.scroll(m.listRows())
	}
	after := tea.Batch(cmd, m.maybeLoadMore())
	return m, after
}
