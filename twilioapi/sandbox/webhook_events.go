package sandbox

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/url"
)

// Webhook events of Verify Push/TOTP: when a factor is created, verified
// or deleted, or a challenge approved or denied, every enabled webhook of
// the service subscribed to the event (or to "*") gets a signed form POST.
// The parameter names are those of Twilio's docs (unverified in detail);
// v1 and v2 webhooks get the same parameters (Twilio documents v2 only as
// "all the latest fields").

// factorEvent queues a factor event (factor.created, factor.verified,
// factor.deleted) for the service's webhooks; the caller holds s.mu.
func (s *Sandbox) factorEvent(event string, en *entity, fa *factor) {
	s.webhookEvent(en.ServiceSID, event, func() url.Values { return s.factorParams(event, en, fa) })
}

// challengeEvent queues challenge.approved or challenge.denied; the
// caller holds s.mu.
func (s *Sandbox) challengeEvent(en *entity, c *challenge) {
	event := "challenge." + c.Status
	s.webhookEvent(en.ServiceSID, event, func() url.Values {
		fa := en.Factors[c.FactorSID]
		if fa == nil { // deleted since; its type and SID are on the challenge
			fa = &factor{SID: c.FactorSID, Type: c.FactorType}
		}
		p := s.factorParams(event, en, fa)
		j := s.renderChallenge(twilioVerifyBase, en, c) // only its details are used
		p.Set("challenge_sid", c.SID)
		p.Set("challenge_status", c.Status)
		p.Set("challenge_responded_reason", j.RespondedReason)
		p.Set("challenge_details", jsonText(j.Details))
		p.Set("challenge_hidden_details", jsonText(j.HiddenDetails))
		p.Set("challenge_metadata", jsonText(j.Metadata))
		return p
	})
}

// factorParams are the parameters every Push/TOTP event carries.
func (s *Sandbox) factorParams(event string, en *entity, fa *factor) url.Values {
	return url.Values{
		"uuid":                 {newUUID()},
		"type":                 {event},
		"account_sid":          {s.st.AccountSID},
		"service_sid":          {en.ServiceSID},
		"entity_identity":      {en.Identity},
		"factor_sid":           {fa.SID},
		"factor_type":          {fa.Type},
		"factor_friendly_name": {fa.FriendlyName},
	}
}

// webhookEvent queues the event for each matching webhook of the service;
// the parameters are built once, and only when some webhook wants them.
// The caller holds s.mu.
func (s *Sandbox) webhookEvent(serviceSID, event string, params func() url.Values) {
	var p url.Values
	for _, wh := range s.serviceWebhooks(serviceSID) {
		if !wh.wants(event) {
			continue
		}
		if p == nil {
			p = params()
		}
		s.delivery.enqueue(s.formJob(targetWebhook, wh.SID, event, wh.URL, p))
	}
}

// jsonText is v as JSON text ("null" for nil).
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// newUUID is a random (version 4) UUID, the shape of Twilio's event ids.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
