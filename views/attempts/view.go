package attempts

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/progress"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// panes is where the log and the lower pane go: the log on top, full
// width (its columns need it), the attempt or the insights below.
type panes struct {
	w           int // content width of both panes
	listH, lowH int // content heights (inside the borders)
	exportLines int // lines of the export's progress, above the panes
}

// layout splits the area for the current size.
func (m Model) layout() panes {
	h := m.height - 1 // title line
	p := panes{w: m.width - 2}
	if m.exp.running {
		p.exportLines = 2
		h -= p.exportLines
	}
	lh := max(h*11/20, 5)
	if m.pane == paneInsights {
		// The charts need the room more than the log's rows.
		lh = max(h*2/5, 5)
	}
	p.listH, p.lowH = lh-2, h-lh-2
	return p
}

// View implements common.View.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	switch {
	case m.exp.form != nil:
		return m.viewForm("Export the filtered log ("+m.filter.Describe(m.c.Now().Location(), m.destination)+")", m.exp.form)
	case m.form != nil:
		title := "Filter attempts at Twilio"
		if m.loading() {
			title += " — asking Twilio…"
		}
		return m.viewForm(title, &m.form.form)
	case m.zoom:
		return m.viewZoom()
	}
	st := m.c.Styles
	l := m.layout()
	logBody, exact := m.renderLog(l.w, !m.list.Filtering())
	lines := []string{common.PadRight(m.title(), m.width)}
	if m.exp.running {
		lines = append(lines, m.exportLines(m.width)...)
	}
	lines = append(lines, common.Box(st.PaneFocused, common.FitLines(logBody, l.w, l.listH, exact), l.w, l.listH)...)
	low := m.lowerLines(l.w)
	off := common.ClampOffset(m.offset, len(low), l.lowH)
	lines = append(lines, common.Box(st.Pane, common.FitLines(low[off:], l.w, l.lowH, false), l.w, l.lowH)...)
	return strings.Join(common.FitLines(lines, m.width, m.height, false), "\n")
}

// lowerLines are the lower pane's content: the selected attempt, or the
// insights.
func (m Model) lowerLines(w int) []string {
	if m.pane == paneInsights {
		return m.insightsLines(w)
	}
	if a, ok := m.list.Selected(); ok {
		return m.detailLines(a, w)
	}
	return []string{m.c.Styles.Subtle.Render("No attempt selected.")}
}

// title is the line above the panes: the filter, where the cursor is
// and the paging.
func (m Model) title() string {
	st := m.c.Styles
	if m.list.Filtering() {
		return st.Title.Render("Attempts ") + m.list.FilterView(st, m.width-30)
	}
	pos := m.list.Position()
	if m.loading() {
		pos = strings.TrimPrefix(pos+" · loading…", " · ")
	}
	if len(m.waiting) > 0 {
		pos += " · paced under Twilio's 100 calls/min"
	}
	desc := m.filter.Describe(m.c.Now().Location(), m.destination)
	return common.Truncate(st.Title.Render("Attempts")+"  "+desc+"  "+st.Subtle.Render(pos), m.width)
}

// exportLines are the running export's progress: what it writes, a bar
// and how to cancel.
func (m Model) exportLines(w int) []string {
	st := m.c.Styles
	e := m.exp
	what := fmt.Sprintf("Exporting to %s: %s attempts in %d pages", e.job.path, thousands(e.rows), e.pages)
	if e.total > 0 {
		what = fmt.Sprintf("Exporting to %s: %s of %s attempts", e.job.path, thousands(e.rows), thousands(e.total))
	}
	if !e.retryAt.IsZero() {
		what += " · Twilio's rate limit: resuming at " + common.ClockTime(e.retryAt)
	}
	hint := "  " + common.KeyName(m.c.Keys.Back) + " cancels"
	barW := max(w-common.Width(hint)-1, 10)
	bar := progress.New(progress.WithWidth(barW), progress.WithFillCharacters('█', '░'), progress.WithColors(st.Theme.Accent))
	pct := e.progress()
	if pct < 0 {
		// Unknown total: the bar shows pages, a page at a time.
		pct = float64(e.pages%10) / 10
	}
	return []string{common.Truncate(what, w), common.Truncate(bar.ViewAs(pct), barW) + st.Subtle.Render(hint)}
}

// viewZoom is the selected attempt in full over the whole view.
func (m Model) viewZoom() string {
	st := m.c.Styles
	a, ok := m.list.Selected()
	if !ok {
		return common.Fit("", m.width, m.height)
	}
	note := "from the log · fetching…"
	if m.fresh != nil && m.fresh.SID == a.SID {
		a, note = *m.fresh, "as Twilio has it now"
	}
	w, h := m.width-2, m.height-3
	lines := m.detailLines(a, w)
	off := common.ClampOffset(m.offset, len(lines), h)
	title := common.Truncate(st.Title.Render("Attempt "+a.SID)+"  "+st.Subtle.Render(note), m.width)
	out := append([]string{common.PadRight(title, m.width)}, common.Box(st.PaneFocused, common.FitLines(lines[off:], w, h, false), w, h)...)
	return strings.Join(common.FitLines(out, m.width, m.height, false), "\n")
}

// viewForm draws a form over the whole view.
func (m Model) viewForm(title string, f *common.Form) string {
	st := m.c.Styles
	w, h := m.width-2, m.height-3
	body := strings.Split(f.View(st, w, h), "\n")
	lines := append([]string{common.Truncate(st.Title.Render(title), m.width)}, common.Box(st.PaneFocused, common.FitLines(body, w, h, false), w, h)...)
	return common.Fit(strings.Join(lines, "\n"), m.width, m.height)
}
