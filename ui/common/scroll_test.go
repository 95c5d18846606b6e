package common

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func numbered(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("line %d", i)
	}
	return out
}

// TestScrollWindow: marks say what is cut; the kept lines are always
// visible, never under a mark.
func TestScrollWindow(t *testing.T) {
	st := NewStyles(PlainTheme())
	var sc Scroll
	got := sc.Window(st, numbered(20), 30, 5, -1, -1)
	if strings.Join(got, "|") != "line 0|line 1|line 2|line 3|↓ 16 more" {
		t.Fatalf("top: %q", got)
	}
	for keep := 0; keep < 20; keep++ {
		got = sc.Window(st, numbered(20), 30, 5, keep, keep)
		if !strings.Contains(strings.Join(got, "|"), fmt.Sprintf("line %d|", keep)+"") && !strings.HasSuffix(strings.Join(got, "|"), fmt.Sprintf("line %d", keep)) {
			t.Fatalf("line %d not visible: %q", keep, got)
		}
	}
	sc.Offset = 100
	got = sc.Window(st, numbered(20), 30, 5, -1, -1)
	if ansi.Strip(got[0]) != "↑ 16 above" || got[4] != "line 19" {
		t.Fatalf("bottom: %q", got)
	}
	// A field of 3 lines stays whole.
	sc.Offset = 0
	got = sc.Window(st, numbered(20), 30, 6, 10, 12)
	j := strings.Join(got, "|")
	if !strings.Contains(j, "line 10|line 11|line 12") {
		t.Fatalf("field cut: %q", got)
	}
	if got := sc.Window(st, numbered(3), 30, 5, 2, 2); len(got) != 3 || sc.Offset != 0 {
		t.Fatalf("fits: %q", got)
	}
}

// TestClampOffset: the offset is always a valid start of lines, even
// for a height of zero or less.
func TestClampOffset(t *testing.T) {
	for _, tc := range []struct{ off, n, h, want int }{
		{5, 10, 3, 5}, {9, 10, 3, 7}, {-2, 10, 3, 0}, {3, 0, -1, 0}, {2, 1, -1, 1}, {4, 3, 0, 3}, {1, 10, 20, 0},
	} {
		if got := ClampOffset(tc.off, tc.n, tc.h); got != tc.want || got > tc.n {
			t.Errorf("ClampOffset(%d, %d, %d) = %d, want %d", tc.off, tc.n, tc.h, got, tc.want)
		}
	}
}
