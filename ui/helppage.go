package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// The full help (?) is a page drawn in place of the active view: the
// view's key groups, then the tabs and the global keys, in columns that
// wrap to the width and scroll when they do not fit. A page rather than a
// panel under the view, so that at the minimum size nothing is cut off
// and the view keeps its whole area the rest of the time.

// helpPageLines is the help page at width w, one string per row.
func (m Model) helpPageLines(w int) []string {
	km := m.c.Keys
	_, full := m.activeHelp()
	g := km.GlobalHelp()
	tabs := len(km.Tabs)
	groups := append(append([][]key.Binding(nil), full...), m.unclaimed(g[:tabs]), g[tabs:])

	title := "Keys"
	if len(m.views) > 0 {
		title = "Keys · " + m.views[m.active].Title()
	}
	lines := []string{m.c.Styles.Title.Render(common.Truncate(title, w)), ""}
	for i, row := range packColumns(m.help, groups, w) {
		if i > 0 {
			lines = append(lines, "")
		}
		for _, l := range strings.Split(row, "\n") {
			lines = append(lines, common.Truncate(l, w))
		}
	}
	return lines
}

// packColumns lays the groups out as help columns, as many side by side
// as fit in w, the rest on further rows.
func packColumns(h help.Model, groups [][]key.Binding, w int) []string {
	h.SetWidth(0) // each row is sized here; nothing is dropped
	sepW := lipgloss.Width(h.FullSeparator)
	var rows []string
	var row [][]key.Binding
	rowW := 0
	for _, g := range groups {
		colW := lipgloss.Width(h.FullHelpView([][]key.Binding{g}))
		if colW == 0 {
			continue // no enabled key
		}
		if len(row) > 0 && rowW+sepW+colW > w {
			rows = append(rows, h.FullHelpView(row))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			rowW += sepW
		}
		row = append(row, g)
		rowW += colW
	}
	if len(row) > 0 {
		rows = append(rows, h.FullHelpView(row))
	}
	return rows
}

// renderHelpPage is the help page in the content area (w×h).
func (m Model) renderHelpPage(w, h int) string {
	sc := m.helpScroll
	return strings.Join(sc.Window(m.c.Styles, m.helpPageLines(w), w, h, -1, -1), "\n")
}

// updateHelpKey handles a key while the help page is open: it scrolls,
// ? or esc closes it, quit quits; other keys do nothing, so none reaches
// a view the user cannot see.
func (m Model) updateHelpKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	w, h := m.contentSize()
	n := len(m.helpPageLines(w))
	switch {
	case key.Matches(k, km.Help), key.Matches(k, km.Back), key.Matches(k, km.Cancel):
		m.showHelp = false
		m.helpScroll = common.Scroll{}
		m.resize()
	case key.Matches(k, km.Quit):
		return m.quit()
	case key.Matches(k, km.Down):
		m.helpScroll.By(1)
	case key.Matches(k, km.Up):
		m.helpScroll.By(-1)
	case key.Matches(k, km.PageDown):
		m.helpScroll.By(max(h-1, 1))
	case key.Matches(k, km.PageUp):
		m.helpScroll.By(-max(h-1, 1))
	case key.Matches(k, km.Home):
		m.helpScroll.Offset = 0
	case key.Matches(k, km.End):
		m.helpScroll.Offset = n
	}
	m.helpScroll.Offset = common.ClampOffset(m.helpScroll.Offset, n, h)
	return m, nil
}

// helpPageHelp is the help line while the help page is open.
func (m Model) helpPageHelp() []key.Binding {
	km := m.c.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp(km.Up.Help().Key+"/"+km.Down.Help().Key, "scroll")),
		common.WithDesc(km.Help, "close help"),
		km.Quit,
	}
}

// scrollHelp moves the help page with the mouse wheel.
func (m Model) scrollHelp(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	switch msg.Mouse().Button {
	case tea.MouseWheelDown:
		m.helpScroll.By(1)
	case tea.MouseWheelUp:
		m.helpScroll.By(-1)
	}
	w, h := m.contentSize()
	m.helpScroll.Offset = common.ClampOffset(m.helpScroll.Offset, len(m.helpPageLines(w)), h)
	return m, nil
}

// unclaimed leaves out the bindings whose every key the active view
// takes first just now (on a session waiting for its code, digits type
// the code, so 1–5 do not switch views there; tab still does).
func (m Model) unclaimed(bs []key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bs {
		if !slices.ContainsFunc(b.Keys(), func(k string) bool { return !m.viewClaims(keyPress(k)) }) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// keyPress is the key press that types k, for a one-character key name
// ("7"); other names (ctrl+…, f1) give a press no view claims.
func keyPress(k string) tea.KeyPressMsg {
	if r := []rune(k); len(r) == 1 {
		return tea.KeyPressMsg{Code: r[0], Text: k}
	}
	return tea.KeyPressMsg{}
}
