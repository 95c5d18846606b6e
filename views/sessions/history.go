package sessions

import "time"

// historyEntry is one line of a session's history: who did what to whom,
// when, and the outcome. It never holds a code.
type historyEntry struct {
	When    time.Time
	Who     string
	Action  string
	To      string
	Outcome string
}

// How much history is kept: the program's newest entries, and each
// session's (a session's screen shows only its last few anyway).
const (
	maxHistory        = 1000
	maxSessionHistory = 100
)

// keepNewest drops the oldest entries beyond n, copying so the slice's
// backing array does not keep growing.
func keepNewest(h []historyEntry, n int) []historyEntry {
	if len(h) <= n {
		return h
	}
	return append([]historyEntry(nil), h[len(h)-n:]...)
}
