package common

import "testing"

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 attempts", 1: "1 attempt", 2: "2 attempts"} {
		if got := Count(n, "attempt"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
