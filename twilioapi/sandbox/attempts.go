package sandbox

import "time"

// Attempt is a Verification Attempt record (VL…), kept for every delivery
// so a later Attempts API can list them.
type Attempt struct {
	SID             string `json:"sid"`
	ServiceSID      string `json:"service_sid"`
	VerificationSID string `json:"verification_sid"`
	To              string `json:"to"`
	Channel         string `json:"channel"`
	// Status is the delivery status: "delivered", "failed" (undeliverable
	// destination) or "sent" (sna: nothing is delivered, the device acts).
	Status string `json:"status"`
	// Price and PriceUnit are the made-up cost of the attempt ("0.0083",
	// "USD").
	Price     string `json:"price"`
	PriceUnit string `json:"price_unit"`
	// ConversionStatus is "converted" once the verification is approved,
	// "unconverted" before.
	ConversionStatus string    `json:"conversion_status"`
	DateCreated      time.Time `json:"date_created"`
	DateUpdated      time.Time `json:"date_updated"`
}

// Attempts returns the recorded delivery attempts, newest first (the
// newest 10000, at least, are kept).
func (s *Sandbox) Attempts() []Attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Attempt, 0, len(s.st.Attempts))
	for i := len(s.st.Attempts) - 1; i >= 0; i-- {
		out = append(out, s.st.Attempts[i])
	}
	return out
}

// send records one delivery attempt of v on req.channel and delivers the
// message unless the destination is undeliverable; the caller holds s.mu.
func (s *Sandbox) send(sv *service, v *verification, req startRequest, now time.Time) {
	at := Attempt{
		SID: newSID("VL"), ServiceSID: sv.SID, VerificationSID: v.SID, To: v.To, Channel: req.channel,
		Status: "delivered", Price: attemptPrice(req.channel), PriceUnit: "USD",
		ConversionStatus: "unconverted", DateCreated: now, DateUpdated: now,
	}
	v.Sends = append(v.Sends, sendAttempt{SID: at.SID, Channel: req.channel, Time: now})
	switch {
	case req.channel == "sna":
		at.Status = "sent"
	case undeliverable(v.To):
		at.Status = "failed"
	default:
		s.deliver(Message{
			SID: newSID(messageSIDPrefix(req.channel)), To: v.To, Channel: req.channel,
			Body: messageBody(bodyParams{
				channel: req.channel, name: req.friendlyName, code: v.Code, locale: req.locale,
				appHash: req.appHash, doNotShare: sv.DoNotShareWarningEnabled, dtmf: sv.DTMFInputRequired,
			}),
			Code: v.Code, VerificationSID: v.SID, DateCreated: now,
		})
	}
	s.st.Attempts = append(s.st.Attempts, at)
	s.st.Attempts = trimOldest(s.st.Attempts, maxAttempts)
}
