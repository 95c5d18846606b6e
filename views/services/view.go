package services

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// layoutT is where the list and detail panes go for the current size.
type layoutT struct {
	wide             bool
	listW, listH     int // list content (inside the border)
	detailW, detailH int // detail content (inside the border)
}

// layout splits the area: side by side from 110 columns, stacked below.
func (m Model) layout() layoutT {
	h := m.height - 1 // title line
	if m.width >= 110 {
		lw := m.width * 11 / 20
		return layoutT{wide: true, listW: lw - 2, listH: h - 2, detailW: m.width - lw - 2, detailH: h - 2}
	}
	lh := max(h*2/5, 5)
	return layoutT{listW: m.width - 2, listH: lh - 2, detailW: m.width - 2, detailH: h - lh - 2}
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
	l := m.layout()
	var listBody []string
	exact := false
	switch {
	case m.loadErr != nil && len(m.list.items) == 0:
		listBody = []string{st.Error.Render("Could not load services: " + m.loadErr.Error())}
		var te *twilioapi.Error
		if errors.As(m.loadErr, &te) && te.Hint != "" {
			listBody = append(listBody, te.Hint)
		}
		listBody = append(listBody, st.Subtle.Render("Press "+m.c.Keys.Refresh.Help().Key+" to retry."))
	case !m.list.loaded:
		listBody = []string{st.Subtle.Render("Loading services…")}
	case len(m.list.items) == 0:
		listBody = []string{st.Subtle.Render("No services yet. Press " + m.c.Keys.New.Help().Key + " to create one.")}
	case len(m.list.view) == 0:
		listBody = []string{st.Subtle.Render(fmt.Sprintf("No loaded service matches %q.", m.list.filter))}
	default:
		listBody = m.list.render(st, l.listW, l.listH, m.current, !m.filtering)
		exact = true
	}
	var detailBody []string
	if s, ok := m.list.selected(); ok {
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
	if m.filtering {
		in := m.filter
		in.SetStyles(st.Input)
		in.SetWidth(max(m.width-30, 10))
		return st.Title.Render("Services ") + in.View()
	}
	var parts []string
	n := len(m.list.items)
	if len(m.list.view) > 0 {
		// Where the cursor is, as k9s shows it: paging through a large
		// account needs a sense of place.
		parts = append(parts, fmt.Sprintf("%d/%d", m.list.cursor+1, len(m.list.view)))
	}
	switch {
	case m.list.filter != "":
		parts = append(parts, fmt.Sprintf("%d of %d loaded match /%s", len(m.list.view), n, m.list.filter))
	case m.list.loaded:
		parts = append(parts, fmt.Sprintf("%d loaded", n))
	}
	if m.list.next != "" {
		parts = append(parts, "more on scroll")
	}
	if m.reqs.Any(is(reqPage)) || m.reqs.Any(is(reqList)) {
		parts = append(parts, "loading…")
	}
	return common.Truncate(st.Title.Render("Services")+"  "+st.Subtle.Render(strings.Join(parts, " · ")), m.width)
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
