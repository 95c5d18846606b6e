package sandbox

import (
	"strings"
	"sync"

	"github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"
)

// countryCache remembers the ISO country of destinations (attempts record
// it; Geo Permissions and the Country filter use it). libphonenumber's
// parse is costly and clients reuse numbers, as for numberCache.
type countryCache struct {
	mu sync.RWMutex
	m  map[string]string
}

// of returns the ISO 3166-1 alpha-2 country of an E.164 number, or "" for
// an e-mail address, an invalid number, or a number of no country (the
// +88x international networks are region "001").
func (c *countryCache) of(to string) string {
	if !strictE164(to) {
		return ""
	}
	c.mu.RLock()
	cc, hit := c.m[to]
	c.mu.RUnlock()
	if hit {
		return cc
	}
	if n, err := phonenumbers.Parse(to, ""); err == nil {
		cc = phonenumbers.GetRegionCodeForNumber(n)
	}
	if !isCountryCode(cc) {
		cc = ""
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedNumbers {
		c.m = make(map[string]string, 64)
	}
	c.m[strings.Clone(to)] = cc // to is usually a slice of the request body
	c.mu.Unlock()
	return cc
}

// isCountryCode reports whether cc is two upper-case ASCII letters.
func isCountryCode(cc string) bool {
	return len(cc) == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z'
}

// knownCountry reports whether cc is a country libphonenumber knows (one
// with a calling code): what Geo Permissions can name.
func knownCountry(cc string) bool {
	return isCountryCode(cc) && phonenumbers.GetCountryCodeForRegion(cc) != 0
}
