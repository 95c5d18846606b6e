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
