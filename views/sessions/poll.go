package sessions

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// clockEvery is how often the countdowns redraw while a verification is
// pending. Status polls follow twilioapi's polling budget (PollMin…PollMax,
// FetchesPerMinute, FetchesPerHour), well inside Twilio's limits.
const clockEvery = time.Second

// pollTickMsg asks for a status poll of one session. Ticks of an older
// epoch or generation are stale and do nothing.
type pollTickMsg struct {
	session sessionID
	epoch   int
	gen     int
}

// clockTickMsg redraws the countdowns once a second while a verification
// is pending, and notices expiry.
type clockTickMsg struct{ gen int }

// schedulePoll arms the session's next poll: after twilioapi.PollMin when reset
// (a send, a manual refresh), else after twice the last wait, capped.
func (m *Model) schedulePoll(s *session, reset bool) tea.Cmd {
	if reset || s.pollEvery < twilioapi.PollMin {
		s.pollEvery = twilioapi.PollMin
	} else {
		s.pollEvery = min(s.pollEvery*2, twilioapi.PollMax)
	}
	s.pollGen++
	return m.c.After(s.pollEvery, pollTickMsg{session: s.id, epoch: s.epoch, gen: s.pollGen})
}

// allowFetch applies the polling budget and any Retry-After; when it
// refuses it says from when a fetch is allowed again.
func allowFetch(s *session, now time.Time) (bool, time.Time) {
	if now.Before(s.retryAfter) {
		return false, s.retryAfter
	}
	keep := s.fetches[:0]
	for _, t := range s.fetches {
		if now.Sub(t) < time.Hour {
			keep = append(keep, t)
		}
	}
	s.fetches = keep
	if len(keep) >= twilioapi.FetchesPerHour {
		return false, keep[len(keep)-twilioapi.FetchesPerHour].Add(time.Hour)
	}
	inMinute := 0
	for _, t := range keep {
		if now.Sub(t) < time.Minute {
			inMinute++
		}
	}
	if inMinute >= twilioapi.FetchesPerMinute {
		return false, keep[len(keep)-twilioapi.FetchesPerMinute].Add(time.Minute)
	}
	return true, time.Time{}
}

// handlePoll runs a due poll: fetch the status (within the budget), read
// the outbox, arm the next poll. A session that is no longer pending
// stops polling.
func (m Model) handlePoll(msg pollTickMsg) (Model, tea.Cmd) {
	s := m.byID[msg.session]
	if s == nil || s.epoch != msg.epoch || s.pollGen != msg.gen {
		return m, nil
	}
	now := m.c.Now()
	m.noticeExpiry(s, now)
	if !s.live(now) {
		return m, nil
	}
	var cmds []tea.Cmd
	if ok, _ := allowFetch(s, now); ok && !m.inFlight(s, callFetch) {
		cmds = append(cmds, m.fetch(s, true))
	}
	if !m.inFlight(s, callOutbox) {
		cmds = append(cmds, m.readOutbox(s))
	}
	cmds = append(cmds, m.schedulePoll(s, false))
	return m, tea.Batch(cmds...)
}

// ensureClock starts the countdown tick unless it runs.
func (m *Model) ensureClock() tea.Cmd {
	if m.clockOn {
		return nil
	}
	m.clockOn = true
	m.clockGen++
	return m.c.After(clockEvery, clockTickMsg{gen: m.clockGen})
}

// handleClock notices expiries and keeps ticking while anything is
// pending.
func (m Model) handleClock(msg clockTickMsg) (Model, tea.Cmd) {
	if msg.gen != m.clockGen {
		return m, nil
	}
	now := m.c.Now()
	live := false
	for _, s := range m.list.Items() {
		m.noticeExpiry(s, now)
		live = live || s.live(now)
	}
	if !live {
		m.clockOn = false
		return m, nil
	}
	return m, m.c.After(clockEvery, clockTickMsg{gen: m.clockGen})
}

// noticeExpiry turns a pending session past its lifetime into an expired
// one (Verify has removed it by then) and records it once.
func (m *Model) noticeExpiry(s *session, now time.Time) {
	if s.status == twilioapi.StatusPending && s.pastLifetime(now) {
		s.status = twilioapi.StatusExpired
		m.leaveCodeIfClosed(s, now)
		m.record(s, "expiry", "expired at "+clockTime(s.expiresAt()))
	}
}
