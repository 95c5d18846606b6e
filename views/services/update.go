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
	if x < 1 || x > l.listW {
		return m, nil
	}
	if vi := m.list.RowAt(y - 3); vi >= 0 {
		m.list.SetCursor(vi)
		m.detailOffset = 0
	}
	after := m.maybeLoadMore()
	return m, after
}

// moveCursor moves the list cursor by d rows, keeps it in view and
// fetches more services when it nears the loaded end.
func (m Model) moveCursor(d int) (Model, tea.Cmd) {
	m.list.Move(d)
	after := m.maybeLoadMore()
	return m, after
}

// updateList handles keys on the list.
func (m Model) updateList(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	if d, ok := m.list.Step(k, km); ok {
		m.detailOffset = 0
		return m.moveCursor(d)
	}
	switch {
	case key.Matches(k, km.DetailDown):
		m.scrollDetail(1)
	case key.Matches(k, km.DetailUp):
		m.scrollDetail(-1)
	case key.Matches(k, km.Select):
		if s, ok := m.list.Selected(); ok {
			return m.useService(s)
		}
	case key.Matches(k, km.Filter):
		after := m.list.StartFilter()
		return m, after
	case key.Matches(k, km.Back):
		if m.list.Filter() != "" {
			m.list.SetFilter("")
			break
		}
		after := m.cancelCalls()
		return m, after
	case key.Matches(k, km.Refresh):
		after := m.refresh()
		return m, after
	case key.Matches(k, km.Copy):
		if s, ok := m.list.Selected(); ok {
			return m, common.Copy(s.SID, "service SID")
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
		if s, ok := m.list.Selected(); ok {
			after := m.openForm(modeEdit, s)
			return m, after
		}
	case key.Matches(k, km.Delete):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		if s, ok := m.list.Selected(); ok {
			return m, askDelete(s)
		}
	default:
		if p := m.panelKeyFor(k); p != panelNone {
			s, ok := m.list.Selected()
			if !ok && p != panelDeliveries {
				return m, common.Flash(common.FlashWarn, "select a service first")
			}
			return m.openPanel(p, s)
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

// updateFilter handles keys while the filter input has focus; more
// services are fetched as the filter narrows the loaded ones.
func (m Model) updateFilter(msg tea.Msg) (Model, tea.Cmd) {
	cmd, _ := m.list.UpdateFilter(msg, m.c.Keys)
	after := tea.Batch(cmd, m.maybeLoadMore())
	return m, after
}

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
	case common.Result[twilioapi.WebhookPage]:
		return m.onWebhookPage(msg)
	case common.Result[twilioapi.MessagingConfigurationPage]:
		return m.onConfigPage(msg)
	case common.Result[twilioapi.TemplatePage]:
		return m.onTemplatePage(msg)
	case common.Result[[]twilioapi.WebhookDelivery]:
		return m.onDeliveries(msg)
	case common.Result[twilioapi.Webhook]:
		return m.onWebhookSaved(msg)
	case common.Result[twilioapi.MessagingConfiguration]:
		return m.onConfigSaved(msg)
	case common.Result[defaultKept]:
		return m.onDefaultKept(msg)
	case common.Result[panelDeleted]:
		return m.onPanelDeleted(msg)
	case panelDeleteConfirmed:
		return m.startPanelDelete(msg)
	case common.ServiceSelectedMsg:
		m.current = msg.Service.SID
		return m, nil
	case discardMsg:
		m.formOpen = false
		return m, nil
	case panelDiscardMsg:
		m.integ.formOpen = false
		return m, nil
	case deleteConfirmedMsg:
		return m.startDelete(msg)
	case tea.KeyPressMsg:
		switch {
		case m.integ.panel != panelNone && !m.formOpen:
			return m.updatePanel(msg)
		case m.formOpen:
			return m.updateForm(msg)
		case m.list.Filtering():
			return m.updateFilter(msg)
		}
		return m.updateList(msg)
	case tea.PasteMsg:
		if m.integ.panel != panelNone && !m.formOpen {
			return m.updatePanel(msg)
		}
		if m.formOpen {
			return m.updateForm(msg)
		}
		if m.list.Filtering() {
			return m.updateFilter(msg)
		}
	case tea.MouseClickMsg:
		if m.panelIdle() && msg.Button == tea.MouseLeft {
			return m.clickPanel(msg.X, msg.Y)
		}
		if !m.formOpen && m.integ.panel == panelNone && msg.Button == tea.MouseLeft {
			return m.clickList(msg.X, msg.Y)
		}
	case tea.MouseWheelMsg:
		if m.panelIdle() {
			return m.wheelPanel(msg)
		}
		if !m.formOpen && m.integ.panel == panelNone {
			d := common.WheelStep(msg)
			if m.overDetail(msg.X, msg.Y) {
				m.scrollDetail(d)
				return m, nil
			}
			m.detailOffset = 0
			return m.moveCursor(d)
		}
	}
	return m, nil
}
