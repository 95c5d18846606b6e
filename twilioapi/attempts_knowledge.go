package twilioapi

import "time"

// Twilio's limits on the Verification Attempts API, and the console's
// budget inside them.
const (
	// AttemptsRequestsPerMinute is Twilio's rate limit on the Attempts
	// API (list, fetch and summary together): more answer 429.
	AttemptsRequestsPerMinute = 100
	// AttemptsMaxPageSize is the largest page one list call returns.
	AttemptsMaxPageSize = 1000
	// AttemptsHistory is how far back Twilio keeps attempts to list.
	AttemptsHistory = 30 * 24 * time.Hour
	// AttemptsBurst is how many Attempts calls the console makes at once
	// before pacing itself; with AttemptsRefill it never exceeds
	// AttemptsRequestsPerMinute in any minute: a token bucket allows its
	// burst plus a minute's refill in a minute.
	AttemptsBurst = 10
	// AttemptsRefill is how often a paced Attempts call may go out:
	// (100 − 10) calls a minute, one every 2/3 s.
	AttemptsRefill = time.Minute / (AttemptsRequestsPerMinute - AttemptsBurst)
)
