package sandbox

import (
	"net"
	"net/http"
	"strings"
)

// Twilio's own bases of Verify v2 and Lookup v2 resource URLs.
const (
	twilioVerifyBase  = "https://verify.twilio.com/v2"
	twilioLookupsBase = "https://lookups.twilio.com/v2"
)

// bases are the URL bases an answer names (url, links, meta.*_url).
type bases struct {
	scheme, host    string // what they were made from (the cache key)
	verify, lookups string // "scheme://host/v2" each
}

// basesFor is where the resource URLs in an answer to r point: back at the
// sandbox, at the scheme and host the client reached it by, so that a
// client following url or next_page_url with plain net/http stays on the
// sandbox. A client that addressed Twilio's own host (a proxy, or a
// transport that redirects the connection but keeps the Host header) gets
// Twilio's URLs, which its redirection already handles. twilio-go behind
// a host-rewriting transport (twilioapi's, or the README's) sends the
// sandbox's host.
//
// The last answer's bases are cached: clients keep using one address, and
// building the strings cost two allocations per request.
func (s *Sandbox) basesFor(r *http.Request) *bases {
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	} else if p, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ","); strings.EqualFold(strings.TrimSpace(p), "https") {
		scheme = "https"
	}
	if host == "" {
		if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok && a != nil {
			host = a.String()
		}
	}
	if c := s.lastBases.Load(); c != nil && c.scheme == scheme && c.host == host {
		return c
	}
	b := &bases{scheme: scheme, host: host, verify: twilioVerifyBase, lookups: twilioLookupsBase}
	if host != "" && !isTwilioHost(host) {
		origin := scheme + "://" + host
		b.verify, b.lookups = origin+"/v2", origin+"/v2"
	}
	s.lastBases.Store(b)
	return b
}

// isTwilioHost reports whether host (with or without a port) is one of
// Twilio's API hosts (verify.twilio.com, lookups.twilio.com, regional and
// edge variants).
func isTwilioHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == "twilio.com" || strings.HasSuffix(host, ".twilio.com")
}
