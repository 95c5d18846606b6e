package sessions

import (
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// sessionID names one session of this view; IDs are never reused, so a
// late result for a closed session finds nothing and is dropped.
type sessionID int

// session is one customer being verified: the last known verification
// plus everything the view derived or was told about it. Codes are never
// kept here.
type session struct {
	id sessionID
	// epoch changes when the session starts over on a new verification
	// (a resend after Verify removed the old one); results and ticks of an
	// older epoch are dropped.
	epoch int

	recipient recipient
	service   twilioapi.Service
	// params are the start parameters as sent, without any custom code,
	// so a resend repeats the options.
	params twilioapi.StartParams

	ver     twilioapi.Verification
	status  twilioapi.Status
	created time.Time
	// checksUsed counts checks Verify answered (wrong codes).
	checksUsed int
	// gone is set once Verify answered 404: it removed the verification.
	gone bool

	// note is the outcome of the last check ("not approved, 2 checks left").
	note string
	// problem is the last error, explained.
	problem *common.Problem

	// codeDraft is what was typed in the code field for this
	// verification and not yet checked (the view's one code field edits
	// it while it has focus).
	codeDraft string
	// outcome is what became of a verification Verify removed while it
	// looked pending, as far as the Attempts API tells ("" before).
	outcome string
	// codeErr says why the draft cannot be checked ("" when it can).
	codeErr string
	lookup  *twilioapi.PhoneInfo
	outbox  []twilioapi.OutboxMessage
	history []historyEntry

	// Polling state: pollGen invalidates older ticks, pollEvery backs off.
	pollGen   int
	pollEvery time.Duration
	fetches   []time.Time
	// retryAfter is when Twilio said we may call again (429).
	retryAfter time.Time
}

// expiresAt is when Verify will expire the verification.
func (s *session) expiresAt() time.Time { return s.created.Add(twilioapi.CodeLifetime) }

// pastLifetime reports whether the verification's 10 minutes are over
// (false while its start time is unknown).
func (s *session) pastLifetime(now time.Time) bool {
	return !s.created.IsZero() && !now.Before(s.expiresAt())
}

// statusAt is the status as of now: a pending verification past its
// lifetime is expired even before a fetch confirms it.
func (s *session) statusAt(now time.Time) twilioapi.Status {
	if s.status == twilioapi.StatusPending && s.pastLifetime(now) {
		return twilioapi.StatusExpired
	}
	return s.status
}

// live reports whether the verification can still be sent, checked or
// polled.
func (s *session) live(now time.Time) bool {
	return !s.gone && s.statusAt(now) == twilioapi.StatusPending
}

// sendsUsed is the number of deliveries Verify made.
func (s *session) sendsUsed() int {
	n := len(s.ver.SendCodeAttempts)
	if n == 0 && s.ver.SID != "" {
		n = 1
	}
	return n
}

// sendsLeft is how many more deliveries Verify allows.
func (s *session) sendsLeft() int {
	return clamp(twilioapi.MaxSends-s.sendsUsed(), 0, twilioapi.MaxSends)
}

// checksLeft is how many more checks Verify allows.
func (s *session) checksLeft() int {
	return clamp(twilioapi.MaxChecks-s.checksUsed, 0, twilioapi.MaxChecks)
}

// isSNA reports whether the last delivery was Silent Network Auth, which
// is checked without a code.
func (s *session) isSNA() bool {
	if n := len(s.ver.SendCodeAttempts); n > 0 {
		return s.ver.SendCodeAttempts[n-1].Channel == twilioapi.ChannelSNA
	}
	return s.ver.Channel == twilioapi.ChannelSNA
}

// channel is the channel of the last delivery.
func (s *session) channel() twilioapi.Channel {
	if n := len(s.ver.SendCodeAttempts); n > 0 && s.ver.SendCodeAttempts[n-1].Channel != "" {
		return s.ver.SendCodeAttempts[n-1].Channel
	}
	if s.ver.Channel != "" {
		return s.ver.Channel
	}
	return s.params.Channel
}

// outOfChecks records that Verify closed the verification after its
// last check (60202, or a check answered max_attempts_reached).
func (s *session) outOfChecks() {
	s.checksUsed = twilioapi.MaxChecks
	s.status = twilioapi.StatusMaxAttemptsReached
	s.note = "not approved: " + checksLeftText(0)
}

// startOver forgets the last verification's state before a new one: the
// epoch drops the old one's late results and ticks.
func (s *session) startOver() {
	s.epoch++
	s.checksUsed = 0
	s.codeDraft = "" // a code typed for the old one is not for this one
	s.note = ""
	s.outbox = nil
	s.created = time.Time{}
	s.problem = nil
	s.gone = false
	s.retryAfter = time.Time{}
}

// applyVerification takes in what Verify answered to a start or fetch.
func (s *session) applyVerification(v twilioapi.Verification, now time.Time) {
	if s.ver.SID != "" && v.SID != "" && v.SID != s.ver.SID {
		// A different verification: the old one is gone.
		s.startOver()
	}
	s.ver = v
	if v.Status != "" {
		s.status = v.Status
	}
	s.gone = false
	if s.created.IsZero() {
		s.created = v.DateCreated
		if s.created.IsZero() {
			s.created = now
		}
	}
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
