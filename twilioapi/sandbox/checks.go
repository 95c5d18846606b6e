package sandbox

import (
	"crypto/subtle"
	"net/http"
)

// snaErrorJSON is one sna_attempts_error_codes entry of a check.
type snaErrorJSON struct {
	AttemptSID string `json:"attempt_sid"`
	Code       int    `json:"code"`
}

// snaPending is the SNA error for a result that is not (yet) there: the
// URL was not invoked, or the carrier does not support SNA (a US1
// verification for an unsupported carrier stays pending with 60519).
const snaPending = 60519

// createCheck answers POST /v2/Services/{VA}/VerificationCheck.
func (s *Sandbox) createCheck(w http.ResponseWriter, serviceSID string, f form) {
	s.answerLocked(w, func(b []byte) ([]byte, int, *apiError) { return s.checkLocked(b, serviceSID, f) })
}

// checkLocked is createCheck under s.mu: it appends the answer to b
// and returns it with 200, or the error to answer.
func (s *Sandbox) checkLocked(b []byte, serviceSID string, f form) ([]byte, int, *apiError) {
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		return b, 0, aerr
	}
	id := f.str("VerificationSid")
	if id == "" {
		id = f.str("To")
	}
	if id == "" {
		return b, 0, errInvalid("To")
	}
	v := s.findVerification(serviceSID, id)
	if v == nil {
		return b, 0, errNotFound("/Services/" + serviceSID + "/VerificationCheck")
	}
	code, hasCode := f.get("Code")
	isSNA := v.Channel == "sna"
	if !isSNA && (!hasCode || len(code) < 4 || len(code) > 10) {
		return b, 0, errInvalid("Code")
	}
	amount, payee := f.optStr("Amount"), f.optStr("Payee")
	if sv.PSD2Enabled && (amount == nil || payee == nil) {
		// Unverified: the start's 60206 is the most plausible answer to a
		// PSD2 check without the dynamic-linking values.
		return b, 0, errPSD2Values()
	}
	now := s.clock()
	if v.Checks >= MaxChecks {
		// "More than 5 checks": the sixth answers 429 and the verification
		// is over (later calls 404). Unverified whether Twilio counts the
		// boundary this way; it is the documented reading.
		s.closeVerification(v, statusMaxAttempts, now)
		if err := s.commit(); err != nil {
			return b, 0, err
		}
		return b, 0, errf(http.StatusTooManyRequests, 60202, "Max check attempts reached")
	}
	v.Checks++
	v.DateUpdated = now
	s.changed(bucketVerifications, v.SID)
	ok := false
	var snaErrs []snaErrorJSON
	if isSNA {
		snaErrs = []snaErrorJSON{}
		ok = v.SNAConfirmed
		if ok && v.SNAClientToken != "" {
			// Unverified: a missing or wrong client token does not approve.
			ok = subtle.ConstantTimeCompare([]byte(f.str("SnaClientToken")), []byte(v.SNAClientToken)) == 1
		}
		if !ok {
			snaErrs = append(snaErrs, snaErrorJSON{AttemptSID: v.Sends[len(v.Sends)-1].SID, Code: snaPending})
		}
	} else {
		ok = subtle.ConstantTimeCompare([]byte(code), []byte(v.Code)) == 1
	}
	if ok && sv.PSD2Enabled {
		// Dynamic linking: the check's values must equal the start's; a
		// mismatch leaves the verification pending (unverified vs an error).
		ok = eqPtr(amount, v.Amount) && eqPtr(payee, v.Payee)
	}
	v.CheckLog = append(v.CheckLog, checkAttempt{Time: now, OK: ok})
	if ok {
		s.closeVerification(v, statusApproved, now)
	}
	if err := s.commit(); err != nil {
		return b, 0, err
	}
	return appendCheck(b, s.st.AccountSID, v, snaErrs), http.StatusOK, nil
}

func eqPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// snaResultJSON is what invoking an SNA URL answers. Real carrier URLs
// answer "ErrorCode=0&ErrorDescription=Success&Carrier=…"; the sandbox
// answers the same fields as JSON so every answer it gives is JSON.
type snaResultJSON struct {
	ErrorCode        int    `json:"error_code"`
	ErrorDescription string `json:"error_description"`
	Carrier          string `json:"carrier"`
	ClientToken      string `json:"client_token,omitempty"`
}

// invokeSNA answers GET/POST /sandbox/v1/SNA/{token}: the device opening
// the carrier URL. For NumberSNA it confirms possession; other numbers'
// carriers do not support SNA, so the result stays pending (60519).
func (s *Sandbox) invokeSNA(w http.ResponseWriter, r *http.Request, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.bySNA[token]
	if !s.live(v) {
		writeError(w, errNotFound(r.URL.Path))
		return
	}
	v.SNAInvoked = true
	ln := lineOf(v.To)
	res := snaResultJSON{ErrorCode: snaPending, ErrorDescription: "Carrier does not support Silent Network Auth", Carrier: ln.Carrier}
	if v.To == NumberSNA {
		v.SNAConfirmed = true
		res = snaResultJSON{ErrorCode: 0, ErrorDescription: "Success", Carrier: ln.Carrier, ClientToken: v.SNAClientToken}
	}
	v.DateUpdated = s.clock()
	s.changed(bucketVerifications, v.SID)
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
