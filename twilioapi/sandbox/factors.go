package sandbox

import (
	"encoding/json"
	"net/http"
	"time"
)

// Factor types and statuses.
const (
	factorTOTP       = "totp"
	factorPush       = "push"
	factorPasskeys   = "passkeys"
	factorUnverified = "unverified"
	factorVerified   = "verified"
)

// maxTOTPFailures is how many wrong TOTP codes a factor verification (and,
// separately, a challenge) takes; the next attempt answers 429 (60310 for
// a factor, 60308 for a challenge). Like the verification-check limit,
// the boundary (the attempt after the fifth failure) is the documented
// reading, unverified against Twilio.
const maxTOTPFailures = 5

// factor is a stored Push, TOTP or Passkeys factor. Exactly one of TOTP,
// Push and Passkeys is set, matching Type.
type factor struct {
	SID          string            `json:"sid"`
	Seq          int64             `json:"seq"`
	Type         string            `json:"type"`
	Status       string            `json:"status"`
	FriendlyName string            `json:"friendly_name"`
	Metadata     map[string]string `json:"metadata"`
	DateCreated  time.Time         `json:"date_created"`
	DateUpdated  time.Time         `json:"date_updated"`
	// Failures counts wrong verification codes since the last right one.
	Failures int `json:"failures"`

	Secret   string          `json:"secret,omitempty"` // totp, Base32
	TOTP     *totpConfig     `json:"totp,omitempty"`
	Push     *pushConfig     `json:"push,omitempty"`
	PushAlg  string          `json:"push_alg,omitempty"` // push binding: ES256
	PushKey  string          `json:"push_key,omitempty"` // push binding: Base64 DER public key
	Passkeys *passkeysConfig `json:"passkeys,omitempty"`
}

func (fa *factor) sequence() int64 { return fa.Seq }

// pushConfig is a push factor's device binding and notification settings.
type pushConfig struct {
	SDKVersion           string `json:"sdk_version"`
	AppID                string `json:"app_id"`
	NotificationPlatform string `json:"notification_platform"`
	NotificationToken    string `json:"notification_token"`
}

// factorJSON is the wire shape of a factor: VerifyV2Factor for fetch and
// list, VerifyV2NewFactor for the create answer. Binding and Options are
// only in the create answer: empty, they are left out; the create answer
// sets them, to JSON null when there is nothing (Twilio's field order).
type factorJSON struct {
	SID          string            `json:"sid"`
	AccountSID   string            `json:"account_sid"`
	ServiceSID   string            `json:"service_sid"`
	EntitySID    string            `json:"entity_sid"`
	Identity     string            `json:"identity"`
	Binding      json.RawMessage   `json:"binding,omitempty"`
	Options      json.RawMessage   `json:"options,omitempty"`
	DateCreated  string            `json:"date_created"`
	DateUpdated  string            `json:"date_updated"`
	FriendlyName string            `json:"friendly_name"`
	Status       string            `json:"status"`
	FactorType   string            `json:"factor_type"`
	Config       any               `json:"config"`
	Metadata     map[string]string `json:"metadata"`
	URL          string            `json:"url"`
}

func (s *Sandbox) renderFactor(base string, en *entity, fa *factor) factorJSON {
	j := factorJSON{
		SID: fa.SID, AccountSID: s.st.AccountSID, ServiceSID: en.ServiceSID, EntitySID: en.SID,
		Identity: en.Identity, DateCreated: rfc3339(fa.DateCreated), DateUpdated: rfc3339(fa.DateUpdated),
		FriendlyName: fa.FriendlyName, Status: fa.Status, FactorType: fa.Type, Metadata: fa.Metadata,
		URL: entityURL(base, en.ServiceSID, en.Identity) + "/Factors/" + fa.SID,
	}
	switch {
	case fa.TOTP != nil:
		j.Config = fa.TOTP
	case fa.Push != nil:
		j.Config = fa.Push
	case fa.Passkeys != nil:
		j.Config = fa.Passkeys
	}
	return j
}

// renderNewFactor is the create answer: the factor plus its binding and
// (passkeys only) options; nil ones are null. The binding — the TOTP
// secret — appears here and never again.
func (s *Sandbox) renderNewFactor(base string, en *entity, fa *factor, binding, options any) factorJSON {
	j := s.renderFactor(base, en, fa)
	j.Binding, _ = json.Marshal(binding) // our own types: never fails; nil gives null
	j.Options, _ = json.Marshal(options)
	return j
}

// totpBinding is the binding of a new TOTP factor.
type totpBinding struct {
	Secret string `json:"secret"`
	URI    string `json:"uri"`
}

// pushBinding is the binding of a new push factor.
type pushBinding struct {
	Alg       string `json:"alg"`
	PublicKey string `json:"public_key"`
}

// createFactor answers POST …/Entities/{Identity}/Factors: a totp or push
// factor, unverified. The entity is created when it does not exist yet
// (Twilio documents this for passkeys; the same is assumed here).
func (s *Sandbox) createFactor(w http.ResponseWriter, base string, serviceSID, identity string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		sv, aerr := s.service(serviceSID)
		if aerr != nil {
			return 0, nil, aerr
		}
		if !validIdentity(identity) {
			return 0, nil, errTFA("Identity")
		}
		fa, binding, aerr := parseNewFactor(sv, f)
		if aerr != nil {
			return 0, nil, aerr
		}
		en := s.ensureEntity(serviceSID, identity, now)
		fa.SID, fa.Seq, fa.Status, fa.DateCreated, fa.DateUpdated = newSID("YF"), s.st.nextSeq(), factorUnverified, now, now
		en.Factors[fa.SID] = fa
		s.factorEvent(eventFactorCreated, en, fa)
		return http.StatusCreated, s.renderNewFactor(base, en, fa, binding, nil), nil
	})
}

// lookupFactor finds a factor of identity; the caller holds s.mu.
func (s *Sandbox) lookupFactor(serviceSID, identity, sid string) (*service, *entity, *factor, *apiError) {
	sv, en, aerr := s.lookupEntity(serviceSID, identity)
	if aerr != nil {
		return nil, nil, nil, aerr
	}
	fa := en.Factors[sid]
	if fa == nil {
		return nil, nil, nil, errNotFound("/Services/" + serviceSID + "/Entities/" + identity + "/Factors/" + sid)
	}
	return sv, en, fa, nil
}

func (s *Sandbox) fetchFactor(w http.ResponseWriter, base string, serviceSID, identity, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		_, en, fa, aerr := s.lookupFactor(serviceSID, identity, sid)
		if aerr != nil {
			return 0, nil, aerr
		}
		return http.StatusOK, s.renderFactor(base, en, fa), nil
	})
}

// deleteFactor answers DELETE on a factor. Its challenges stay listed (they
// are the entity's history) but can no longer be answered.
func (s *Sandbox) deleteFactor(w http.ResponseWriter, serviceSID, identity, sid string) {
	s.serveLocked(w, true, func(time.Time) (int, any, *apiError) {
		_, en, fa, aerr := s.lookupFactor(serviceSID, identity, sid)
		if aerr != nil {
			return 0, nil, aerr
		}
		delete(en.Factors, sid)
		s.factorEvent(eventFactorDeleted, en, fa)
		return http.StatusNoContent, nil, nil
	})
}

// updateFactor answers POST on a factor: verify it with AuthPayload, rename
// it, or change its config. A wrong TOTP code answers 200 with the status
// unchanged (Twilio's behaviour since 2021-10-27); after five, 429/60310.
func (s *Sandbox) updateFactor(w http.ResponseWriter, base string, serviceSID, identity, sid string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		_, en, fa, aerr := s.lookupFactor(serviceSID, identity, sid)
		if aerr != nil {
			return 0, nil, aerr
		}
		next, aerr := applyFactorUpdate(fa, f)
		if aerr != nil {
			return 0, nil, aerr
		}
		if payload, ok := f.get("AuthPayload"); ok {
			if aerr := verifyFactorPayload(next, payload, now); aerr != nil {
				return 0, nil, aerr
			}
		}
		next.DateUpdated = now
		verified := fa.Status != factorVerified && next.Status == factorVerified
		*fa = *next
		if verified {
			s.factorEvent(eventFactorVerified, en, fa)
		}
		return http.StatusOK, s.renderFactor(base, en, fa), nil
	})
}

// verifyFactorPayload checks a factor's AuthPayload and updates next: a
// right TOTP code or a valid push signature verifies it.
func verifyFactorPayload(next *factor, payload string, now time.Time) *apiError {
	switch next.Type {
	case factorTOTP:
		ok, aerr := tryTOTP(next, &next.Failures, 60310, payload, now)
		if aerr != nil {
			return aerr
		}
		if ok {
			next.Status, next.Failures = factorVerified, 0
		}
	case factorPush:
		if _, ok := verifyPushJWS(next.PushKey, payload); !ok {
			return errf(http.StatusForbidden, 60311, "Factor verification failed")
		}
		next.Status = factorVerified
	default:
		return errTFA("AuthPayload")
	}
	return nil
}

// tryTOTP is one TOTP attempt against fa, counted in *failures: after
// maxTOTPFailures wrong codes it answers 429 with limitCode (60310 for a
// factor, 60308 for a challenge) whatever the code; a malformed code is a
// 60300 and not counted; otherwise it reports whether the code is right,
// counting it when wrong.
func tryTOTP(fa *factor, failures *int, limitCode int, payload string, now time.Time) (bool, *apiError) {
	if *failures >= maxTOTPFailures {
		what := map[int]string{60310: "factor", 60308: "challenge"}[limitCode]
		return false, errf(http.StatusTooManyRequests, limitCode, "Max "+what+" verification attempts reached")
	}
	if !validTOTPPayload(payload) {
		return false, errTFA("AuthPayload")
	}
	key, _ := decodeTOTPSecret(fa.Secret)
	if checkTOTP(key, *fa.TOTP, payload, now) {
		return true, nil
	}
	*failures++
	return false, nil
}

// validTOTPPayload is the AuthPayload rule for TOTP: 3–8 digits.
func validTOTPPayload(p string) bool {
	if len(p) < 3 || len(p) > 8 {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return true
}

// listFactors answers one page of an entity's factors in creation order.
func (s *Sandbox) listFactors(w http.ResponseWriter, base string, serviceSID, identity string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		_, en, aerr := s.lookupEntity(serviceSID, identity)
		if aerr != nil {
			return 0, nil, aerr
		}
		return http.StatusOK, listPage(pg, "factors", entityURL(base, serviceSID, identity)+"/Factors", creationOrder(en.Factors, nil),
			func(fa *factor) factorJSON { return s.renderFactor(base, en, fa) }), nil
	})
}
