package attempts

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// eighths are the partial blocks of a bar or column, by eighths.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// levels are a column's fill from empty to full, by eighths.
var levels = []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// bar is a horizontal bar of frac (0–1) in w cells.
func bar(frac float64, w int) string {
	if w <= 0 {
		return ""
	}
	n := int(frac*float64(w*8) + 0.5)
	n = max(0, min(n, w*8))
	s := strings.Repeat("█", n/8) + eighths[n%8]
	return s + strings.Repeat("·", w-common.Width(s))
}

// thousands writes n with thin separators ("12,345").
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// rateRow is one bar of a conversion chart: a label, the rate as a bar,
// the percentage and the count.
type rateRow struct {
	label string
	c     counts
}

// rateChart draws rows as conversion bars in w cells: label, bar, rate
// and how many attempts it is of.
func rateChart(st *common.Styles, title string, rows []rateRow, w int) []string {
	out := []string{st.Heading.Render(common.Truncate(title, w))}
	if len(rows) == 0 {
		return append(out, st.Subtle.Render("no attempts"))
	}
	labelW := 0
	for _, r := range rows {
		labelW = max(labelW, common.Width(r.label))
	}
	labelW = min(labelW, 10)
	tail := func(r rateRow) string { return fmt.Sprintf(" %5.1f%% of %s", r.c.rate(), thousands(r.c.total)) }
	tailW := 0
	for _, r := range rows {
		tailW = max(tailW, common.Width(tail(r)))
	}
	barW := max(w-labelW-1-tailW, 4)
	for _, r := range rows {
		line := common.PadRight(r.label, labelW) + " " + st.OK.Render(bar(r.c.rate()/100, barW)) + tail(r)
		out = append(out, common.Truncate(line, w))
	}
	return out
}

// channelRows are the conversion bars per channel, the busiest first.
func channelRows(t tally) []rateRow {
	rows := make([]rateRow, 0, len(t.channels))
	for ch, c := range t.channels {
		rows = append(rows, rateRow{string(ch), c})
	}
	return sortRows(rows)
}

// countryRows are the conversion bars per country, the busiest first; a
// long tail is folded into "other" so the chart fits in limit rows.
func countryRows(t tally, limit int) []rateRow {
	rows := make([]rateRow, 0, len(t.countries))
	for cc, c := range t.countries {
		rows = append(rows, rateRow{cc, c})
	}
	rows = sortRows(rows)
	if limit > 1 && len(rows) > limit {
		var rest counts
		for _, r := range rows[limit-1:] {
			rest = counts{rest.total + r.c.total, rest.converted + r.c.converted}
		}
		rows = append(rows[:limit-1:limit-1], rateRow{"other", rest})
	}
	return rows
}

// sortRows orders bars by attempts, then label.
func sortRows(rows []rateRow) []rateRow {
	slices.SortFunc(rows, func(a, b rateRow) int {
		return cmp.Or(cmp.Compare(b.c.total, a.c.total), strings.Compare(a.label, b.label))
	})
	return rows
}

// columns folds per-hour counts into at most w columns (each the sum of
// per buckets) and says how many buckets one column holds.
func columns(hours []int, w int) (cols []int, per int) {
	if w <= 0 || len(hours) == 0 {
		return nil, 1
	}
	per = (len(hours) + w - 1) / w
	cols = make([]int, (len(hours)+per-1)/per)
	for i, v := range hours {
		cols[i/per] += v
	}
	return cols, per
}

// columnChart draws counts as columns rows high, the tallest full.
func columnChart(cols []int, rows int) []string {
	peak := slices.Max(append([]int{0}, cols...))
	out := make([]string, rows)
	for r := range rows {
		var b strings.Builder
		for _, v := range cols {
			// Eighths of the whole chart's height this column fills.
			fill := 0
			if peak > 0 {
				fill = (v*rows*8 + peak - 1) / peak
			}
			below := (rows - 1 - r) * 8
			switch {
			case fill >= below+8:
				b.WriteString(levels[8])
			case fill > below:
				b.WriteString(levels[fill-below])
			default:
				b.WriteString(levels[0])
			}
		}
		out[r] = b.String()
	}
	return out
}

// hourChart is the attempts-per-hour chart in w cells: a title with the
// range and the peak, the columns, and the range's ends under them.
func (m Model) hourChart(w, rows int) []string {
	st := m.c.Styles
	in := m.insights
	loc := m.c.Now().Location()
	cols, per := columns(in.hours, max(w, 1))
	unit := "hour"
	if hours := per * int(in.step.Hours()); hours > 1 {
		unit = strconv.Itoa(hours) + " hours"
	}
	peak := slices.Max(append([]int{0}, cols...))
	out := []string{st.Heading.Render(common.Truncate(fmt.Sprintf("Attempts per %s · peak %s", unit, thousands(peak)), w))}
	for _, l := range columnChart(cols, rows) {
		out = append(out, st.OK.Render(l))
	}
	const layout = "01-02 15:04"
	start := in.from.In(loc).Format(layout)
	end := in.from.Add(in.step * time.Duration(len(in.hours))).In(loc).Format(layout)
	gap := max(len(cols)-len(start)-len(end), 1)
	return append(out, st.Subtle.Render(common.Truncate(start+strings.Repeat(" ", gap)+end, w)))
}

// summaryLines are Twilio's summary of the filter, and what it could not
// filter by.
func (m Model) summaryLines(w int) []string {
	st := m.c.Styles
	in := m.insights
	var out []string
	switch s := in.summary; {
	case in.sumErr != nil:
		out = append(out, common.Wrap(st.Error.Render("Summary failed: "+in.sumErr.Error()), w)...)
	case s == nil:
		out = append(out, st.Subtle.Render("Summary: asking Twilio…"))
	default:
		rate := "—"
		if f, err := strconv.ParseFloat(s.ConversionRate, 64); err == nil {
			rate = fmt.Sprintf("%.1f%%", f)
		}
		// Wrapped: the rate, last, is what a narrow pane would cut.
		out = append(out, common.Wrap(st.Bold.Render("Summary")+fmt.Sprintf("  %s attempts · %s converted · %s unconverted · conversion %s",
			thousands(s.TotalAttempts), thousands(s.TotalConverted), thousands(s.TotalUnconverted), rate), w)...)
	}
	if len(in.left) > 0 {
		out = append(out, common.Wrap(st.Subtle.Render("The summary cannot filter by "+strings.Join(in.left, " or ")+": it counts the rest of the filter."), w)...)
	}
	return out
}

// coverageLine says what the charts counted: all of the filter, or its
// newest InsightsMaxPages pages, and whether more are coming.
func (m Model) coverageLine() string {
	in := m.insights
	switch {
	case in.err != nil:
		return "Charts stopped: " + in.err.Error()
	case in.done:
		return fmt.Sprintf("Charts: all %s attempts of the filter.", thousands(in.n))
	case in.pages >= InsightsMaxPages:
		of := ""
		if in.summary != nil && len(in.left) == 0 {
			of = " of " + thousands(in.summary.TotalAttempts)
		}
		return fmt.Sprintf("Charts: the newest %s%s attempts (%d pages of %d).", thousands(in.n), of, InsightsMaxPages, InsightsPageSize)
	}
	return fmt.Sprintf("Charts: counting… %s attempts in %d pages so far.", thousands(in.n), in.pages)
}

// insightsLines are the insights pane's content, w cells wide.
func (m Model) insightsLines(w int) []string {
	st := m.c.Styles
	in := m.insights
	out := m.summaryLines(w)
	out = append(out, "")
	if in.gen == 0 {
		return append(out, st.Subtle.Render("Loading attempts…"))
	}
	countries := countryRows(in.tally, 8)
	if w >= 100 {
		lw := (w - 3) / 2
		left := rateChart(st, "Conversion by channel", channelRows(in.tally), lw)
		right := rateChart(st, "Conversion by country", countries, w-lw-3)
		for i := range max(len(left), len(right)) {
			l, r := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			out = append(out, common.PadRight(l, lw)+"   "+r)
		}
	} else {
		out = append(out, rateChart(st, "Conversion by channel", channelRows(in.tally), w)...)
		out = append(out, "")
		out = append(out, rateChart(st, "Conversion by country", countries, w)...)
	}
	out = append(out, "")
	out = append(out, m.hourChart(w, 3)...)
	return append(out, st.Subtle.Render(common.Truncate(m.coverageLine(), w)))
}
