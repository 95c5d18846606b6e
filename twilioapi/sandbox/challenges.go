package sandbox

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Challenge statuses.
const (
	challengePending  = "pending"
	challengeExpired  = "expired"
	challengeApproved = "approved"
	challengeDenied   = "denied"
)

// Challenge lifetimes: ExpirationDate defaults to five minutes after
// creation and may be at most sixty.
const (
	defaultChallengeTTL = 5 * time.Minute
	maxChallengeTTL     = 60 * time.Minute
)

// challenge is a stored challenge of an entity.
type challenge struct {
	SID           string            `json:"sid"`
	Seq           int64             `json:"seq"`
	FactorSID     string            `json:"factor_sid"`
	FactorType    string            `json:"factor_type"`
	Status        string            `json:"status"`
	DateCreated   time.Time         `json:"date_created"`
	DateUpdated   time.Time         `json:"date_updated"`
	DateResponded *time.Time        `json:"date_responded"`
	ExpiresAt     time.Time         `json:"expires_at"`
	Message       *string           `json:"message"`
	Fields        []detailField     `json:"fields"`
	IncludeDate   bool              `json:"include_date"` // the service's Push.IncludeDate at creation
	HiddenDetails map[string]string `json:"hidden_details"`
	Metadata      map[string]string `json:"metadata"`
	// Failures counts wrong TOTP codes; after five, 429/60308.
	Failures int `json:"failures"`
}

func (c *challenge) sequence() int64 { return c.Seq }

// detailField is one Details.Fields entry.
type detailField struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// challengeDetails is the wire shape of details.
type challengeDetails struct {
	Message *string       `json:"message"`
	Date    string        `json:"date,omitempty"`
	Fields  []detailField `json:"fields"`
}

// challengeJSON is the wire shape of a challenge (VerifyV2Challenge).
type challengeJSON struct {
	SID             string            `json:"sid"`
	AccountSID      string            `json:"account_sid"`
	ServiceSID      string            `json:"service_sid"`
	EntitySID       string            `json:"entity_sid"`
	Identity        string            `json:"identity"`
	FactorSID       string            `json:"factor_sid"`
	DateCreated     string            `json:"date_created"`
	DateUpdated     string            `json:"date_updated"`
	DateResponded   *string           `json:"date_responded"`
	ExpirationDate  string            `json:"expiration_date"`
	Status          string            `json:"status"`
	RespondedReason string            `json:"responded_reason"`
	Details         *challengeDetails `json:"details"`
	HiddenDetails   map[string]string `json:"hidden_details"`
	Metadata        map[string]string `json:"metadata"`
	FactorType      string            `json:"factor_type"`
	URL             string            `json:"url"`
	Links           map[string]string `json:"links"`
}

func (s *Sandbox) renderChallenge(base string, en *entity, c *challenge) challengeJSON {
	u := entityURL(base, en.ServiceSID, en.Identity) + "/Challenges/" + c.SID
	j := challengeJSON{
		SID: c.SID, AccountSID: s.st.AccountSID, ServiceSID: en.ServiceSID, EntitySID: en.SID,
		Identity: en.Identity, FactorSID: c.FactorSID, DateCreated: rfc3339(c.DateCreated),
		DateUpdated: rfc3339(c.DateUpdated), ExpirationDate: rfc3339(c.ExpiresAt), Status: c.Status,
		RespondedReason: "none", HiddenDetails: c.HiddenDetails, Metadata: c.Metadata,
		FactorType: c.FactorType, URL: u, Links: map[string]string{"notifications": u + "/Notifications"},
	}
	if c.DateResponded != nil {
		d := rfc3339(*c.DateResponded)
		j.DateResponded = &d
	}
	// A TOTP challenge without details has none; a push challenge always
	// has its message.
	if c.Message != nil || len(c.Fields) > 0 {
		j.Details = &challengeDetails{Message: c.Message, Fields: c.Fields}
		if j.Details.Fields == nil {
			j.Details.Fields = []detailField{}
		}
		if c.IncludeDate {
			j.Details.Date = rfc3339(c.DateCreated)
		}
	}
	return j
}

// expireChallenge closes a pending challenge whose time is up; the caller
// holds s.mu. Expiry is lazy: it happens when the challenge is next read.
func expireChallenge(c *challenge, now time.Time) {
	if c.Status == challengePending && !now.Before(c.ExpiresAt) {
		c.Status, c.DateUpdated = challengeExpired, c.ExpiresAt
	}
}

// createChallenge answers POST …/Entities/{Identity}/Challenges. For a
// TOTP factor an AuthPayload answers it at once (201, approved when
// right, pending when wrong).
func (s *Sandbox) createChallenge(w http.ResponseWriter, base string, serviceSID, identity string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		sv, en, aerr := s.lookupEntity(serviceSID, identity)
		if aerr != nil {
			return 0, nil, aerr
		}
		factorSID := f.str("FactorSid")
		if !validSID(factorSID, "YF") {
			return 0, nil, errTFA("FactorSid")
		}
		fa := en.Factors[factorSID]
		if fa == nil {
			return 0, nil, errNotFound("/Services/" + serviceSID + "/Entities/" + identity + "/Factors/" + factorSID)
		}
		if fa.Type == factorPasskeys {
			return 0, nil, errTFA("FactorSid") // passkeys challenges use /Passkeys/Challenges
		}
		if fa.Status != factorVerified {
			return 0, nil, errf(http.StatusForbidden, 60318, "Factor is unverified")
		}
		c, aerr := parseNewChallenge(fa, f, now)
		if aerr != nil {
			return 0, nil, aerr
		}
		c.SID, c.Seq, c.IncludeDate = newSID("YC"), s.st.nextSeq(), sv.PushIncludeDate
		if payload, ok := f.get("AuthPayload"); ok {
			if fa.Type != factorTOTP {
				return 0, nil, errTFA("AuthPayload")
			}
			if aerr := answerTOTPChallenge(c, fa, payload, now); aerr != nil {
				return 0, nil, aerr
			}
		}
		en.Challenges[c.SID] = c
		if c.Status != challengePending {
			s.challengeEvent(en, c)
		}
		return http.StatusCreated, s.renderChallenge(base, en, c), nil
	})
}

// decodeStrict decodes a JSON object into v, refusing unknown fields and
// trailing data.
func decodeStrict(raw string, v any) bool {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v) == nil && !dec.More()
}

// parseNewChallenge validates ExpirationDate, Details.* and HiddenDetails.
func parseNewChallenge(fa *factor, f form, now time.Time) (*challenge, *apiError) {
	c := &challenge{
		FactorSID: fa.SID, FactorType: fa.Type, Status: challengePending,
		DateCreated: now, DateUpdated: now, ExpiresAt: now.Add(defaultChallengeTTL),
	}
	if v, ok := f.get("ExpirationDate"); ok {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil || !t.After(now) || t.After(now.Add(maxChallengeTTL)) {
			return nil, errTFA("ExpirationDate")
		}
		c.ExpiresAt = t.UTC().Truncate(time.Second)
	}
	if v, ok := f.get("Details.Message"); ok {
		if v == "" || len([]rune(v)) > 256 {
			return nil, errTFA("Details.Message")
		}
		c.Message = &v
	} else if fa.Type == factorPush {
		return nil, errTFA("Details.Message")
	}
	fields := f["Details.Fields"]
	if len(fields) > 20 {
		return nil, errTFA("Details.Fields")
	}
	for _, raw := range fields {
		var fl detailField
		if !decodeStrict(raw, &fl) || fl.Label == "" || len([]rune(fl.Label)) > 36 || len([]rune(fl.Value)) > 128 {
			return nil, errTFA("Details.Fields")
		}
		c.Fields = append(c.Fields, fl)
	}
	var aerr *apiError
	if c.HiddenDetails, aerr = parseStringMap(f, "HiddenDetails"); aerr != nil {
		return nil, aerr
	}
	return c, nil
}

// answerTOTPChallenge checks a TOTP code against a pending challenge.
func answerTOTPChallenge(c *challenge, fa *factor, payload string, now time.Time) *apiError {
	ok, aerr := tryTOTP(fa, &c.Failures, 60308, payload, now)
	switch {
	case aerr != nil:
		return aerr
	case ok:
		respond(c, challengeApproved, now)
	default:
		c.DateUpdated = now
	}
	return nil
}

// respond closes a challenge with status at now.
func respond(c *challenge, status string, now time.Time) {
	c.Status, c.DateUpdated = status, now
	t := now
	c.DateResponded = &t
}

// lookupChallenge finds a challenge of identity, expiring it when its time
// is up; the caller holds s.mu.
func (s *Sandbox) lookupChallenge(serviceSID, identity, sid string, now time.Time) (*entity, *challenge, *apiError) {
	_, en, aerr := s.lookupEntity(serviceSID, identity)
	if aerr != nil {
		return nil, nil, aerr
	}
	c := en.Challenges[sid]
	if c == nil {
		return nil, nil, errNotFound("/Services/" + serviceSID + "/Entities/" + identity + "/Challenges/" + sid)
	}
	expireChallenge(c, now)
	return en, c, nil
}

func (s *Sandbox) fetchChallenge(w http.ResponseWriter, base string, serviceSID, identity, sid string) {
	s.serveLocked(w, false, func(now time.Time) (int, any, *apiError) {
		en, c, aerr := s.lookupChallenge(serviceSID, identity, sid, now)
		if aerr != nil {
			return 0, nil, aerr
		}
		return http.StatusOK, s.renderChallenge(base, en, c), nil
	})
}

// updateChallenge answers POST on a challenge: AuthPayload answers it (a
// TOTP code, or the device's signed push answer), Metadata is stored. An
// expired challenge answers 403/60323; one already answered is returned
// as it is (unverified: Twilio's answer to a second response is not
// documented).
func (s *Sandbox) updateChallenge(w http.ResponseWriter, base string, serviceSID, identity, sid string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		en, c, aerr := s.lookupChallenge(serviceSID, identity, sid, now)
		if aerr != nil {
			return 0, nil, aerr
		}
		if c.Status == challengeExpired {
			return 0, nil, errf(http.StatusForbidden, 60323, "Challenge expired")
		}
		meta, aerr := parseStringMap(f, "Metadata")
		if aerr != nil {
			return 0, nil, aerr
		}
		payload, hasPayload := f.get("AuthPayload")
		if hasPayload && c.Status == challengePending {
			fa := en.Factors[c.FactorSID]
			if fa == nil {
				return 0, nil, errNotFound("/Services/" + serviceSID + "/Entities/" + identity + "/Factors/" + c.FactorSID)
			}
			if aerr := answerChallenge(c, fa, payload, now); aerr != nil {
				return 0, nil, aerr
			}
			if c.Status != challengePending {
				s.challengeEvent(en, c)
			}
		}
		if meta != nil {
			c.Metadata, c.DateUpdated = meta, now
		}
		return http.StatusOK, s.renderChallenge(base, en, c), nil
	})
}

// answerChallenge applies an AuthPayload to a pending challenge.
func answerChallenge(c *challenge, fa *factor, payload string, now time.Time) *apiError {
	if fa.Type == factorTOTP {
		return answerTOTPChallenge(c, fa, payload, now)
	}
	claims, ok := verifyPushJWS(fa.PushKey, payload)
	if !ok || len(payload) > 5456 {
		return errf(http.StatusForbidden, 60324, "Challenge verification failed")
	}
	switch claims["status"] {
	case challengeApproved:
		respond(c, challengeApproved, now)
	case challengeDenied:
		respond(c, challengeDenied, now)
	default:
		return errf(http.StatusForbidden, 60324, "Challenge verification failed")
	}
	return nil
}

// challengeFilter is a list request's FactorSid, Status and Order.
type challengeFilter struct {
	factorSID, status string
	desc              bool
}

func parseChallengeFilter(f form) (challengeFilter, *apiError) {
	var cf challengeFilter
	if v, ok := f.get("FactorSid"); ok {
		if !validSID(v, "YF") {
			return cf, errTFA("FactorSid")
		}
		cf.factorSID = v
	}
	if v, ok := f.get("Status"); ok {
		switch v {
		case challengePending, challengeExpired, challengeApproved, challengeDenied:
			cf.status = v
		default:
			return cf, errTFA("Status")
		}
	}
	switch f.str("Order") {
	case "", "asc":
	case "desc":
		cf.desc = true
	default:
		return cf, errTFA("Order")
	}
	return cf, nil
}

// query is the filter as query parameters for the meta URLs, so
// next_page_url (which clients follow verbatim) keeps filtering.
func (cf challengeFilter) query() string {
	var b strings.Builder
	if cf.factorSID != "" {
		b.WriteString("&FactorSid=" + cf.factorSID)
	}
	if cf.status != "" {
		b.WriteString("&Status=" + cf.status)
	}
	if cf.desc {
		b.WriteString("&Order=desc")
	}
	return b.String()
}

// listChallenges answers one page of an entity's challenges, filtered, in
// creation order (Order=desc: newest first).
func (s *Sandbox) listChallenges(w http.ResponseWriter, base string, serviceSID, identity string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	cf, aerr := parseChallengeFilter(f)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.serveLocked(w, false, func(now time.Time) (int, any, *apiError) {
		_, en, aerr := s.lookupEntity(serviceSID, identity)
		if aerr != nil {
			return 0, nil, aerr
		}
		var all []*challenge
		for _, c := range en.Challenges {
			expireChallenge(c, now)
			if (cf.factorSID == "" || c.FactorSID == cf.factorSID) && (cf.status == "" || c.Status == cf.status) {
				all = append(all, c)
			}
		}
		slices.SortFunc(all, func(a, b *challenge) int { return cmp.Compare(a.sequence(), b.sequence()) })
		seqs := sequences(all)
		if cf.desc {
			// Newest first: page over negated sequence numbers, which
			// ascend in that order. The token then holds the negation,
			// offset so it stays non-negative.
			slices.Reverse(all)
			for i, c := range all {
				seqs[i] = negSeq(c.Seq)
			}
		}
		items, next := pageItems(pg, all, seqs, func(c *challenge) challengeJSON { return s.renderChallenge(base, en, c) })
		meta := pg.filteredMeta(entityURL(base, serviceSID, identity)+"/Challenges", "challenges", next, cf.query())
		return http.StatusOK, map[string]any{"challenges": items, "meta": meta}, nil
	})
}

// negSeq maps a sequence number to one that orders the other way and is
// still a valid (non-negative) page token.
func negSeq(seq int64) int64 { return 1<<62 - seq }
