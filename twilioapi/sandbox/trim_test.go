package sandbox

import (
	"slices"
	"testing"
)

func TestTrimOldest(t *testing.T) {
	var s []*int
	for i := 0; i < 1000; i++ {
		s = append(s, &i)
		s = trimOldest(s, 100)
		if len(s) > 125 {
			t.Fatalf("len %d after %d appends", len(s), i+1)
		}
		// The newest survive, in order.
		if *s[len(s)-1] != i || len(s) > 1 && *s[len(s)-2] != i-1 {
			t.Fatalf("after %d appends the tail is %d", i+1, *s[len(s)-1])
		}
	}
	// Nothing past the end still points at a dropped element.
	if tail := s[len(s):cap(s)]; slices.ContainsFunc(tail, func(p *int) bool { return p != nil }) {
		t.Fatal("trimmed tail still holds references")
	}
	if got := trimOldest([]int{1, 2, 3, 4, 5}, 4); !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("below the threshold: %v", got)
	}
	if got := trimOldest([]int{1, 2, 3, 4, 5, 6}, 4); !slices.Equal(got, []int{3, 4, 5, 6}) {
		t.Fatalf("over the threshold: %v", got)
	}
}
