package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Verification statuses.
const (
	statusPending     = "pending"
	statusApproved    = "approved"
	statusCanceled    = "canceled"
	statusExpired     = "expired"
	statusMaxAttempts = "max_attempts_reached"
)

// verification is a stored verification. Only pending ones are visible
// over the API; Twilio "soft-deletes" the others (fetch/check → 404).
type verification struct {
	SID         string        `json:"sid"`
	ServiceSID  string        `json:"service_sid"`
	To          string        `json:"to"`
	Channel     string        `json:"channel"` // of the latest send
	Status      string        `json:"status"`
	Code        string        `json:"code"`
	Amount      *string       `json:"amount"`
	Payee       *string       `json:"payee"`
	Sends       []sendAttempt `json:"sends"`
	Checks      int           `json:"checks"`
	Fetches     []time.Time   `json:"fetches,omitempty"` // status polls, for the polling limits
	DateCreated time.Time     `json:"date_created"`
	DateUpdated time.Time     `json:"date_updated"`
	ExpiresAt   time.Time     `json:"expires_at"`
	// SNA: the URL a device invokes, its token, and what invoking did.
	SNAURL         string `json:"sna_url,omitempty"`
	SNAToken       string `json:"sna_token,omitempty"`
	SNAInvoked     bool   `json:"sna_invoked,omitempty"`
	SNAConfirmed   bool   `json:"sna_confirmed,omitempty"`
	SNAClientToken string `json:"sna_client_token,omitempty"` // set when EnableSnaClientToken
}

// sendAttempt is one entry of send_code_attempts.
type sendAttempt struct {
	SID     string    `json:"sid"`
	Channel string    `json:"channel"`
	Time    time.Time `json:"time"`
}

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

func pendingKey(serviceSID, to string) string { return serviceSID + "\x00" + strings.ToLower(to) }

// unindex removes v from the live indexes; the caller holds s.mu.
func (s *Sandbox) unindex(v *verification) {
	if cur, ok := s.pending[pendingKey(v.ServiceSID, v.To)]; ok && cur == v {
		delete(s.pending, pendingKey(v.ServiceSID, v.To))
	}
	if v.SNAToken != "" {
		delete(s.bySNA, v.SNAToken)
	}
}

// closeVerification ends a pending verification with status; the caller
// holds s.mu. Closed verifications are kept (bounded) for attempts.
func (s *Sandbox) closeVerification(v *verification, status string, at time.Time) {
	v.Status = status
	v.DateUpdated = at
	s.unindex(v)
	if status == statusApproved {
		// Attempts are in time order: scan back only to v's creation, and
		// only until all of v's sends are found.
		left := len(v.Sends)
		for i := len(s.st.Attempts) - 1; i >= 0 && left > 0 && !s.st.Attempts[i].DateCreated.Before(v.DateCreated); i-- {
			if s.st.Attempts[i].VerificationSID == v.SID {
				s.st.Attempts[i].ConversionStatus = "converted"
				s.st.Attempts[i].DateUpdated = at
				left--
			}
		}
	}
	s.st.Closed = append(s.st.Closed, v.SID)
	if n := len(s.st.Closed) - maxClosed; n > maxClosed/4 {
		for _, sid := range s.st.Closed[:n] {
			if old, ok := s.st.Verifications[sid]; ok && old.Status != statusPending {
				delete(s.st.Verifications, sid)
			}
		}
		s.st.Closed = trimOldest(s.st.Closed, maxClosed)
	}
}

// live reports whether v is still pending, expiring it first when its ten
// minutes are up; the caller holds s.mu.
func (s *Sandbox) live(v *verification) bool {
	if v == nil || v.Status != statusPending {
		return false
	}
	if !s.clock().Before(v.ExpiresAt) {
		s.closeVerification(v, statusExpired, v.ExpiresAt)
		return false
	}
	return true
}

// findVerification resolves a VE SID or a To value within a service to a
// live verification; the caller holds s.mu.
func (s *Sandbox) findVerification(serviceSID, id string) *verification {
	var v *verification
	if strings.HasPrefix(id, "VE") && validSID(id, "VE") {
		v = s.st.Verifications[id]
		if v != nil && v.ServiceSID != serviceSID {
			v = nil
		}
	} else {
		v = s.pending[pendingKey(serviceSID, id)]
	}
	if !s.live(v) {
		return nil
	}
	return v
}

// channels are the values Channel accepts on a start.
var channels = []string{"sms", "call", "email", "whatsapp", "sna", "auto"}

// startRequest is a parsed and validated verification start.
type startRequest struct {
	to, channel, customCode, friendlyName, locale, appHash string
	amount, payee                                          *string
	riskCheckOff, snaClientToken                           bool
}

// parseStart validates a start against the service's settings. The order
// of the checks follows what a client most plausibly sees first: request
// shape (60200), then feature gates (60204, 60206/60214, 60223), then what
// the destination allows (60205, 60410).
func (s *Sandbox) parseStart(sv *service, f form) (startRequest, *apiError) {
	var r startRequest
	r.to = strings.TrimSpace(f.str("To"))
	r.channel = f.str("Channel")
	if r.to == "" {
		return r, errInvalid("To")
	}
	if !contains(channels, r.channel) {
		return r, errInvalid("Channel")
	}
	isEmail := strings.Contains(r.to, "@")
	if r.channel == "auto" {
		r.channel = s.autoChannel(sv, r.to, isEmail)
	}
	if r.channel == "email" {
		if !validEmail(r.to) {
			return r, errInvalid("To")
		}
	} else if isEmail || !validE164(r.to) {
		return r, errInvalid("To")
	}
	if _, ok := f.get("CustomMessage"); ok {
		// Deprecated parameter (unverified: 60243 for any use of it).
		return r, errf(http.StatusBadRequest, 60243, "Custom messages are not supported")
	}
	for _, key := range []string{"RateLimits", "ChannelConfiguration", "Tags", "TemplateCustomSubstitutions"} {
		if v, ok := f.get(key); ok && !jsonObject(v) {
			return r, errInvalid(key)
		}
	}
	if v, ok := f.get("Templates"); ok {
		var arr []map[string]any
		if json.Unmarshal([]byte(v), &arr) != nil || len(arr) > 10 {
			return r, errInvalid("Templates")
		}
	}
	if v, ok := f.get("TemplateSid"); ok && !validSID(v, "HJ") {
		return r, errInvalid("TemplateSid")
	}
	switch f.str("RiskCheck") {
	case "", "enable":
	case "disable":
		r.riskCheckOff = true
	default:
		return r, errInvalid("RiskCheck")
	}
	b, err := f.optBool("EnableSnaClientToken")
	if err != nil {
		return r, err
	}
	r.snaClientToken = b != nil && *b
	r.locale, r.appHash = f.str("Locale"), f.str("AppHash")
	r.friendlyName = sv.FriendlyName
	if v := strings.TrimSpace(f.str("CustomFriendlyName")); v != "" {
		// Twilio may require enablement for this (60204); the sandbox
		// account has it enabled.
		if len([]rune(v)) > 30 {
			return r, errInvalid("CustomFriendlyName")
		}
		r.friendlyName = v
	}
	if v, ok := f.get("CustomCode"); ok {
		if !sv.CustomCodeEnabled {
			return r, errf(http.StatusForbidden, 60204, "Service does not support this feature")
		}
		if n := len(v); n < 4 || n > 10 {
			return r, errInvalid("CustomCode")
		}
		r.customCode = v
	}
	r.amount, r.payee = f.optStr("Amount"), f.optStr("Payee")
	if sv.PSD2Enabled {
		if r.channel == "call" {
			return r, errf(http.StatusBadRequest, 60214, "Call channel is not supported with PSD2")
		}
		if r.amount == nil || *r.amount == "" || r.payee == nil || *r.payee == "" {
			return r, errf(http.StatusBadRequest, 60206, "'Amount' and 'Payee' are required for PSD2 verifications")
		}
	}
	if r.channel == "whatsapp" && sv.WhatsAppFrom == nil && sv.WhatsAppMsgServiceSID == nil {
		// Twilio no longer offers a shared WhatsApp sender to new accounts;
		// without the service's own sender the channel is disabled
		// (unverified that this exact case answers 60223).
		return r, errf(http.StatusBadRequest, 60223, "Delivery channel disabled: whatsapp (no WhatsApp sender configured on the service)")
	}
	if r.channel == "sms" && sv.LookupEnabled && sv.SkipSMSToLandlines && lineOf(r.to).Type == "landline" {
		return r, errf(http.StatusForbidden, 60205, "SMS is not supported by landline phone number")
	}
	_, safe := s.st.SafeList[r.to]
	if (r.channel == "sms" || r.channel == "call") && r.to == NumberGeoBlocked && !r.riskCheckOff && !safe {
		return r, errf(http.StatusForbidden, 60605, "Verification delivery attempt blocked (Geo Permissions)")
	}
	if r.channel == "sms" && r.to == NumberFraud && !r.riskCheckOff {
		if !safe {
			// HTTP status unverified; 403 like the other delivery refusals.
			return r, errf(http.StatusForbidden, 60410, "Verification delivery attempt blocked (Fraud Guard)")
		}
	}
	return r, nil
}

// autoChannel is what channel=auto resolves to: SNA where the carrier
// supports it, e-mail for addresses, voice for a landline the service will
// not text (a plausible refinement; Twilio does not document the choice),
// SMS otherwise.
func (s *Sandbox) autoChannel(sv *service, to string, isEmail bool) string {
	switch {
	case isEmail:
		return "email"
	case to == NumberSNA:
		return "sna"
	case sv.LookupEnabled && sv.SkipSMSToLandlines && lineOf(to).Type == "landline":
		return "call"
	}
	return "sms"
}

// jsonObject reports whether v is a JSON object.
func jsonObject(v string) bool {
	var m map[string]any
	return json.Unmarshal([]byte(v), &m) == nil && m != nil
}

func (s *Sandbox) createVerification(w http.ResponseWriter, r *http.Request, serviceSID string, f form) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	req, aerr := s.parseStart(sv, f)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	now := s.clock()
	v := s.pending[pendingKey(sv.SID, req.to)]
	if s.live(v) {
		// Resend: same verification, same code (Twilio keeps the token for
		// its validity period); the ten minutes do not restart.
		if len(v.Sends) >= MaxSends {
			e := errf(http.StatusTooManyRequests, 60203, "Max send attempts reached")
			e.retryAfter = v.ExpiresAt.Sub(now)
			writeError(w, e)
			return
		}
		if req.customCode != "" {
			v.Code = req.customCode
		}
	} else {
		code := req.customCode
		if code == "" {
			code = randomDigits(sv.CodeLength)
		}
		v = &verification{
			SID: newSID("VE"), ServiceSID: sv.SID, To: req.to, Status: statusPending, Code: code,
			Amount: req.amount, Payee: req.payee, DateCreated: now, ExpiresAt: now.Add(CodeLifetime),
		}
		s.st.Verifications[v.SID] = v
		s.pending[pendingKey(sv.SID, req.to)] = v
	}
	v.Channel = req.channel
	v.DateUpdated = now
	if req.channel == "sna" && v.SNAToken == "" {
		v.SNAToken = randomHex(16)
		v.SNAURL = "http://" + hostOf(r) + "/sandbox/v1/SNA/" + v.SNAToken
		s.bySNA[v.SNAToken] = v
	}
	if req.channel == "sna" && req.snaClientToken && v.SNAClientToken == "" {
		v.SNAClientToken = randomHex(16)
	}
	s.send(sv, v, req, now)
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, s.renderVerification(sv, v))
}

// hostOf is the address the client reached the sandbox at (the SNA URL
// must point there: the device opens it directly).
func hostOf(r *http.Request) string {
	if r.Host != "" {
		return r.Host
	}
	return "127.0.0.1"
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

// verificationJSON is the wire shape of a verification.
type verificationJSON struct {
	SID              string            `json:"sid"`
	ServiceSID       string            `json:"service_sid"`
	AccountSID       string            `json:"account_sid"`
	To               string            `json:"to"`
	Channel          string            `json:"channel"`
	Status           string            `json:"status"`
	Valid            bool              `json:"valid"`
	Lookup           map[string]any    `json:"lookup"`
	Amount           *string           `json:"amount"`
	Payee            *string           `json:"payee"`
	SendCodeAttempts []sendAttemptJSON `json:"send_code_attempts"`
	DateCreated      string            `json:"date_created"`
	DateUpdated      string            `json:"date_updated"`
	SNA              *snaJSON          `json:"sna"`
	URL              string            `json:"url"`
}

// sendAttemptJSON is one send_code_attempts entry. Twilio's examples mix
// "SMS" and "sna" casing; the sandbox uses the lowercase channel names of
// the Channel parameter (unverified which the live API uses).
type sendAttemptJSON struct {
	Time       string `json:"time"`
	Channel    string `json:"channel"`
	AttemptSID string `json:"attempt_sid"`
}

type snaJSON struct {
	URL string `json:"url"`
}

func (s *Sandbox) renderVerification(sv *service, v *verification) verificationJSON {
	j := verificationJSON{
		SID: v.SID, ServiceSID: v.ServiceSID, AccountSID: s.st.AccountSID, To: v.To, Channel: v.Channel,
		Status: v.Status, Valid: v.Status == statusApproved, Lookup: map[string]any{},
		Amount: v.Amount, Payee: v.Payee,
		SendCodeAttempts: make([]sendAttemptJSON, 0, len(v.Sends)),
		DateCreated:      rfc3339(v.DateCreated), DateUpdated: rfc3339(v.DateUpdated),
		URL: verifyBase + "/Services/" + v.ServiceSID + "/Verifications/" + v.SID,
	}
	for _, a := range v.Sends {
		j.SendCodeAttempts = append(j.SendCodeAttempts, sendAttemptJSON{rfc3339(a.Time), a.Channel, a.SID})
	}
	if sv != nil && sv.LookupEnabled && !strings.Contains(v.To, "@") {
		ln := lineOf(v.To)
		j.Lookup["carrier"] = map[string]any{
			"mobile_country_code": strPtr(ln.MCC), "mobile_network_code": strPtr(ln.MNC),
			"name": ln.Carrier, "type": ln.Type, "error_code": nil,
		}
	}
	if v.Channel == "sna" && v.SNAURL != "" {
		j.SNA = &snaJSON{URL: v.SNAURL}
	}
	return j
}

func (s *Sandbox) fetchVerification(w http.ResponseWriter, serviceSID, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	v := s.findVerification(serviceSID, id)
	if v == nil {
		writeError(w, errNotFound("/Services/"+serviceSID+"/Verifications/"+id))
		return
	}
	if wait := v.poll(s.clock()); wait > 0 {
		e := errf(http.StatusTooManyRequests, 20429, "Too many requests: the status of a verification may be fetched at most 60 times a minute, 180 an hour and 250 a day")
		e.retryAfter = wait
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, s.renderVerification(sv, v))
}

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

// updateVerification sets Status=canceled|approved on a live verification.
func (s *Sandbox) updateVerification(w http.ResponseWriter, serviceSID, id string, f form) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	status := f.str("Status")
	if status != statusCanceled && status != statusApproved {
		writeError(w, errInvalid("Status"))
		return
	}
	v := s.findVerification(serviceSID, id)
	if v == nil {
		writeError(w, errNotFound("/Services/"+serviceSID+"/Verifications/"+id))
		return
	}
	s.closeVerification(v, status, s.clock())
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s.renderVerification(sv, v))
}
