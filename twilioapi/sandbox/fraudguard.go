package sandbox

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// A simulation of Verify Fraud Guard and Geo Permissions. On Twilio both
// are Console-only settings (no API), so the sandbox takes them through its
// own route, POST/GET /sandbox/v1/Guard. What blocks follows the level
// deterministically, so a test or a demo can provoke each case:
//
//   - off: Fraud Guard blocks nothing.
//   - basic (the default): NumberFraud (+14155550102) is blocked.
//   - standard: also the high-risk prefixes (HighRiskPrefixes: premium-rate
//     and satellite ranges, the classic targets of SMS pumping).
//   - max: also bursts: more than burstMax starts to numbers sharing their
//     first burstDigits digits within burstWindow block that prefix for
//     burstBlock (Twilio blocks a pumped prefix for 12 hours).
//
// Fraud Guard covers SMS only and answers 403/60410. Geo Permissions
// (blocked_countries, plus NumberGeoBlocked always) cover SMS and voice and
// answer 403/60605. Both are bypassed by the Safe List and by
// RiskCheck=disable, as on Twilio, and every block is logged as a "blocked"
// attempt.

// Fraud Guard levels.
const (
	GuardOff      = "off"
	GuardBasic    = "basic"
	GuardStandard = "standard"
	GuardMax      = "max"
)

// The burst rule of level max.
const (
	burstDigits = 8                // digits after "+" that make a prefix
	burstMax    = 5                // starts allowed per prefix per window
	burstWindow = 10 * time.Minute //
	burstBlock  = 12 * time.Hour   // how long a pumped prefix stays blocked
)

// HighRiskPrefixes are the E.164 prefixes Fraud Guard blocks from level
// standard: US premium rate (+1900), UK premium rate (+4490, +4491, +4498),
// French premium rate (+3389), and the satellite / international networks
// +881 and +882.
func HighRiskPrefixes() []string {
	return []string{"+1900", "+4490", "+4491", "+4498", "+3389", "+881", "+882"}
}

// highRisk reports whether to starts with a high-risk prefix.
func highRisk(to string) bool {
	for _, p := range HighRiskPrefixes() {
		if strings.HasPrefix(to, p) {
			return true
		}
	}
	return false
}

// guardConfig is one service's simulated Fraud Guard and Geo Permissions.
type guardConfig struct {
	Level            string   `json:"level"`
	BlockedCountries []string `json:"blocked_countries"` // ISO alpha-2, sorted
}

// guardOf is a service's configuration (the default when never set); the
// caller holds s.mu.
func (s *Sandbox) guardOf(serviceSID string) guardConfig {
	if g := s.st.Guard[serviceSID]; g != nil {
		return *g
	}
	return guardConfig{Level: GuardBasic}
}

// burstKey is a service and a number prefix.
type burstKey struct{ service, prefix string }

// burst is the recent starts to one prefix and how long it is blocked.
type burst struct {
	starts       []time.Time // within burstWindow, oldest first
	blockedUntil time.Time
}

func (p *protection) addBurst(k burstKey, now time.Time) {
	if p.bursts == nil {
		p.bursts = map[burstKey]*burst{}
	}
	b := p.bursts[k]
	if b == nil {
		if len(p.bursts) >= maxHitKeys {
			p.sweepBursts(now)
		}
		b = &burst{}
		p.bursts[k] = b
	}
	b.starts = append(b.starts, now)
}

// sweepBursts forgets prefixes with no recent start and no block.
func (p *protection) sweepBursts(now time.Time) {
	for k, b := range p.bursts {
		b.prune(now)
		if len(b.starts) == 0 && !now.Before(b.blockedUntil) {
			delete(p.bursts, k)
		}
	}
}

// prune drops starts older than the window.
func (b *burst) prune(now time.Time) {
	i := 0
	for i < len(b.starts) && now.Sub(b.starts[i]) >= burstWindow {
		i++
	}
	b.starts = b.starts[i:]
}

// forgetBursts drops a service's bursts (its settings changed or it was
// deleted).
func (p *protection) forgetBursts(serviceSID string) {
	for k := range p.bursts {
		if k.service == serviceSID {
			delete(p.bursts, k)
		}
	}
}

// burstBlocked applies the burst rule to a start to prefix k, blocking the
// prefix when this start would be one too many.
func (p *protection) burstBlocked(k burstKey, now time.Time) bool {
	b := p.bursts[k]
	if b == nil {
		return false
	}
	if now.Before(b.blockedUntil) {
		return true
	}
	b.prune(now)
	if len(b.starts) >= burstMax {
		b.blockedUntil = now.Add(burstBlock)
		return true
	}
	return false
}

// screenStart applies the Service Rate Limits, Geo Permissions and Fraud
// Guard to a parsed start, in that order; a block is logged as an attempt.
// The caller holds s.mu.
func (s *Sandbox) screenStart(sv *service, r *startRequest, now time.Time) *apiError {
	if err := s.checkRateLimits(r.screen.rates, now); err != nil {
		return err
	}
	if r.riskCheckOff || strings.Contains(r.to, "@") {
		return nil
	}
	if _, safe := s.st.SafeList[r.to]; safe {
		return nil
	}
	g := s.guardOf(sv.SID)
	if r.channel == "sms" || r.channel == "call" {
		if r.to == NumberGeoBlocked || len(g.BlockedCountries) > 0 && slices.Contains(g.BlockedCountries, s.countries.of(r.to)) {
			s.recordBlocked(sv, *r, 60605, now)
			return errf(http.StatusForbidden, 60605, "Verification delivery attempt blocked (Geo Permissions)")
		}
	}
	if r.channel != "sms" || g.Level == GuardOff {
		return nil
	}
	blocked := r.to == NumberFraud || g.Level != GuardBasic && highRisk(r.to)
	if !blocked && g.Level == GuardMax && len(r.to) > burstDigits {
		k := burstKey{sv.SID, r.to[:1+burstDigits]}
		blocked = s.prot.burstBlocked(k, now)
		if !blocked {
			r.screen.burst = &k
		}
	}
	if blocked {
		s.recordBlocked(sv, *r, 60410, now)
		// HTTP status unverified; 403 like the other delivery refusals.
		return errf(http.StatusForbidden, 60410, "Verification delivery attempt blocked (Fraud Guard)")
	}
	return nil
}

// guardJSON is the wire shape of /sandbox/v1/Guard: the settings, plus the
// fixed rules they switch on, so a client can show what each level does.
type guardJSON struct {
	ServiceSID       string   `json:"service_sid"`
	Level            string   `json:"level"`
	BlockedCountries []string `json:"blocked_countries"`
	HighRiskPrefixes []string `json:"high_risk_prefixes"`
	BurstPrefixLen   int      `json:"burst_prefix_digits"`
	BurstMax         int      `json:"burst_max_starts"`
	BurstWindowSecs  int      `json:"burst_window_seconds"`
}

func renderGuard(serviceSID string, g guardConfig) guardJSON {
	bc := g.BlockedCountries
	if bc == nil {
		bc = []string{}
	}
	return guardJSON{
		ServiceSID: serviceSID, Level: g.Level, BlockedCountries: bc, HighRiskPrefixes: HighRiskPrefixes(),
		BurstPrefixLen: burstDigits, BurstMax: burstMax, BurstWindowSecs: int(burstWindow / time.Second),
	}
}

// guardInput is the body of POST /sandbox/v1/Guard; an absent field keeps
// its current value.
type guardInput struct {
	ServiceSID       string    `json:"service_sid"`
	Level            *string   `json:"level"`
	BlockedCountries *[]string `json:"blocked_countries"`
}
