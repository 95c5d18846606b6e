package sessions

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// resendPicker is the channel choice of a resend. The choices follow the
// fallback order sms → call → email (whatsapp after them), starting from
// the channel of the last delivery.
type resendPicker struct {
	session sessionID
	choices []twilioapi.Channel
	idx     int
}

// fallbackOrder is the order channels are offered in for a resend.
func fallbackOrder(kind recipientKind) []twilioapi.Channel {
	if kind == recipientEmail {
		return []twilioapi.Channel{twilioapi.ChannelEmail}
	}
	return []twilioapi.Channel{twilioapi.ChannelSMS, twilioapi.ChannelCall, twilioapi.ChannelEmail, twilioapi.ChannelWhatsApp}
}

// newResendPicker opens the picker on the session's current channel (SNA
// and auto fall back to sms).
func newResendPicker(s *session) resendPicker {
	p := resendPicker{session: s.id, choices: fallbackOrder(s.recipient.kind())}
	cur := s.channel()
	for i, c := range p.choices {
		if c == cur {
			p.idx = i
		}
	}
	return p
}

// chosen is the selected channel.
func (p resendPicker) chosen() twilioapi.Channel {
	if p.idx >= 0 && p.idx < len(p.choices) {
		return p.choices[p.idx]
	}
	return twilioapi.ChannelSMS
}

// fallback is the channel after the chosen one in the fallback order, or
// "" at the end.
func (p resendPicker) fallback() twilioapi.Channel {
	if p.idx+1 < len(p.choices) {
		return p.choices[p.idx+1]
	}
	return ""
}

// move changes the selection by d, wrapping around.
func (p *resendPicker) move(d int) {
	if n := len(p.choices); n > 0 {
		p.idx = ((p.idx+d)%n + n) % n
	}
}

// updateResend handles keys in the resend channel picker.
func (m Model) updateResend(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	s := m.byID[m.resend.session]
	if s == nil {
		m.mode = modeList
		return m, nil
	}
	switch {
	case key.Matches(msg, m.c.Keys.Back):
		m.mode = modeList
	case key.Matches(msg, m.c.Keys.PrevChoice), key.Matches(msg, m.c.Keys.Up):
		m.resend.move(-1)
	case key.Matches(msg, m.c.Keys.NextChoice), key.Matches(msg, m.c.Keys.Down):
		m.resend.move(1)
	case key.Matches(msg, m.c.Keys.Send):
		ch := m.resend.chosen()
		m.mode = modeList
		if ch == twilioapi.ChannelEmail && s.recipient.kind() != recipientEmail {
			return m.fallbackToEmail(s)
		}
		if m.inFlight(s, callResend) {
			return m, nil
		}
		p := s.params
		p.Channel = ch
		s.problem = nil
		return m, m.startVerification(call{kind: callResend, session: s.id, epoch: s.epoch, channel: ch}, p)
	}
	return m, nil
}
