package guard

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// sectionsW is the section list's width inside its border.
const sectionsW = 18

// panes is where the section list and the panel go.
type panes struct {
	leftW, rightW, h int // inside the borders
}

// layout splits the area below the title line: the section list on the
// left, the open panel on the right.
func (m Model) layout() panes {
	return panes{leftW: sectionsW, rightW: max(m.width-sectionsW-4, 0), h: max(m.height-3, 0)}
}

// paneHeight is the panel's height in lines.
func (m Model) paneHeight() int { return m.layout().h }

// panelDoc draws the open panel's lines for its width.
func (m Model) panelDoc() *doc {
	d := newDoc(m.c.Styles, m.layout().rightW, m.inPane)
	switch m.sec {
	case secSafeList:
		m.renderSafeList(d)
	case secRiskCheck:
		m.renderRiskCheck(d)
	case secNumberRisk:
		m.renderNumberRisk(d)
	case secRateLimits:
		m.renderRateLimits(d)
	case secBlocked:
		m.renderBlocked(d)
	case secConsole:
		m.renderConsole(d)
	}
	return d
}

// keepInView scrolls the open panel so its cursor row is visible.
func (m *Model) keepInView() {
	if m.width <= 0 || m.height <= 0 || m.formOpen {
		return
	}
	d := m.panelDoc()
	m.offsets[m.sec].Window(m.c.Styles, d.lines, d.w, m.paneHeight(), d.focusTop, d.focusBottom)
}

// clampScroll keeps a hand-scrolled panel within its lines.
func (m *Model) clampScroll() {
	if m.width <= 0 || m.height <= 0 {
		return
	}
	d := m.panelDoc()
	m.offsets[m.sec].Window(m.c.Styles, d.lines, d.w, m.paneHeight(), -1, -1)
}

// View renders the view in the size SetSize gave it.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.c.Styles
	l := m.layout()
	left := common.Box(paneStyle(st, !m.inPane && !m.formOpen), common.FitLines(m.sectionLines(), l.leftW, l.h, false), l.leftW, l.h)
	right := common.Box(paneStyle(st, m.inPane || m.formOpen), common.FitLines(m.panelLines(l.rightW, l.h), l.rightW, l.h, false), l.rightW, l.h)
	lines := append([]string{common.PadRight(m.title(), m.width)}, common.JoinColumns(left, right)...)
	return strings.Join(common.FitLines(lines, m.width, m.height, false), "\n")
}

// paneStyle is the border of a pane with or without the keys.
func paneStyle(st *common.Styles, focused bool) lipgloss.Style {
	if focused {
		return st.PaneFocused
	}
	return st.Pane
}

// title is the line above the panes: the current service and, on a
// sandbox, that the simulation is there.
func (m Model) title() string {
	st := m.c.Styles
	svc := "no current service"
	if m.hasService() {
		svc = "service " + m.service.FriendlyName + " (" + twilioapi.MaskSID(m.service.SID) + ")"
	}
	return common.Truncate(st.Title.Render("Guard")+"  "+st.Subtle.Render(svc+" · fraud protection"), m.width)
}

// sectionLines is the section list.
func (m Model) sectionLines() []string {
	st := m.c.Styles
	out := make([]string, 0, numSections)
	for s := section(0); s < numSections; s++ {
		line := common.PadRight("  "+s.title(), sectionsW)
		if s == m.sec {
			line = common.PadRight("› "+s.title(), sectionsW)
			if !m.inPane && !m.formOpen {
				line = st.Selected.Render(line)
			} else {
				line = st.Bold.Render(line)
			}
		}
		out = append(out, line)
	}
	return out
}

// panelLines is the open panel (or its form), scrolled, w×h.
func (m Model) panelLines(w, h int) []string {
	if m.formOpen {
		st := m.c.Styles
		title := m.form.title
		if m.saving() {
			title += " — saving…"
		}
		head := common.Hanging("", title, st.Heading.Render, w)
		f := m.form.form
		body := strings.Split(f.View(st, w, max(h-len(head)-1, 1)), "\n")
		return append(append(head, ""), body...)
	}
	d := m.panelDoc()
	sc := m.offsets[m.sec]
	return sc.Window(m.c.Styles, d.lines, w, h, -1, -1)
}
