package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// Service Rate Limits: a rate limit names a key a start may carry in its
// RateLimits parameter (e.g. end_user_ip_address); its buckets say how many
// starts per interval each distinct value of that key may make.
//
// Twilio documents the errors (60207 too many rate limits, 60208 unique
// name taken, 60209 unique name format, 60210 too many buckets, 60211 an
// interval taken) but not the numbers behind them; the sandbox's are
// below (unverified).
const (
	maxRateLimitsPerService = 10
	maxBucketsPerRateLimit  = 5
	maxUniqueNameLength     = 64
	maxBucketInterval       = 86400 * 7 // seconds
)

// rateLimit is a stored Service Rate Limit and its buckets.
type rateLimit struct {
	SID         string             `json:"sid"`
	ServiceSID  string             `json:"service_sid"`
	Seq         int64              `json:"seq"`
	UniqueName  string             `json:"unique_name"`
	Description *string            `json:"description"`
	Buckets     map[string]*bucket `json:"buckets"`
	DateCreated time.Time          `json:"date_created"`
	DateUpdated time.Time          `json:"date_updated"`
}

func (rl *rateLimit) sequence() int64 { return rl.Seq }

// rateLimitJSON is the wire shape of a rate limit (VerifyV2RateLimit).
type rateLimitJSON struct {
	SID         string            `json:"sid"`
	ServiceSID  string            `json:"service_sid"`
	AccountSID  string            `json:"account_sid"`
	UniqueName  string            `json:"unique_name"`
	Description *string           `json:"description"`
	DateCreated string            `json:"date_created"`
	DateUpdated string            `json:"date_updated"`
	URL         string            `json:"url"`
	Links       map[string]string `json:"links"`
}

func (s *Sandbox) renderRateLimit(base string, rl *rateLimit) rateLimitJSON {
	u := rateLimitURL(base, rl.ServiceSID, rl.SID)
	return rateLimitJSON{
		SID: rl.SID, ServiceSID: rl.ServiceSID, AccountSID: s.st.AccountSID, UniqueName: rl.UniqueName,
		Description: rl.Description, DateCreated: rfc3339(rl.DateCreated), DateUpdated: rfc3339(rl.DateUpdated),
		URL: u, Links: map[string]string{"buckets": u + "/Buckets"},
	}
}

func rateLimitURL(base, serviceSID, sid string) string {
	return base + "/Services/" + serviceSID + "/RateLimits/" + sid
}

// routeRateLimits answers /v2/Services/{VA}/RateLimits[/{RK}[/Buckets[/{BL}]]]
// (segs without "v2"; the service SID is well-formed).
func (s *Sandbox) routeRateLimits(w http.ResponseWriter, m, base string, segs []string, f form) {
	n := len(segs)
	if n >= 4 && !validSID(segs[3], "RK") || n >= 6 && !validSID(segs[5], "BL") || n == 5 && segs[4] != "Buckets" || n > 6 || n == 6 && segs[4] != "Buckets" {
		writeError(w, errNotFound("/"+strings.Join(segs, "/")))
		return
	}
	switch n {
	case 3:
		switch m {
		case http.MethodGet:
			s.listRateLimits(w, base, segs[1], f)
		case http.MethodPost:
			s.createRateLimit(w, base, segs[1], f)
		default:
			writeError(w, errMethod())
		}
	case 4:
		switch m {
		case http.MethodGet:
			s.fetchRateLimit(w, base, segs[1], segs[3])
		case http.MethodPost:
			s.updateRateLimit(w, base, segs[1], segs[3], f)
		case http.MethodDelete:
			s.deleteRateLimit(w, segs[1], segs[3])
		default:
			writeError(w, errMethod())
		}
	case 5:
		switch m {
		case http.MethodGet:
			s.listBuckets(w, base, segs[1], segs[3], f)
		case http.MethodPost:
			s.createBucket(w, base, segs[1], segs[3], f)
		default:
			writeError(w, errMethod())
		}
	case 6:
		switch m {
		case http.MethodGet:
			s.fetchBucket(w, base, segs[1], segs[3], segs[5])
		case http.MethodPost:
			s.updateBucket(w, base, segs[1], segs[3], segs[5], f)
		case http.MethodDelete:
			s.deleteBucket(w, segs[1], segs[3], segs[5])
		default:
			writeError(w, errMethod())
		}
	}
}

// rateLimit looks up a service's rate limit; the caller holds s.mu.
func (s *Sandbox) rateLimit(serviceSID, sid string) (*rateLimit, *apiError) {
	if _, err := s.service(serviceSID); err != nil {
		return nil, err
	}
	rl, ok := s.st.RateLimits[sid]
	if !ok || rl.ServiceSID != serviceSID {
		return nil, errNotFound("/Services/" + serviceSID + "/RateLimits/" + sid)
	}
	return rl, nil
}

// serviceRateLimits are a service's rate limits in creation order; the
// caller holds s.mu.
func (s *Sandbox) serviceRateLimits(serviceSID string) []*rateLimit {
	return creationOrder(s.st.RateLimits, func(rl *rateLimit) bool { return rl.ServiceSID == serviceSID })
}

// validUniqueName reports whether a rate limit's unique name has the shape
// the sandbox accepts (60209 otherwise): 1–64 letters, digits, ".", "_"
// or "-" — enough for Twilio's examples ("end_user_ip_address",
// "unique.name"), and never PII-shaped like a phone number or address.
func validUniqueName(n string) bool {
	if n == "" || len(n) > maxUniqueNameLength {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func (s *Sandbox) createRateLimit(w http.ResponseWriter, base string, serviceSID string, f form) {
	name, ok := f.get("UniqueName")
	if !ok || name == "" {
		writeError(w, errInvalid("UniqueName"))
		return
	}
	if !validUniqueName(name) {
		writeError(w, errf(http.StatusBadRequest, 60209, "UniqueName format is invalid"))
		return
	}
	s.serveLocked(w, false, func(now time.Time) (int, any, *apiError) {
		if _, err := s.service(serviceSID); err != nil {
			return 0, nil, err
		}
		existing := s.serviceRateLimits(serviceSID)
		for _, rl := range existing {
			if rl.UniqueName == name {
				return 0, nil, errf(http.StatusBadRequest, 60208, "Rate limit with that UniqueName already exists")
			}
		}
		if len(existing) >= maxRateLimitsPerService {
			return 0, nil, errf(http.StatusBadRequest, 60207, "Max rate limits per service reached")
		}
		rl := &rateLimit{
			SID: newSID("RK"), ServiceSID: serviceSID, Seq: s.st.nextSeq(), UniqueName: name,
			Description: f.optStr("Description"), Buckets: map[string]*bucket{}, DateCreated: now, DateUpdated: now,
		}
		s.st.RateLimits[rl.SID] = rl
		return http.StatusCreated, s.renderRateLimit(base, rl), s.commit()
	})
}

func (s *Sandbox) fetchRateLimit(w http.ResponseWriter, base string, serviceSID, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		rl, err := s.rateLimit(serviceSID, sid)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.renderRateLimit(base, rl), nil
	})
}

// updateRateLimit changes the description (the only writable field).
func (s *Sandbox) updateRateLimit(w http.ResponseWriter, base string, serviceSID, sid string, f form) {
	s.serveLocked(w, false, func(now time.Time) (int, any, *apiError) {
		rl, err := s.rateLimit(serviceSID, sid)
		if err != nil {
			return 0, nil, err
		}
		if d := f.optStr("Description"); d != nil {
			rl.Description = d
		}
		rl.DateUpdated = now
		return http.StatusOK, s.renderRateLimit(base, rl), s.commit()
	})
}

func (s *Sandbox) deleteRateLimit(w http.ResponseWriter, serviceSID, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		if _, err := s.rateLimit(serviceSID, sid); err != nil {
			return 0, nil, err
		}
		delete(s.st.RateLimits, sid)
		s.prot.forgetRateLimit(sid)
		return http.StatusNoContent, nil, s.commit()
	})
}

// listRateLimits answers one page of a service's rate limits in creation
// order.
func (s *Sandbox) listRateLimits(w http.ResponseWriter, base string, serviceSID string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		if _, err := s.service(serviceSID); err != nil {
			return 0, nil, err
		}
		return http.StatusOK, listPage(pg, "rate_limits", base+"/Services/"+serviceSID+"/RateLimits", s.serviceRateLimits(serviceSID),
			func(rl *rateLimit) rateLimitJSON { return s.renderRateLimit(base, rl) }), nil
	})
}

// dropServiceProtection forgets what a deleted service had: its rate
// limits and their counters, its Fraud Guard settings and bursts; the
// caller holds s.mu.
func (s *Sandbox) dropServiceProtection(serviceSID string) {
	for sid, rl := range s.st.RateLimits {
		if rl.ServiceSID == serviceSID {
			delete(s.st.RateLimits, sid)
			s.prot.forgetRateLimit(sid)
		}
	}
	delete(s.st.Guard, serviceSID)
	s.prot.forgetBursts(serviceSID)
}
