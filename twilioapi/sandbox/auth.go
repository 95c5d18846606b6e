package sandbox

import (
	"crypto/subtle"
	"net/http"
)

// IssueAPIKey creates an API key (SK…) and its secret. Clients may then
// authenticate with the key SID as username and the secret as password,
// like Twilio's API keys. Keys live as long as the Sandbox (they are never
// written to the state file).
func (s *Sandbox) IssueAPIKey() (sid, secret string) {
	sid, secret = newSID("SK"), randomHex(16)
	s.mu.Lock()
	s.apiKeys[sid] = secret
	s.mu.Unlock()
	return sid, secret
}

// authorized checks HTTP Basic credentials: the account SID and auth
// token, or an API key the sandbox issued.
func (s *Sandbox) authorized(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return false
	}
	if user == s.st.AccountSID {
		return subtle.ConstantTimeCompare([]byte(pass), []byte(s.authToken)) == 1
	}
	s.mu.Lock()
	secret, ok := s.apiKeys[user]
	s.mu.Unlock()
	return ok && subtle.ConstantTimeCompare([]byte(pass), []byte(secret)) == 1
}

// errAuth is Twilio's answer to missing or wrong credentials.
func errAuth() *apiError { return errf(http.StatusUnauthorized, 20003, "Authenticate") }
