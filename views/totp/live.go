package totp

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// liveCode is the current code of the factor whose secret the view
// holds, computed once per time step (not per frame).
type liveCode struct {
	sid     string
	counter int64
	period  int
	code    string
	err     error
}

// tickMsg is the countdown's 1 s timer; gen drops a superseded one.
type tickMsg struct{ gen int }

// codeSource is the secret and settings of the code shown now: the new
// factor's on the enrolment screen, else the selected factor's kept one.
func (m Model) codeSource() (sid string, k keyring.KeptTOTP, ok bool) {
	if m.screen == screenEnrol && m.enrol != nil {
		e := m.enrol
		f := e.factor
		return f.SID, keyring.KeptTOTP{Secret: e.binding.Secret, Algorithm: f.TOTP.Algorithm,
			Digits: f.TOTP.CodeLength, Period: f.TOTP.TimeStep}, e.keep
	}
	if m.screen != screenMain {
		return "", keyring.KeptTOTP{}, false
	}
	f, found := m.shownFactor()
	if !found {
		return "", keyring.KeptTOTP{}, false
	}
	k, ok = m.kept[f.SID]
	if ok {
		// The factor's settings as Verify has them now.
		k.Algorithm, k.Digits, k.Period = f.TOTP.Algorithm, f.TOTP.CodeLength, f.TOTP.TimeStep
	}
	return f.SID, k, ok
}

// refreshLive recomputes the live code when the factor shown or the time
// step changed.
func (m *Model) refreshLive() {
	sid, k, ok := m.codeSource()
	if !ok || k.Period <= 0 {
		m.live = liveCode{}
		return
	}
	counter := m.c.Now().Unix() / int64(k.Period)
	if m.live.sid == sid && m.live.counter == counter && m.live.period == k.Period {
		return
	}
	code, err := twilioapi.TOTPCode(k.Secret, time.Unix(counter*int64(k.Period), 0), k.Algorithm, k.Digits, k.Period)
	m.live = liveCode{sid: sid, counter: counter, period: k.Period, code: code, err: err}
}

// armTick starts the 1 s countdown timer while a code is shown and none
// is running; it fires just after the next whole second.
func (m *Model) armTick() tea.Cmd {
	if m.live.sid == "" || m.ticking {
		return nil
	}
	m.ticking = true
	m.tickGen++
	now := m.c.Now()
	d := time.Second - time.Duration(now.Nanosecond())
	return m.c.After(d, tickMsg{gen: m.tickGen})
}

// remaining is how many seconds the live code has left at now.
func (l liveCode) remaining(now time.Time) int {
	if l.period <= 0 {
		return 0
	}
	return l.period - int(now.Unix()%int64(l.period))
}
