package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Truncate cuts s (which may hold ANSI styling) to at most w cells, ending
// in "…" when it had to cut.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// PadRight truncates or pads s with spaces to exactly w cells.
func PadRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = Truncate(s, w)
	if n := ansi.StringWidth(s); n < w {
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

// Width is the display width of s in cells (ANSI ignored).
func Width(s string) int { return lipgloss.Width(s) }
