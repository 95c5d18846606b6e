package attempts

import (
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// bucket paces the view's Attempts API calls under Twilio's limit
// (twilioapi.AttemptsRequestsPerMinute): a token bucket of
// twilioapi.AttemptsBurst tokens, one more every twilioapi.AttemptsRefill.
// It is a value read on the program's clock, so tests step it by hand.
type bucket struct {
	tokens int
	// at is when the bucket last gained tokens (or was filled).
	at time.Time
}

// newBucket is a full bucket at now.
func newBucket(now time.Time) bucket { return bucket{tokens: twilioapi.AttemptsBurst, at: now} }

// refill adds the tokens earned since at.
func (b *bucket) refill(now time.Time) {
	if b.tokens >= twilioapi.AttemptsBurst {
		b.at = now
		return
	}
	if n := int(now.Sub(b.at) / twilioapi.AttemptsRefill); n > 0 {
		b.tokens = min(b.tokens+n, twilioapi.AttemptsBurst)
		b.at = b.at.Add(time.Duration(n) * twilioapi.AttemptsRefill)
	}
}

// take spends a token; when none is left it reports how long until the
// next one.
func (b *bucket) take(now time.Time) (ok bool, wait time.Duration) {
	b.refill(now)
	if b.tokens > 0 {
		b.tokens--
		return true, 0
	}
	return false, max(b.at.Add(twilioapi.AttemptsRefill).Sub(now), time.Millisecond)
}
