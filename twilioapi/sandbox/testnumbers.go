package sandbox

import (
	"net/mail"
	"strings"
	"sync"

	"github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"
)

// The sandbox's test destinations. Any other valid number behaves like
// NumberMobile.
const (
	// NumberMobile is a mobile that receives everything.
	NumberMobile = "+14155550100"
	// NumberLandline is a landline: SMS is refused with 60205 when the
	// service skips landlines; voice works.
	NumberLandline = "+14155550101"
	// NumberFraud is flagged by Fraud Guard: an SMS start fails with 60410
	// unless the number is on the safe list or RiskCheck=disable.
	NumberFraud = "+14155550102"
	// NumberUndeliverable accepts the verification but the delivery fails:
	// the attempt is "failed" and nothing reaches the outbox.
	NumberUndeliverable = "+14155550103"
	// NumberSNA is a number whose carrier supports Silent Network
	// Authentication; channel=auto picks sna for it.
	NumberSNA = "+14155550104"
	// NumberGeoBlocked is a destination the account's Verify Geo
	// Permissions block: SMS and voice starts fail with 60605 unless the
	// number is on the safe list or RiskCheck=disable.
	NumberGeoBlocked = "+14155550105"
	// NumberSIMSwapped is a mobile whose SIM was swapped three hours ago
	// (by the sandbox's clock): Lookup's sim_swap reports it swapped in
	// the last 24 hours.
	NumberSIMSwapped = "+14155550106"
	// NumberCallForwarding is a mobile with unconditional call forwarding
	// on (Lookup's call_forwarding).
	NumberCallForwarding = "+14155550107"
	// EmailBounce is an e-mail address that never receives anything.
	EmailBounce = "bounce@example.com"
)

// line is what the sandbox "knows" about a number's line (Lookup's line
// type intelligence, Verify's lookup.carrier).
type line struct {
	Type, Carrier, MCC, MNC string
}

// lineOf classifies a valid E.164 number.
func lineOf(e164 string) line {
	if e164 == NumberLandline {
		return line{Type: "landline", Carrier: "Sandbox Telephone Co."}
	}
	return line{Type: "mobile", Carrier: "Sandbox Wireless", MCC: "310", MNC: "260"}
}

// undeliverable reports whether messages to "to" are never delivered.
func undeliverable(to string) bool {
	return to == NumberUndeliverable || strings.EqualFold(to, EmailBounce)
}

// strictE164 reports whether to has E.164's shape: "+", a non-zero digit,
// and at most 14 more digits.
func strictE164(to string) bool {
	if len(to) < 3 || len(to) > 16 || to[0] != '+' || to[1] == '0' {
		return false
	}
	for _, c := range to[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// validE164 reports whether to is a strict E.164 string of a valid number
// (Verify answers 60200 otherwise).
func validE164(to string) bool {
	if !strictE164(to) {
		return false
	}
	n, err := phonenumbers.Parse(to, "")
	return err == nil && phonenumbers.IsValidNumber(n)
}

// validEmail reports whether to is a bare e-mail address (no display name).
func validEmail(to string) bool {
	a, err := mail.ParseAddress(to)
	if err != nil || a.Address != to || a.Name != "" {
		return false
	}
	_, domain, _ := strings.Cut(to, "@")
	return strings.Contains(domain, ".")
}

// numberCache remembers validE164 answers: libphonenumber's parse is the
// costliest step of a start, and clients use the same numbers again and
// again.
type numberCache struct {
	mu sync.RWMutex // read-mostly: parallel requests look up without blocking each other
	m  map[string]bool
}

// maxCachedNumbers bounds the cache; it is simply emptied when full.
const maxCachedNumbers = 4096

// validNumber is validE164 through the sandbox's cache. Only strings of
// E.164's shape (at most 16 bytes) are cached: anything else is refused
// at once without parsing, so a client sending huge or random To values
// can neither grow the cache's memory nor evict the numbers in use.
func (s *Sandbox) validNumber(to string) bool {
	if !strictE164(to) {
		return false
	}
	c := &s.numbers
	c.mu.RLock()
	ok, hit := c.m[to]
	c.mu.RUnlock()
	if hit {
		return ok
	}
	ok = validE164(to)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedNumbers {
		c.m = make(map[string]bool, 64)
	}
	// A copy: to is usually a slice of the request body, which the key
	// would otherwise keep alive (up to maxBody bytes for 16).
	c.m[strings.Clone(to)] = ok
	c.mu.Unlock()
	return ok
}
