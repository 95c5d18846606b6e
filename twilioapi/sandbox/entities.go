package sandbox

import (
	"net/http"
	"time"
)

// entity is a Verify Push/TOTP entity: one end user of a service, named by
// the customer's identity. Its factors and challenges live inside it, so
// deleting the entity (or its service) takes them along.
type entity struct {
	SID         string                `json:"sid"`
	Seq         int64                 `json:"seq"`
	ServiceSID  string                `json:"service_sid"`
	Identity    string                `json:"identity"`
	DateCreated time.Time             `json:"date_created"`
	DateUpdated time.Time             `json:"date_updated"`
	Factors     map[string]*factor    `json:"factors"`
	Challenges  map[string]*challenge `json:"challenges"`
}

func (en *entity) sequence() int64 { return en.Seq }

// entityKey is the state key of identity in serviceSID. Identities are
// compared exactly: the spec's "Uppercasing" list examples hint at
// case-folding, but not clearly enough to emulate it.
func entityKey(serviceSID, identity string) string { return serviceSID + "/" + identity }

// validIdentity is the documented identity rule: 8–64 characters,
// alphanumerics separated by single dashes (no leading, trailing or double
// dash).
func validIdentity(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	prevDash := true // a leading dash is as wrong as a double one
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			prevDash = false
		case c == '-' && !prevDash:
			prevDash = true
		default:
			return false
		}
	}
	return !prevDash
}

// errTFA is 60300, the invalid-parameter error of the Push/TOTP API family.
func errTFA(param string) *apiError {
	return errf(http.StatusBadRequest, 60300, "Invalid parameter: "+param)
}

// entityURL is the absolute URL of an entity: it uses the identity, not
// the YE SID, as Twilio's do.
func entityURL(base, serviceSID, identity string) string {
	return base + "/Services/" + serviceSID + "/Entities/" + identity
}

// routeEntities dispatches /v2/Services/{VA}/Entities…; rest holds the
// segments after "Entities".
func (s *Sandbox) routeEntities(w http.ResponseWriter, r *http.Request, serviceSID string, rest []string, f form) {
	m, base := r.Method, s.basesFor(r).verify
	n := len(rest)
	notFound := func() { writeError(w, errNotFound(r.URL.Path[len("/v2"):])) }
	switch {
	case n == 0:
		dispatch(w, m,
			func() { s.listEntities(w, base, serviceSID, f) },
			func() { s.createEntity(w, base, serviceSID, f) }, nil)
	case rest[0] == "":
		notFound()
	case n == 1:
		dispatch(w, m,
			func() { s.fetchEntity(w, base, serviceSID, rest[0]) },
			nil,
			func() { s.deleteEntity(w, serviceSID, rest[0]) })
	case n == 2 && rest[1] == "Factors":
		dispatch(w, m,
			func() { s.listFactors(w, base, serviceSID, rest[0], f) },
			func() { s.createFactor(w, base, serviceSID, rest[0], f) }, nil)
	case n == 3 && rest[1] == "Factors" && validSID(rest[2], "YF"):
		dispatch(w, m,
			func() { s.fetchFactor(w, base, serviceSID, rest[0], rest[2]) },
			func() { s.updateFactor(w, base, serviceSID, rest[0], rest[2], f) },
			func() { s.deleteFactor(w, serviceSID, rest[0], rest[2]) })
	case n == 2 && rest[1] == "Challenges":
		dispatch(w, m,
			func() { s.listChallenges(w, base, serviceSID, rest[0], f) },
			func() { s.createChallenge(w, base, serviceSID, rest[0], f) }, nil)
	case n == 3 && rest[1] == "Challenges" && validSID(rest[2], "YC"):
		dispatch(w, m,
			func() { s.fetchChallenge(w, base, serviceSID, rest[0], rest[2]) },
			func() { s.updateChallenge(w, base, serviceSID, rest[0], rest[2], f) }, nil)
	default:
		notFound()
	}
}

// dispatch calls the handler of method m (GET, POST, DELETE); a nil
// handler, or any other method, answers 405.
func dispatch(w http.ResponseWriter, m string, get, post, del func()) {
	var h func()
	switch m {
	case http.MethodGet:
		h = get
	case http.MethodPost:
		h = post
	case http.MethodDelete:
		h = del
	}
	if h == nil {
		writeError(w, errMethod())
		return
	}
	h()
}

// serveLocked runs fn under s.mu and answers what it returns: body as JSON
// with status, or nothing with 204, or the error. After a POST or DELETE
// the state is saved whatever the outcome: a refused answer may still have
// counted a failed attempt. A handler that saves only a change that went
// through passes mutating false and returns s.commit() as its error.
func (s *Sandbox) serveLocked(w http.ResponseWriter, mutating bool, fn func(now time.Time) (int, any, *apiError)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	status, body, aerr := fn(s.clock())
	if mutating {
		if err := s.commit(); err != nil && aerr == nil {
			aerr = err
		}
	}
	switch {
	case aerr != nil:
		writeError(w, aerr)
	case status == http.StatusNoContent:
		w.WriteHeader(status)
	default:
		writeJSON(w, status, body)
	}
}

// lookupEntity finds identity in serviceSID; the caller holds s.mu.
func (s *Sandbox) lookupEntity(serviceSID, identity string) (*service, *entity, *apiError) {
	sv, aerr := s.service(serviceSID)
	if aerr != nil {
		return nil, nil, aerr
	}
	en := s.st.Entities[entityKey(serviceSID, identity)]
	if en == nil {
		return sv, nil, errNotFound("/Services/" + serviceSID + "/Entities/" + identity)
	}
	return sv, en, nil
}

// ensureEntity returns the entity of identity, creating it when it does
// not exist yet (creating a factor does that); the caller holds s.mu and
// has validated the identity.
func (s *Sandbox) ensureEntity(serviceSID, identity string, now time.Time) *entity {
	key := entityKey(serviceSID, identity)
	if en := s.st.Entities[key]; en != nil {
		return en
	}
	en := &entity{
		SID: newSID("YE"), Seq: s.st.nextSeq(), ServiceSID: serviceSID, Identity: identity,
		DateCreated: now, DateUpdated: now,
		Factors: map[string]*factor{}, Challenges: map[string]*challenge{},
	}
	s.st.Entities[key] = en
	return en
}

// deleteEntitiesOf drops every entity of a deleted service; the caller
// holds s.mu.
func (s *Sandbox) deleteEntitiesOf(serviceSID string) {
	for key, en := range s.st.Entities {
		if en.ServiceSID == serviceSID {
			delete(s.st.Entities, key)
		}
	}
}

// entityJSON is the wire shape of an entity (VerifyV2Entity).
type entityJSON struct {
	SID         string            `json:"sid"`
	Identity    string            `json:"identity"`
	AccountSID  string            `json:"account_sid"`
	ServiceSID  string            `json:"service_sid"`
	DateCreated string            `json:"date_created"`
	DateUpdated string            `json:"date_updated"`
	URL         string            `json:"url"`
	Links       map[string]string `json:"links"`
}

func (s *Sandbox) renderEntity(base string, en *entity) entityJSON {
	u := entityURL(base, en.ServiceSID, en.Identity)
	return entityJSON{
		SID: en.SID, Identity: en.Identity, AccountSID: s.st.AccountSID, ServiceSID: en.ServiceSID,
		DateCreated: rfc3339(en.DateCreated), DateUpdated: rfc3339(en.DateUpdated), URL: u,
		Links: map[string]string{"factors": u + "/Factors", "new_factors": u + "/Factors", "challenges": u + "/Challenges"},
	}
}

// createEntity answers POST /Services/{VA}/Entities. Creating an identity
// that exists already is refused (unverified: Twilio's code for it is not
// documented; 60300 names the parameter).
func (s *Sandbox) createEntity(w http.ResponseWriter, base string, serviceSID string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		if _, aerr := s.service(serviceSID); aerr != nil {
			return 0, nil, aerr
		}
		id := f.str("Identity")
		if !validIdentity(id) || s.st.Entities[entityKey(serviceSID, id)] != nil {
			return 0, nil, errTFA("Identity")
		}
		return http.StatusCreated, s.renderEntity(base, s.ensureEntity(serviceSID, id, now)), nil
	})
}

func (s *Sandbox) fetchEntity(w http.ResponseWriter, base string, serviceSID, identity string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		_, en, aerr := s.lookupEntity(serviceSID, identity)
		if aerr != nil {
			return 0, nil, aerr
		}
		return http.StatusOK, s.renderEntity(base, en), nil
	})
}

func (s *Sandbox) deleteEntity(w http.ResponseWriter, serviceSID, identity string) {
	s.serveLocked(w, true, func(time.Time) (int, any, *apiError) {
		_, en, aerr := s.lookupEntity(serviceSID, identity)
		if aerr != nil {
			return 0, nil, aerr
		}
		delete(s.st.Entities, entityKey(serviceSID, identity))
		// Its factors go with it (unverified that Twilio sends
		// factor.deleted for them; the sandbox does).
		for _, fa := range en.Factors {
			s.factorEvent(eventFactorDeleted, en, fa)
		}
		return http.StatusNoContent, nil, nil
	})
}

// listEntities answers one page of a service's entities in creation order.
func (s *Sandbox) listEntities(w http.ResponseWriter, base string, serviceSID string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		if _, aerr := s.service(serviceSID); aerr != nil {
			return 0, nil, aerr
		}
		all := creationOrder(s.st.Entities, func(en *entity) bool { return en.ServiceSID == serviceSID })
		return http.StatusOK, listPage(pg, "entities", base+"/Services/"+serviceSID+"/Entities", all,
			func(en *entity) entityJSON { return s.renderEntity(base, en) }), nil
	})
}
