package common

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Width is the display width of s in cells, ANSI sequences ignored. Plain
// ASCII (styled or not), the bulk of every frame, is measured by a byte
// scan; anything else goes through ansi.StringWidth (grapheme clusters,
// wide runes), so the answer always matches what the renderer draws.
func Width(s string) int {
	if n, ok := asciiWidth(s); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// asciiWidth measures s when it is ASCII plus CSI/OSC escape sequences;
// ok is false when s holds any other byte.
func asciiWidth(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return 0, false
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// CSI: parameters and intermediates, then a final byte.
			i += 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
		case c == 0x1b && i+1 < len(s) && s[i+1] == ']':
			// OSC: up to BEL or ST.
			i += 2
			for i < len(s) && s[i] != 0x07 && !(s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\') {
				i++
			}
			if i < len(s) && s[i] == 0x1b {
				i++
			}
		case c < 0x20 || c == 0x7f:
			// Other control bytes take no cell.
		default:
			n++
		}
	}
	return n, true
}

// Truncate cuts s (which may hold ANSI styling) to at most w cells, ending
// in "…" when it had to cut.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// PadRight truncates or pads s with spaces to exactly w cells.
func PadRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := Width(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = Width(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// Fit makes a block exactly w×h cells: long lines are cut, short ones
// padded, missing lines added and extra lines dropped. Views use it so
// that their View() always fills the area SetSize gave them, whatever
// the size.
func Fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = PadRight(l, w)
	}
	return strings.Join(lines, "\n")
}

// FitLines is Fit for a block already split into lines; lines known to be
// exactly w wide can skip measuring by passing exact.
func FitLines(lines []string, w, h int, exact bool) []string {
	if w <= 0 || h <= 0 {
		return nil
	}
	out := make([]string, h)
	blank := strings.Repeat(" ", w)
	for i := range out {
		switch {
		case i >= len(lines):
			out[i] = blank
		case exact:
			out[i] = lines[i]
		default:
			out[i] = PadRight(lines[i], w)
		}
	}
	return out
}

// Box draws lines (exactly w cells wide each, h of them) inside the
// border of style st, giving (w+2)×(h+2) cells. It builds the border by
// hand instead of measuring every line again in lipgloss: frames of big
// lists stay cheap.
func Box(st lipgloss.Style, lines []string, w, h int) []string {
	if w <= 0 || h <= 0 {
		return nil
	}
	b := st.GetBorderStyle()
	bs := lipgloss.NewStyle().Foreground(st.GetBorderTopForeground())
	top := bs.Render(b.TopLeft + strings.Repeat(b.Top, w) + b.TopRight)
	bottom := bs.Render(b.BottomLeft + strings.Repeat(b.Bottom, w) + b.BottomRight)
	left, right := bs.Render(b.Left), bs.Render(b.Right)
	out := make([]string, 0, h+2)
	out = append(out, top)
	for i := 0; i < h; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out = append(out, left+l+right)
	}
	return append(out, bottom)
}

// JoinColumns puts blocks of equal height side by side (each line of
// each block must already have that block's exact width).
func JoinColumns(blocks ...[]string) []string {
	if len(blocks) == 0 {
		return nil
	}
	out := make([]string, len(blocks[0]))
	for i := range out {
		var sb strings.Builder
		for _, b := range blocks {
			if i < len(b) {
				sb.WriteString(b[i])
			}
		}
		out[i] = sb.String()
	}
	return out
}

// Count is n with its noun, plural unless n is 1: "1 attempt", "3
// attempts" (nouns whose plural adds an s).
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
