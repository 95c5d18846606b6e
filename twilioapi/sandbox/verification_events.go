package sandbox

import (
	"encoding/json"
	"strings"
	"time"
)

// Verification status events, in the shape Event Streams delivers them to
// webhook sinks: a JSON array of CloudEvents 1.0 (one per POST here),
// with the data of Twilio's AccountSecurity.VerifyEventStreamEvent
// schema. What Twilio's docs do not show exactly — the source and id
// formats, the casing inside data, which dates appear for which status —
// is the sandbox's best reading (see the README).
const (
	verificationEventPrefix = "com.twilio.accountsecurity.verify.verification."
	verifyEventSchema       = "https://events-schemas.twilio.com/AccountSecurity.VerifyEventStreamEvent/3"
	eventTimeFormat         = "2006-01-02T15:04:05.000Z"
)

// verificationEventType is the CloudEvents type of a verification status.
// Twilio's docs spell the last one with dashes
// (…verification.max-attempts-reached) while the status itself has
// underscores.
func verificationEventType(status string) string {
	return verificationEventPrefix + strings.ReplaceAll(status, "_", "-")
}

// checkAttempt is one check of a verification, for the events' check_attempts.
type checkAttempt struct {
	Time time.Time `json:"time"`
	OK   bool      `json:"ok"`
}

// cloudEvent is one CloudEvents 1.0 envelope.
type cloudEvent struct {
	SpecVersion     string                `json:"specversion"`
	Type            string                `json:"type"`
	Source          string                `json:"source"`
	ID              string                `json:"id"`
	DataSchema      string                `json:"dataschema"`
	DataContentType string                `json:"datacontenttype"`
	Time            string                `json:"time"`
	Data            verificationEventData `json:"data"`
}

// verificationEventData is the event's data.
type verificationEventData struct {
	AccountSID         string      `json:"account_sid"`
	ServiceSID         string      `json:"service_sid"`
	VerificationSID    string      `json:"verification_sid"`
	FriendlyName       string      `json:"friendly_name"`
	CustomCodeEnabled  bool        `json:"custom_code_enabled"`
	CustomFriendlyName string      `json:"custom_friendly_name"`
	CreatedAt          string      `json:"created_at"`
	VerifiedAt         *string     `json:"verified_at,omitempty"`
	To                 string      `json:"to"`
	VerificationStatus string      `json:"verification_status"`
	Country            string      `json:"country"`
	CodeLength         int         `json:"code_length"`
	SendCodeAttempts   eventSends  `json:"send_code_attempts"`
	CheckAttempts      eventChecks `json:"check_attempts"`
	ExpiredAt          string      `json:"expired_at"`
}

type eventSends struct {
	Count    int         `json:"count"`
	Attempts []eventSend `json:"attempts"`
}

type eventSend struct {
	Time           string `json:"time"`
	Channel        string `json:"channel"`
	AttemptSID     string `json:"attempt_sid"`
	DeliveryStatus string `json:"delivery_status"`
	Locale         string `json:"locale"`
}

type eventChecks struct {
	Count    int          `json:"count"`
	Attempts []eventCheck `json:"attempts"`
}

type eventCheck struct {
	Time   string `json:"time"`
	Status string `json:"status"`
}

// verificationEvent queues the event of v's current status for every
// sink, when v's service subscribes to events; the caller holds s.mu.
func (s *Sandbox) verificationEvent(v *verification, at time.Time) {
	if len(s.sinks) == 0 {
		return
	}
	sv := s.st.Services[v.ServiceSID]
	if sv == nil || !sv.VerifyEventSubscriptionEnabled {
		return
	}
	typ := verificationEventType(v.Status)
	ev := cloudEvent{
		SpecVersion: "1.0", Type: typ, Source: "/v2/Services/" + v.ServiceSID + "/Verifications/" + v.SID,
		ID: newSID("EZ"), DataSchema: verifyEventSchema, DataContentType: "application/json",
		Time: at.UTC().Format(eventTimeFormat), Data: s.eventData(sv, v),
	}
	body, err := json.Marshal([]cloudEvent{ev})
	if err != nil {
		return // our own types: cannot happen
	}
	if v.Status == statusPending {
		s.scheduleExpiryEvents(v.ExpiresAt)
	}
	for _, sk := range s.sinks {
		s.delivery.enqueue(s.jsonJob(targetEventSink, typ, sk.URL, body))
	}
}

// eventData is the data of v's event.
func (s *Sandbox) eventData(sv *service, v *verification) verificationEventData {
	stamp := func(t time.Time) string { return t.UTC().Format(eventTimeFormat) }
	d := verificationEventData{
		AccountSID: s.st.AccountSID, ServiceSID: sv.SID, VerificationSID: v.SID, FriendlyName: sv.FriendlyName,
		CustomCodeEnabled: sv.CustomCodeEnabled, CustomFriendlyName: v.friendlyName(sv), CreatedAt: stamp(v.DateCreated),
		To: v.To, VerificationStatus: strings.ToUpper(v.Status), Country: s.countries.of(v.To), CodeLength: len(v.Code),
		SendCodeAttempts: eventSends{Count: len(v.Sends), Attempts: []eventSend{}},
		CheckAttempts:    eventChecks{Count: len(v.CheckLog), Attempts: []eventCheck{}},
		ExpiredAt:        stamp(v.ExpiresAt),
	}
	if v.Status == statusApproved {
		at := stamp(v.DateUpdated)
		d.VerifiedAt = &at
	}
	for _, a := range v.Sends {
		locale := a.Locale
		if locale == "" {
			locale = "en"
		}
		// Twilio now reports every attempt of a new subscriber as SENT.
		d.SendCodeAttempts.Attempts = append(d.SendCodeAttempts.Attempts, eventSend{
			Time: stamp(a.Time), Channel: strings.ToUpper(a.Channel), AttemptSID: a.SID, DeliveryStatus: "SENT", Locale: locale,
		})
	}
	for _, c := range v.CheckLog {
		st := "FAILURE"
		if c.OK {
			st = "SUCCESS"
		}
		d.CheckAttempts.Attempts = append(d.CheckAttempts.Attempts, eventCheck{Time: stamp(c.Time), Status: st})
	}
	return d
}

// friendlyName is the name v's messages used.
func (v *verification) friendlyName(sv *service) string {
	if v.CustomFriendlyName != "" {
		return v.CustomFriendlyName
	}
	return sv.FriendlyName
}

// scheduleExpiryEvents makes sure pending verifications are expired (and
// their expired events sent) near when their ten minutes are up, not only
// when next touched: one timer, for the earliest expiry; the caller holds
// s.mu. It is only armed while event sinks exist.
func (s *Sandbox) scheduleExpiryEvents(at time.Time) {
	if !s.expiryAt.IsZero() && !at.Before(s.expiryAt) {
		return
	}
	if s.expiryTimer != nil {
		s.expiryTimer.Stop()
	}
	s.expiryAt = at
	s.expiryTimer = time.AfterFunc(max(at.Sub(s.clock()), 0)+time.Second, s.expireForEvents)
}

// expireForEvents closes the pending verifications whose time is up (each
// sends its expired event) and re-arms the timer for the next one.
func (s *Sandbox) expireForEvents() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expiryAt, s.expiryTimer = time.Time{}, nil
	now := s.clock()
	var next time.Time
	for _, v := range s.pending {
		switch {
		case !now.Before(v.ExpiresAt):
			s.closeVerification(v, statusExpired, v.ExpiresAt)
		case next.IsZero() || v.ExpiresAt.Before(next):
			next = v.ExpiresAt
		}
	}
	_ = s.commit()
	if !next.IsZero() && len(s.sinks) > 0 {
		s.scheduleExpiryEvents(next)
	}
}
