package sessions

import "github.com/twilio-verify/twilio-verify/twilioapi"

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
	p := resendPicker{session: s.id, choices: fallbackOrder(s.recipient.Kind)}
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
