package guard

import (
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// doc builds a panel's lines, w cells wide: wrapped text, rows with a
// cursor, labelled values. focusTop and focusBottom are the lines that
// must stay visible (the selected row, the form), -1 when none.
type doc struct {
	st                    *common.Styles
	w                     int
	lines                 []string
	focusTop, focusBottom int
	// selected says the cursor row is drawn highlighted (the panel has
	// the keys).
	selected bool
	// rows are the lines of the rows, in cursor order (a click finds its
	// row by line).
	rows []int
}

func newDoc(st *common.Styles, w int, selected bool) *doc {
	return &doc{st: st, w: max(w, 1), focusTop: -1, focusBottom: -1, selected: selected}
}

// text adds s wrapped to the width, in style.
func (d *doc) text(style lipgloss.Style, s string) {
	for _, l := range common.Wrap(s, d.w) {
		d.lines = append(d.lines, style.Render(l))
	}
}

// hang adds s with a hanging indent after prefix ("⚠ ", "✓ ").
func (d *doc) hang(prefix string, style lipgloss.Style, s string) {
	d.lines = append(d.lines, common.Hanging(prefix, s, style.Render, d.w)...)
}

// heading adds a section title.
func (d *doc) heading(s string) {
	d.lines = append(d.lines, d.st.Heading.Render(common.Truncate(s, d.w)))
}

// blank adds an empty line (never two in a row, never first).
func (d *doc) blank() {
	if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
		d.lines = append(d.lines, "")
	}
}

// line adds one line, cut to the width.
func (d *doc) line(s string) { d.lines = append(d.lines, common.Truncate(s, d.w)) }

// header adds a table header row.
func (d *doc) header(s string) {
	d.lines = append(d.lines, d.st.Header.Render(common.PadRight(s, d.w)))
}

// row adds a table row; the cursor row is highlighted and kept in view.
func (d *doc) row(s string, cursor bool) {
	line := common.PadRight(s, d.w)
	switch {
	case cursor && d.selected:
		line = d.st.Selected.Render(line)
	case cursor:
		line = d.st.Bold.Render(line)
	default:
		line = d.st.Row.Render(line)
	}
	if cursor {
		d.focus(len(d.lines), len(d.lines))
	}
	d.rows = append(d.rows, len(d.lines))
	d.lines = append(d.lines, line)
}

// kv adds a labelled value, labels padded to labelW.
func (d *doc) kv(labelW int, label, value string, vs lipgloss.Style) {
	d.lines = append(d.lines, common.Truncate(d.st.Label.Render(common.PadRight(label, labelW))+" "+vs.Render(value), d.w))
}

// focus marks lines top..bottom as the ones to keep visible.
func (d *doc) focus(top, bottom int) { d.focusTop, d.focusBottom = top, bottom }

// problem adds an explained error.
func (d *doc) problem(p *common.Problem) {
	if p != nil {
		d.lines = append(d.lines, p.Render(d.st, d.w, "")...)
	}
}

// loadFailed adds a panel's failed load and, as under a list, the key
// that loads it again.
func (d *doc) loadFailed(p *common.Problem, retry key.Binding) {
	d.problem(p)
	d.hang("  ", d.st.Subtle, common.RetryHint(common.KeyName(retry)))
}
