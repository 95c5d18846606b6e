package sandbox

import "time"

// pollLimits are Twilio's documented status-polling limits per
// verification (the scope per verification rather than per account, and
// the code 20429, are unverified).
var pollLimits = []struct {
	window time.Duration
	max    int
}{{time.Minute, 60}, {time.Hour, 180}, {24 * time.Hour, 250}}

// poll records a status fetch at now, or refuses it: the answer is how
// long until the fetch would be allowed (0 = allowed and recorded).
func (v *verification) poll(now time.Time) time.Duration {
	var wait time.Duration
	for _, l := range pollLimits {
		n, oldest := 0, time.Time{}
		for i := len(v.Fetches) - 1; i >= 0 && now.Sub(v.Fetches[i]) < l.window; i-- {
			n, oldest = n+1, v.Fetches[i]
		}
		if n >= l.max {
			wait = max(wait, oldest.Add(l.window).Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	v.Fetches = append(v.Fetches, now)
	return 0
}
