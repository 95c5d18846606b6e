package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Update routes a message. Keys go to the open dialog, else to the
// shell's global bindings unless the active view is capturing text, else
// to the active view. Results go to the view they name, whichever is
// shown. Everything else reaches every view.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m2, cmd := m.update(msg)
	after := tea.Batch(cmd, m2.startSpinner())
	return m2, after
}

// update is Update with the concrete type (tests use it).
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.resize()
		return m, nil

	case tea.BackgroundColorMsg:
		if m.theme != common.ThemePlain {
			if msg.IsDark() {
				m.setTheme(common.ThemeDark)
			} else {
				m.setTheme(common.ThemeLight)
			}
		}
		return m, nil

	case tea.EnvMsg:
		if msg.Getenv("NO_COLOR") != "" {
			m.setTheme(common.ThemePlain)
		}
		return m, nil

	case tea.KeyPressMsg:
		return m.updateKey(msg)

	case tea.PasteMsg:
		if m.dialog != nil {
			return m.updateDialog(msg)
		}
		if m.hidesView() {
			return m, nil // as with keys: nothing types into what is not drawn
		}
		after := m.updateView(m.active, msg)
		return m, after

	case tea.MouseClickMsg:
		return m.updateClick(msg)

	case tea.MouseWheelMsg:
		return m.updateWheel(msg)

	case common.Result[[]twilioapi.OutboxMessage]:
		if msg.View == viewShell {
			after := m.onOutbox(msg)
			return m, after
		}
		return m.deliver(msg)

	case common.ToView:
		if i := m.viewIndex(msg.View); i >= 0 {
			after := m.updateView(i, msg.Msg)
			return m, after
		}
		return m, nil

	case common.Addressed:
		return m.deliver(msg)

	case common.ShowViewMsg:
		if i := m.viewIndex(msg.View); i >= 0 {
			return m.switchTab(i)
		}
		return m, nil

	case common.ServiceSelectedMsg:
		m.current = msg.Service
		m.c.Logger.Debug("current service", "service_sid", msg.Service.SID)
		after := m.broadcast(msg)
		return m, after

	case common.FlashMsg:
		after := m.showFlash(msg)
		return m, after

	case flashExpiredMsg:
		if msg.id == m.flashID {
			m.flash = flash{}
		}
		return m, nil

	case common.ShowErrorMsg:
		if msg.Err != nil {
			m.c.Logger.Error("error dialog", "title", msg.Title, "err", msg.Err.Error())
		}
		m.dialog = newErrorDialog(msg.Title, msg.Err)
		return m, nil

	case common.ConfirmMsg:
		if m.c.ReadOnly && msg.Mutates {
			return m, common.Flash(common.FlashWarn, twilioapi.ReadOnlyMessage)
		}
		m.dialog = newConfirm(msg)
		return m, nil

	case quitMsg:
		return m, tea.Quit

	case outboxTickMsg:
		after := m.fetchOutbox()
		return m, after

	case spinner.TickMsg:
		if !m.anyBusy() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	// Ticks and view-private messages: each view ignores what is not its own.
	after := m.broadcast(msg)
	return m, after
}

// deliver hands an addressed message to the view it names; a message for
// a view that does not exist is dropped.
func (m Model) deliver(msg common.Addressed) (Model, tea.Cmd) {
	if i := m.viewIndex(msg.Addressee()); i >= 0 {
		after := m.updateView(i, msg)
		return m, after
	}
	return m, nil
}

// updateKey routes a key: ctrl+c always quits; below the minimum size
// only quit works; an open dialog takes every other key; the shell's
// keys come next unless the view is taking text; the view gets the rest.
func (m Model) updateKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	if key.Matches(msg, km.ForceQuit) {
		return m, tea.Quit
	}
	if m.tooSmall() && m.dialog == nil {
		// Nothing but the notice is drawn, so no key acts on what the
		// user cannot see: q may be meant for a text field. Only ctrl+c,
		// which the notice names, quits. (An open dialog is drawn over
		// the notice and keeps its keys.)
		return m, nil
	}
	if m.dialog != nil {
		return m.updateDialog(msg)
	}
	if m.showHelp {
		return m.updateHelpKey(msg)
	}
	if !m.viewCapturing() && !m.viewClaims(msg) {
		if m2, cmd, ok := m.globalKey(msg); ok {
			return m2, cmd
		}
	}
	after := m.updateView(m.active, msg)
	return m, after
}

// updateClick routes a click: on the tab bar it switches tabs, in the
// content area it goes to the view.
func (m Model) updateClick(msg tea.MouseClickMsg) (Model, tea.Cmd) {
	if m.dialog != nil || m.tooSmall() {
		return m, nil
	}
	if msg.Mouse().Y == 0 {
		if i := m.tabAt(msg.Mouse().X); i >= 0 {
			m.showHelp = false
			return m.switchTab(i)
		}
		return m, nil
	}
	if m.showHelp {
		return m, nil // the help page has nothing to click
	}
	// Below the tab bar: the view gets the click in its own
	// coordinates (its area starts on row 1).
	if _, ch := m.contentSize(); msg.Mouse().Y <= ch {
		msg.Y--
		after := m.updateView(m.active, msg)
		return m, after
	}
	return m, nil
}

// updateWheel routes a wheel turn: it scrolls the help page when that is
// open; in the content area it goes to the view in the view's own
// coordinates, as a click does (the views pick the pane under the
// pointer by its row); elsewhere, or while a dialog is open, nothing.
func (m Model) updateWheel(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	if m.dialog != nil || m.tooSmall() {
		return m, nil
	}
	if m.showHelp {
		return m.scrollHelp(msg)
	}
	if _, ch := m.contentSize(); msg.Mouse().Y >= 1 && msg.Mouse().Y <= ch {
		msg.Y--
		after := m.updateView(m.active, msg)
		return m, after
	}
	return m, nil
}

// startSpinner starts the status-line spinner when a call is in flight.
func (m *Model) startSpinner() tea.Cmd {
	if m.spinning || !m.anyBusy() {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

// globalKey handles the shell's own keys; ok is false for other keys.
func (m Model) globalKey(k tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	km := m.c.Keys
	for i := range km.Tabs {
		if key.Matches(k, km.Tabs[i]) {
			m2, cmd := m.switchTab(i)
			return m2, cmd, true
		}
	}
	switch {
	case key.Matches(k, km.NextTab):
		m2, cmd := m.switchTab((m.active + 1) % len(m.views))
		return m2, cmd, true
	case key.Matches(k, km.PrevTab):
		m2, cmd := m.switchTab((m.active + len(m.views) - 1) % len(m.views))
		return m2, cmd, true
	case key.Matches(k, km.Help):
		m.showHelp, m.helpScroll = true, common.Scroll{}
		return m, nil, true
	case key.Matches(k, km.Quit):
		m2, cmd := m.quit()
		return m2, cmd, true
	}
	return m, nil, false
}

// quit quits, asking first when a verification is pending.
func (m Model) quit() (Model, tea.Cmd) {
	var said []string
	switch n := m.pendingCount(); {
	case n == 1:
		said = append(said, "A verification is still pending. Its session (and the code check) will be lost here; Twilio keeps it until it expires.")
	case n > 1:
		said = append(said, fmt.Sprintf("%d verifications are still pending. Their sessions (and the code checks) will be lost here; Twilio keeps them until they expire.", n))
	}
	for _, v := range m.views {
		if w, ok := v.(common.QuitWarner); ok {
			if text := w.QuitWarning(); text != "" {
				said = append(said, text)
			}
		}
	}
	if len(said) == 0 {
		return m, tea.Quit
	}
	m.dialog = newConfirm(common.ConfirmMsg{Title: "Quit?", Body: strings.Join(said, " "), OnConfirm: quitMsg{}})
	return m, nil
}

// switchTab shows tab i.
func (m Model) switchTab(i int) (Model, tea.Cmd) {
	if i < 0 || i >= len(m.views) || i == m.active {
		return m, nil
	}
	m.active = i
	m.resize()
	after := m.updateView(i, common.ShownMsg{})
	return m, after
}

// updateDialog gives the dialog the message; a confirmed action goes to
// the view it is addressed to (a ResultMsg) or to every view (each view
// knows only its own message types).
func (m Model) updateDialog(msg tea.Msg) (Model, tea.Cmd) {
	d := *m.dialog
	done, out, cmd := d.update(msg, m.c.Keys)
	if !done {
		m.dialog = &d
		return m, cmd
	}
	m.dialog = nil
	if out == nil {
		return m, cmd
	}
	if _, isQuit := out.(quitMsg); isQuit {
		return m, tea.Quit
	}
	if am, ok := out.(common.Addressed); ok {
		m2, c2 := m.update(am)
		return m2, tea.Batch(cmd, c2)
	}
	after := tea.Batch(cmd, m.broadcast(out))
	return m, after
}

// setTheme rebuilds the styles in place, so every holder of
// Common.Styles sees the new theme on the next frame.
func (m *Model) setTheme(k common.ThemeKind) {
	m.theme = k
	*m.c.Styles = *common.NewStyles(common.ThemeFor(k))
	m.help.Styles = m.c.Styles.Help
	m.spin.Style = m.c.Styles.Spinner
}
