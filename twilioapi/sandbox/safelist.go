package sandbox

import (
	"net/http"

	"github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"
)

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
	if !safelistable(phone) {
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

// safelistable reports whether phone may go on the Safe List: E.164 of a
// number of possible length for its country. This is looser than what a
// verification accepts (a valid, assigned-range number): the Safe List is
// a list of strings Twilio compares against, and its documentation's own
// example, +18001234567, is not in a valid US toll-free range.
func safelistable(phone string) bool {
	if !strictE164(phone) {
		return false
	}
	n, err := phonenumbers.Parse(phone, "")
	return err == nil && phonenumbers.IsPossibleNumber(n)
}
