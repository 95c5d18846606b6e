package common

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// Scroll is a pane's window onto more lines than fit: the first line
// shown, kept in range by Window.
type Scroll struct {
	Offset int
}

// By moves the window by d lines (Window clamps it).
func (sc *Scroll) By(d int) { sc.Offset = max(sc.Offset+d, 0) }

// Window returns the h lines of lines to draw from the offset, keeping
// lines keepTop…keepBottom in sight (the focused field; keepTop -1 for
// none), with the first and last rows replaced by "↑ N above" / "↓ N
// more" when lines are cut there, so the user knows the pane scrolls. The
// offset is clamped and moved as needed.
func (sc *Scroll) Window(st *Styles, lines []string, w, h, keepTop, keepBottom int) []string {
	n := len(lines)
	if h <= 0 {
		return nil
	}
	if n <= h {
		sc.Offset = 0
		return lines
	}
	keepBottom = max(keepBottom, keepTop)
	clamp := func() { sc.Offset = max(0, min(sc.Offset, n-h)) }
	clamp()
	// The marks take rows, which moves what is visible: settle in a few
	// steps.
	for range 3 {
		lo, hi := sc.content(n, h)
		switch {
		case keepTop < 0:
		case keepBottom >= hi && keepTop > lo:
			sc.Offset += min(keepBottom-hi+1, keepTop-lo)
		case keepTop < lo:
			sc.Offset -= lo - keepTop
		default:
			continue
		}
		clamp()
	}
	lo, hi := sc.content(n, h)
	out := append([]string(nil), lines[sc.Offset:sc.Offset+h]...)
	if lo > sc.Offset {
		out[0] = st.Subtle.Render(Truncate(fmt.Sprintf("↑ %d above", lo), w))
	}
	if hi < sc.Offset+h {
		out[h-1] = st.Subtle.Render(Truncate(fmt.Sprintf("↓ %d more", n-hi), w))
	}
	return out
}

// content is the range [lo, hi) of lines shown between the marks.
func (sc *Scroll) content(n, h int) (lo, hi int) {
	lo, hi = sc.Offset, sc.Offset+h
	if sc.Offset > 0 {
		lo++
	}
	if sc.Offset+h < n {
		hi--
	}
	return lo, hi
}

// ClampOffset keeps a scroll offset within n lines shown h at a time:
// never below 0, never past the last full window, and never past the
// end when h is 0 or less (a tiny terminal), so lines[offset:] is always
// valid.
func ClampOffset(offset, n, h int) int {
	return max(0, min(offset, n-max(h, 0)))
}

// WheelStep is how many lines a wheel turn moves: -1 up, 1 down, 0 for
// a sideways turn.
func WheelStep(msg tea.MouseWheelMsg) int {
	switch msg.Mouse().Button {
	case tea.MouseWheelUp:
		return -1
	case tea.MouseWheelDown:
		return 1
	}
	return 0
}
