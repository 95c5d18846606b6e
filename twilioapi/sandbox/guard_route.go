package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
)

// guardHandler answers /sandbox/v1/Guard. GET ?ServiceSid=VA… answers one
// service's settings, GET alone {"guards":[…]} for every service; POST
// takes the JSON guardInput and answers the resulting settings. Changing a
// service's settings also lifts its burst blocks, so a demo can start over.
func (s *Sandbox) guardHandler(w http.ResponseWriter, r *http.Request, f form) {
	if r.Method == http.MethodGet {
		s.mu.Lock()
		defer s.mu.Unlock()
		if sid := f.str("ServiceSid"); sid != "" {
			if _, err := s.service(sid); err != nil {
				writeError(w, err)
				return
			}
			writeJSON(w, http.StatusOK, renderGuard(sid, s.guardOf(sid)))
			return
		}
		all := creationOrder(s.st.Services, nil)
		out := make([]guardJSON, 0, len(all))
		for _, sv := range all {
			out = append(out, renderGuard(sv.SID, s.guardOf(sv.SID)))
		}
		writeJSON(w, http.StatusOK, map[string]any{"guards": out})
		return
	}
	in, aerr := readGuardInput(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.service(in.ServiceSID); err != nil {
		writeError(w, err)
		return
	}
	g := s.guardOf(in.ServiceSID)
	if in.Level != nil {
		g.Level = *in.Level
	}
	if in.BlockedCountries != nil {
		g.BlockedCountries = *in.BlockedCountries
	}
	s.st.Guard[in.ServiceSID] = &g
	s.prot.forgetBursts(in.ServiceSID)
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, renderGuard(in.ServiceSID, g))
}

// readGuardInput decodes and validates a POST body: a known level, and
// countries libphonenumber knows (upper-cased, sorted, without repeats).
func readGuardInput(r *http.Request) (guardInput, *apiError) {
	var in guardInput
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return in, errf(http.StatusBadRequest, 60200, "Invalid parameter: the body must be a JSON object with service_sid, level, blocked_countries")
	}
	if !validSID(in.ServiceSID, "VA") {
		return in, errInvalid("service_sid")
	}
	if in.Level != nil && !slices.Contains([]string{GuardOff, GuardBasic, GuardStandard, GuardMax}, *in.Level) {
		return in, errf(http.StatusBadRequest, 60200, "Invalid parameter: level must be off, basic, standard or max")
	}
	if in.BlockedCountries != nil {
		cs := make([]string, 0, len(*in.BlockedCountries))
		for _, c := range *in.BlockedCountries {
			c = strings.ToUpper(strings.TrimSpace(c))
			if !knownCountry(c) {
				return in, errf(http.StatusBadRequest, 60200, "Invalid parameter: blocked_countries must be ISO 3166-1 alpha-2 country codes")
			}
			cs = append(cs, c)
		}
		slices.Sort(cs)
		cs = slices.Compact(cs)
		in.BlockedCountries = &cs
	}
	return in, nil
}
