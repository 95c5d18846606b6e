package services

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// panes is where the list and detail panes go for the current size.
type panes struct {
	wide             bool
	listW, listH     int // list content (inside the border)
	detailW, detailH int // detail content (inside the border)
}

// layout splits the area: side by side from 110 columns, stacked below.
func (m Model) layout() panes {
	h := m.height - 1 // title line
	if m.width >= 110 {
		lw := m.width * 11 / 20
		return panes{wide: true, listW: lw - 2, listH: h - 2, detailW: m.width - lw - 2, detailH: h - 2}
	}
	lh := max(h*2/5, 5)
	return panes{listW: m.width - 2, listH: lh - 2, detailW: m.width - 2, detailH: h - lh - 2}
}

// pane draws a block (lines, fitted to w×h unless exact) in a bordered
// box of exactly (w+2)×(h+2) cells.
func pane(st lipgloss.Style, lines []string, w, h int, exact bool) []string {
	return common.Box(st, common.FitLines(lines, w, h, exact), w, h)
}

// View renders the view in the size SetSize gave it.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.c.Styles
	if m.formOpen {
		return m.viewForm()
	}
	if m.integ.panel != panelNone {
		return m.viewPanel()
	}
	l := m.layout()
	listBody, exact := m.renderList(l.listW)
	var detailBody []string
	if s, ok := m.list.Selected(); ok {
		detailBody = strings.Split(renderDetail(st, s, l.detailW, l.detailH, m.detailOffset), "\n")
	}
	listPane := pane(st.PaneFocused, listBody, l.listW, l.listH, exact)
	detailPane := pane(st.Pane, detailBody, l.detailW, l.detailH, false)
	var body []string
	if l.wide {
		body = common.JoinColumns(listPane, detailPane)
	} else {
		body = append(listPane, detailPane...)
	}
	lines := append([]string{common.PadRight(m.title(), m.width)}, body...)
	return strings.Join(common.FitLines(lines, m.width, m.height, l.listW > 0 && l.listH > 0 && l.detailW > 0 && l.detailH > 0), "\n")
}

// title is the line above the panes: counts, paging and the filter.
func (m Model) title() string {
	st := m.c.Styles
	if m.list.Filtering() {
		return st.Title.Render("Services ") + m.list.FilterView(st, m.width-30)
	}
	// Where the cursor is, as k9s shows it: paging through a large
	// account needs a sense of place.
	parts := m.list.Position()
	if m.loading() {
		parts = strings.TrimPrefix(parts+" · loading…", " · ")
	}
	line := st.Title.Render("Services") + "  " + st.Subtle.Render(parts)
	if err := m.list.Err(); err != nil && m.list.Len() > 0 {
		// A failed refresh keeps the rows; this line says they are old.
		line += "  " + st.Error.Render("✗ refresh failed: "+err.Error()+" · "+common.KeyName(m.c.Keys.Refresh)+" retries")
	}
	return common.Truncate(line, m.width)
}

// viewForm renders the create/edit form over the whole view.
func (m Model) viewForm() string {
	st := m.c.Styles
	title := "New service"
	if m.formMode == modeEdit {
		title = "Edit " + m.formBase.FriendlyName + " (" + m.formBase.SID + ")"
	}
	if m.reqs.Any(is(reqSave)) {
		title += " — saving…"
	}
	f := m.form
	w, h := m.width-2, m.height-3
	body := strings.Split(f.View(st, w, h), "\n")
	lines := append([]string{common.Truncate(st.Title.Render(title), m.width)}, pane(st.PaneFocused, body, w, h, false)...)
	return common.Fit(strings.Join(lines, "\n"), m.width, m.height)
}
