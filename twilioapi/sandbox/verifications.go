package sandbox

import (
	"net"
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
	// For the verification status events (verification_events.go).
	CustomFriendlyName string         `json:"custom_friendly_name,omitempty"`
	CheckLog           []checkAttempt `json:"check_log,omitempty"`
}

// sendAttempt is one entry of send_code_attempts.
type sendAttempt struct {
	SID     string    `json:"sid"`
	Channel string    `json:"channel"`
	Time    time.Time `json:"time"`
	Locale  string    `json:"locale,omitempty"`
}

// pendingID identifies the live verification of a destination in a
// service. A struct key rather than a joined string: building the key is
// then free (ToLower returns its input when there is nothing to lower), and
// it is built several times per request.
type pendingID struct{ service, to string }

// pendingKey is the pending-index key of to in serviceSID; e-mail
// destinations compare case-insensitively.
func pendingKey(serviceSID, to string) pendingID { return pendingID{serviceSID, strings.ToLower(to)} }

// index makes v the live verification of its destination; the caller
// holds s.mu and has closed (unindexed) any previous one.
func (s *Sandbox) index(v *verification) {
	key := pendingKey(v.ServiceSID, v.To)
	if _, ok := s.pending[key]; !ok {
		s.perSvc[v.ServiceSID]++
	}
	s.pending[key] = v
	s.high.pending = max(s.high.pending, len(s.pending))
	s.high.verifications = max(s.high.verifications, len(s.st.Verifications))
}

// unindex removes v from the live indexes; the caller holds s.mu.
func (s *Sandbox) unindex(v *verification) {
	if cur, ok := s.pending[pendingKey(v.ServiceSID, v.To)]; ok && cur == v {
		delete(s.pending, pendingKey(v.ServiceSID, v.To))
		if s.perSvc[v.ServiceSID]--; s.perSvc[v.ServiceSID] <= 0 {
			delete(s.perSvc, v.ServiceSID)
		}
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
	s.changed(bucketVerifications, v.SID)
	if status == statusApproved {
		s.attempts.markConverted(v, at)
	}
	s.verificationEvent(v, at)
	s.st.Closed = append(s.st.Closed, v.SID)
	if n := len(s.st.Closed) - maxClosed; n > maxClosed/4 {
		for _, sid := range s.st.Closed[:n] {
			if old, ok := s.st.Verifications[sid]; ok && old.Status != statusPending {
				delete(s.st.Verifications, sid)
				s.changed(bucketVerifications, sid)
			}
		}
		s.st.Closed = trimKeyed(s.st.Closed, maxClosed, &s.st.closedFirst)
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
	if validSID(id, "VE") {
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

func (s *Sandbox) createVerification(w http.ResponseWriter, r *http.Request, serviceSID string, f form) {
	// Warm the number cache before taking the lock: parsing is slow.
	if to := strings.TrimSpace(f.str("To")); to != "" && !strings.Contains(to, "@") {
		s.validNumber(to)
	}
	base := s.basesFor(r).verify
	s.answerLocked(w, func(b []byte) ([]byte, int, *apiError) { return s.startLocked(b, r, base, serviceSID, f) })
}

// startLocked is createVerification under s.mu: it appends the answer to b
// and returns it with 201, or the error to answer.
func (s *Sandbox) startLocked(b []byte, r *http.Request, base, serviceSID string, f form) ([]byte, int, *apiError) {
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		return b, 0, aerr
	}
	req, aerr := s.parseStart(sv, f)
	if aerr != nil {
		return b, 0, aerr
	}
	now := s.clock()
	v := s.pending[pendingKey(sv.SID, req.to)]
	if s.live(v) {
		// Resend: same verification, same code (Twilio keeps the token for
		// its validity period); the ten minutes do not restart.
		if len(v.Sends) >= MaxSends {
			e := errf(http.StatusTooManyRequests, 60203, "Max send attempts reached")
			e.retryAfter = v.ExpiresAt.Sub(now)
			return b, 0, e
		}
		if req.customCode != "" {
			v.Code = req.customCode
		}
	} else {
		if s.perSvc[sv.SID] >= s.pendingCap {
			if e := s.pendingCapError(sv.SID, now); e != nil {
				return b, 0, e
			}
		}
		code := req.customCode
		if code == "" {
			code = randomDigits(sv.CodeLength)
		}
		v = &verification{
			SID: newSID("VE"), ServiceSID: sv.SID, To: req.to, Status: statusPending, Code: code,
			Amount: req.amount, Payee: req.payee, DateCreated: now, ExpiresAt: now.Add(CodeLifetime),
		}
		s.st.Verifications[v.SID] = v
		s.index(v)
		s.maybeSweepExpired()
		defer s.verificationEvent(v, now) // after the first send, which the event lists
	}
	if req.friendlyName != sv.FriendlyName {
		v.CustomFriendlyName = req.friendlyName
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
	s.changed(bucketVerifications, v.SID)
	if err := s.commit(); err != nil {
		return b, 0, err
	}
	return appendVerification(b, base, s.st.AccountSID, sv, v), http.StatusCreated, nil
}

// hostOf is the address the client reached the sandbox at (the SNA URL
// must point there: the device opens it directly). The connection's local
// address is preferred to the Host header, which a client that proxies
// rather than rewrites may leave as verify.twilio.com.
func hostOf(r *http.Request) string {
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok && a != nil {
		return a.String()
	}
	if r.Host != "" {
		return r.Host
	}
	return "127.0.0.1"
}

func (s *Sandbox) fetchVerification(w http.ResponseWriter, r *http.Request, serviceSID, id string) {
	base := s.basesFor(r).verify
	s.answerLocked(w, func(b []byte) ([]byte, int, *apiError) { return s.fetchLocked(b, base, serviceSID, id) })
}

// fetchLocked is fetchVerification under s.mu: it appends the answer to b
// and returns it with 200, or the error to answer.
func (s *Sandbox) fetchLocked(b []byte, base, serviceSID, id string) ([]byte, int, *apiError) {
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		return b, 0, aerr
	}
	v := s.findVerification(serviceSID, id)
	if v == nil {
		return b, 0, errNotFound("/Services/" + serviceSID + "/Verifications/" + id)
	}
	s.changed(bucketVerifications, v.SID) // poll records the fetch
	if wait := v.poll(s.clock()); wait > 0 {
		e := errf(http.StatusTooManyRequests, 20429, "Too many requests: the status of a verification may be fetched at most 60 times a minute, 180 an hour and 250 a day")
		e.retryAfter = wait
		return b, 0, e
	}
	return appendVerification(b, base, s.st.AccountSID, sv, v), http.StatusOK, nil
}

// updateVerification sets Status=canceled|approved on a live verification.
func (s *Sandbox) updateVerification(w http.ResponseWriter, r *http.Request, serviceSID, id string, f form) {
	base := s.basesFor(r).verify
	s.answerLocked(w, func(b []byte) ([]byte, int, *apiError) { return s.updateLocked(b, base, serviceSID, id, f) })
}

// updateLocked is updateVerification under s.mu: it appends the answer to b
// and returns it with 200, or the error to answer.
func (s *Sandbox) updateLocked(b []byte, base, serviceSID, id string, f form) ([]byte, int, *apiError) {
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		return b, 0, aerr
	}
	status := f.str("Status")
	if status != statusCanceled && status != statusApproved {
		return b, 0, errInvalid("Status")
	}
	v := s.findVerification(serviceSID, id)
	if v == nil {
		return b, 0, errNotFound("/Services/" + serviceSID + "/Verifications/" + id)
	}
	s.closeVerification(v, status, s.clock())
	if err := s.commit(); err != nil {
		return b, 0, err
	}
	return appendVerification(b, base, s.st.AccountSID, sv, v), http.StatusOK, nil
}
