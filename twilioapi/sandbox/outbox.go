package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// Message is a message the sandbox "delivered": what the user would have
// received on their phone or in their inbox.
type Message struct {
	SID string `json:"sid"` // SM… for texts, CA… for calls, EM… for e-mail
	To  string `json:"to"`
	// From is the sender: for SMS the Messaging Service (MG…) of the
	// service's messaging configuration for the destination's country
	// (or its "all" one), for WhatsApp the service's sender; "" for
	// Twilio's own senders.
	From            string    `json:"from,omitempty"`
	Channel         string    `json:"channel"` // sms, call, email, whatsapp
	Body            string    `json:"body"`
	Code            string    `json:"code"`
	VerificationSID string    `json:"verification_sid"`
	DateCreated     time.Time `json:"date_created"`
}

// Outbox returns the delivered messages to "to" (all when to is ""),
// newest first. The newest 1000 messages (at least) are kept.
func (s *Sandbox) Outbox(to string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.outbox(to)
}

func (s *Sandbox) outbox(to string) []Message {
	out := []Message{}
	for i := len(s.st.Outbox) - 1; i >= 0; i-- {
		m := s.st.Outbox[i]
		if to == "" || strings.EqualFold(m.To, to) {
			out = append(out, m)
		}
	}
	return out
}

// Subscribe returns a channel that receives every message delivered from
// now on, and a cancel func that stops and closes it.
//
// Delivery is lossy by design: the channel buffers 256 messages, and while
// it is full every further message is dropped for this subscriber, with no
// error and no marker, so that a slow reader can never stall a send for
// everyone else. A subscriber that must not miss anything treats a message
// as a hint and reads Outbox (which keeps the newest 1000, at least) for
// the authoritative list.
func (s *Sandbox) Subscribe() (<-chan Message, func()) {
	return subscribe(s, s.subs, subBuffer)
}

// Notify returns a channel that receives a signal after messages are
// delivered, and a cancel func that stops and closes it. Signals
// coalesce: one pending signal stands for any number of deliveries, so
// nothing is lost and the channel costs no memory per message; the
// receiver reads Outbox for what arrived. This is what a screen that
// shows the outbox wants (Subscribe buffers 256 whole messages).
func (s *Sandbox) Notify() (<-chan struct{}, func()) {
	return subscribe(s, s.wakes, 1)
}

// subscribe adds a channel of buffer to subs (Subscribe's or Notify's),
// and returns it with the func that removes and closes it (once).
func subscribe[T any](s *Sandbox, subs map[int]chan T, buffer int) (<-chan T, func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextSub
	s.nextSub++
	ch := make(chan T, buffer)
	subs[id] = ch
	cancel := func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if c, ok := subs[id]; ok {
			delete(subs, id)
			close(c)
		}
	}
	return ch, cancel
}

// deliver records m in the outbox and tells subscribers (with a state
// file, once the change is durable: commit); the caller holds s.mu.
func (s *Sandbox) deliver(m Message) {
	s.st.Outbox = pushKeyed(s.st.Outbox, m, maxOutbox, &s.st.outboxFirst)
	if s.store != nil {
		s.store.notify = append(s.store.notify, m)
		return
	}
	s.fanOut(m)
}

// fanOut gives m to every subscriber with room for it, and wakes every
// Notify channel; the caller holds s.mu.
func (s *Sandbox) fanOut(m Message) {
	for _, ch := range s.subs {
		select {
		case ch <- m:
		default:
		}
	}
	for _, ch := range s.wakes {
		select {
		case ch <- struct{}{}:
		default: // a signal is already pending
		}
	}
}

// messagesJSON is the wire shape of GET /sandbox/v1/Messages.
type messagesJSON struct {
	Messages []messageJSON `json:"messages"`
}

type messageJSON struct {
	SID             string `json:"sid"`
	To              string `json:"to"`
	From            string `json:"from"`
	Channel         string `json:"channel"`
	Body            string `json:"body"`
	Code            string `json:"code"`
	VerificationSID string `json:"verification_sid"`
	DateCreated     string `json:"date_created"`
}

// listMessages answers GET /sandbox/v1/Messages?To=…, newest first.
func (s *Sandbox) listMessages(w http.ResponseWriter, f form) {
	to := strings.TrimSpace(f.str("To"))
	if raw := f.str("To"); strings.HasPrefix(raw, " ") && to != "" && to[0] >= '0' && to[0] <= '9' {
		// An unescaped "+" in a query string decodes to a space.
		to = "+" + to
	}
	s.mu.Lock()
	msgs := s.outbox(to)
	s.mu.Unlock()
	out := messagesJSON{Messages: make([]messageJSON, 0, len(msgs))}
	for _, m := range msgs {
		out.Messages = append(out.Messages, messageJSON{m.SID, m.To, m.From, m.Channel, m.Body, m.Code, m.VerificationSID, rfc3339(m.DateCreated)})
	}
	writeJSON(w, http.StatusOK, out)
}
