package sandbox

import "net/http"

// safelistJSON is the wire shape of a Safe List entry.
type safelistJSON struct {
	SID         string `json:"sid"`
	PhoneNumber string `json:"phone_number"`
	URL         string `json:"url"`
}

func safelistEntry(base, sid, phone string) safelistJSON {
	return safelistJSON{SID: sid, PhoneNumber: phone, URL: base + "/SafeList/Numbers/" + phone}
}

// createSafelist adds a number to the Safe List (Fraud Guard never blocks
// it). Adding a listed number again answers the existing entry.
func (s *Sandbox) createSafelist(w http.ResponseWriter, r *http.Request, f form) {
	phone := f.str("PhoneNumber")
	// E.164's shape, not libphonenumber's validity: Twilio's own example,
	// +18001234567, is a number libphonenumber rejects.
	if !strictE164(phone) {
		writeError(w, errInvalid("PhoneNumber"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sid, ok := s.st.SafeList[phone]
	if !ok {
		sid = newSID("GN")
		s.st.SafeList[phone] = sid
		if err := s.commit(); err != nil {
			writeError(w, err)
			return
		}
	}
	writeJSON(w, http.StatusCreated, safelistEntry(s.basesFor(r).verify, sid, phone))
}

func (s *Sandbox) fetchSafelist(w http.ResponseWriter, r *http.Request, phone string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sid, ok := s.st.SafeList[phone]
	if !ok {
		writeError(w, errNotFound("/SafeList/Numbers/"+phone))
		return
	}
	writeJSON(w, http.StatusOK, safelistEntry(s.basesFor(r).verify, sid, phone))
}

func (s *Sandbox) deleteSafelist(w http.ResponseWriter, phone string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.SafeList[phone]; !ok {
		writeError(w, errNotFound("/SafeList/Numbers/"+phone))
		return
	}
	delete(s.st.SafeList, phone)
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
