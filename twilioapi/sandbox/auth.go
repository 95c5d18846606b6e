package sandbox

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
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
	var buf [128]byte
	user, pass, ok := basicAuth(r, &buf)
	if !ok {
		return false
	}
	if string(user) == s.st.AccountSID {
		return subtle.ConstantTimeCompare(pass, []byte(s.authToken)) == 1
	}
	s.mu.Lock()
	secret, ok := s.apiKeys[string(user)]
	s.mu.Unlock()
	return ok && subtle.ConstantTimeCompare(pass, []byte(secret)) == 1
}

// basicAuth is r.BasicAuth decoding into buf: every request is
// authenticated, and the credentials fit (an SID and a 32-character
// secret), so this saves the decoded copy and its string on each one.
// Longer credentials take r.BasicAuth.
func basicAuth(r *http.Request, buf *[128]byte) (user, pass []byte, ok bool) {
	const prefix = "Basic "
	auth := r.Header.Get("Authorization")
	if len(auth) < len(prefix) || !strings.EqualFold(auth[:len(prefix)], prefix) {
		return nil, nil, false
	}
	enc := auth[len(prefix):]
	if base64.StdEncoding.DecodedLen(len(enc)) > len(buf) {
		u, p, ok := r.BasicAuth()
		return []byte(u), []byte(p), ok
	}
	n, err := base64.StdEncoding.Decode(buf[:], []byte(enc))
	if err != nil {
		return nil, nil, false
	}
	if user, pass, ok = bytes.Cut(buf[:n], []byte(":")); !ok {
		return nil, nil, false
	}
	return user, pass, true
}

// errAuth is Twilio's answer to missing or wrong credentials.
func errAuth() *apiError { return errf(http.StatusUnauthorized, 20003, "Authenticate") }
