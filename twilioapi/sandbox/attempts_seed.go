package sandbox

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// seedCountry is one destination country of the seeded history.
type seedCountry struct {
	code   string
	weight int     // share of attempts, in percent
	conv   float64 // share of verifications approved
	prefix string  // E.164 prefix of its mobile numbers
	digits int     // random digits after the prefix
	locale string
	// The carrier the seeded attempts name (mcc/mnc of a real network).
	carrier, mcc, mnc string
}

// seedCountryTable is the seeded history's mix: mostly US traffic, Europe,
// India and Latin America, and some Nigeria at a poor conversion rate (the
// pattern SMS pumping leaves). Overall about 73% of attempts convert.
func seedCountryTable() [9]seedCountry {
	return [9]seedCountry{
		{"US", 40, 0.86, "+1415", 7, "en", "T-Mobile USA, Inc.", "310", "260"},
		{"GB", 12, 0.82, "+4477", 8, "en", "EE Limited", "234", "30"},
		{"DE", 8, 0.80, "+49151", 8, "de", "Telekom Deutschland GmbH", "262", "01"},
		{"FR", 6, 0.80, "+336", 8, "fr", "Orange France", "208", "01"},
		{"IN", 12, 0.64, "+9198", 8, "en", "Bharti Airtel", "404", "10"},
		{"BR", 8, 0.72, "+55119", 8, "pt-BR", "Claro Brasil", "724", "05"},
		{"MX", 5, 0.70, "+5255", 8, "es", "Telcel", "334", "020"},
		{"CO", 5, 0.66, "+57300", 7, "es", "Colombia Movil (Tigo)", "732", "103"},
		{"NG", 4, 0.30, "+234803", 7, "en", "MTN Nigeria", "621", "30"},
	}
}

// seedCountryOf is the table entry of a country (zero when absent).
func seedCountryOf(code string) seedCountry {
	for _, c := range seedCountryTable() {
		if c.code == code {
			return c
		}
	}
	return seedCountry{}
}

// MaxSeedAttempts bounds Options.SeedAttempts: about 250 MB of attempts.
const MaxSeedAttempts = 1_000_000

// applyAttemptOptions sets the log's retention cap and seeds it (New).
func (s *Sandbox) applyAttemptOptions(opts Options) error {
	if opts.SeedAttempts < 0 || opts.SeedAttempts > MaxSeedAttempts || opts.MaxAttempts < 0 {
		return errors.New("sandbox: SeedAttempts must be 0 to 1,000,000 and MaxAttempts not negative")
	}
	s.attempts.keep = max(maxAttempts, opts.SeedAttempts+maxAttempts)
	if opts.MaxAttempts > 0 {
		s.attempts.keep, s.attempts.fixedKeep = opts.MaxAttempts, true
	}
	if opts.SeedAttempts > 0 {
		s.seedLocked(opts.SeedAttempts, 1)
	}
	return nil
}

// SeedAttempts adds n made-up attempts spread over the 30 days before now:
// several services (the existing ones, plus "Acme Login" and "Acme
// Checkout" when there are fewer than three), nine countries, the sms,
// whatsapp, call and email channels, resends and sms-to-call fallbacks,
// about 73% converted. The same seed and clock give the same history, SIDs
// included. Seeded attempts are never written to the state file. Unless
// Options.MaxAttempts fixed it, the retention cap grows to hold them.
func (s *Sandbox) SeedAttempts(n int, seed uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seedLocked(n, seed)
}

func (s *Sandbox) seedLocked(n int, seed uint64) {
	if n <= 0 {
		return
	}
	if !s.attempts.fixedKeep {
		s.attempts.keep = max(s.attempts.keep, len(s.attempts.recs)+n+maxAttempts)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	now := s.clock()
	services := s.seedServices(now)
	countries := seedCountryTable()
	const span = int64(30 * 24 * time.Hour / time.Second)
	from := now.Unix() - span
	recs := slices.Grow(s.attempts.recs, n)
	for made := 0; made < n; {
		sv := services[pickWeighted(rng, len(services), func(i int) int { return 60 / (i + 1) })]
		c := countries[pickWeighted(rng, len(countries), func(i int) int { return countries[i].weight })]
		channel := [...]string{"sms", "whatsapp", "call", "email"}[pickWeighted(rng, 4, func(i int) int { return [...]int{70, 12, 8, 10}[i] })]
		to, country := seedNumber(rng, c), c.code
		if channel == "email" {
			to, country = "user"+strconv.Itoa(10000+rng.IntN(90000))+"@example.com", ""
		}
		sends := 1 + pickWeighted(rng, 3, func(i int) int { return [...]int{75, 20, 5}[i] })
		sends = min(sends, n-made)
		converted := rng.Float64() < c.conv
		at := from + rng.Int64N(span-900)
		ve := seededSID(rng, "VE")
		for k := 0; k < sends; k++ {
			ch := channel
			if k > 0 && channel == "sms" && rng.IntN(10) < 4 {
				ch = "call" // a voice fallback after an SMS that did not arrive
			}
			r := attemptRec{
				sid: seededSID(rng, "VL"), service: sv.SID, verification: ve, to: to, country: country, channel: ch,
				status: deliveryDelivered, locale: c.locale, date: at, updated: at,
				codeLength: uint8(min(max(sv.CodeLength, 0), 255)), converted: converted, seeded: true,
			}
			if !converted && rng.IntN(8) == 0 {
				r.status = deliveryFailed
			}
			recs = append(recs, r)
			at += 30 + rng.Int64N(90)
		}
		if converted {
			// Approval updates every attempt of the verification.
			approved := at + rng.Int64N(120)
			for i := len(recs) - sends; i < len(recs); i++ {
				recs[i].updated = approved
			}
		}
		made += sends
	}
	for i := len(s.attempts.recs); i < len(recs); i++ {
		s.attempts.seq++
		recs[i].seq = s.attempts.seq
	}
	slices.SortFunc(recs, compareRecs)
	s.attempts.recs = s.attempts.trim(recs, s.attempts.keep)
}

// pickWeighted picks an index in [0, n) with the given integer weights.
func pickWeighted(rng *rand.Rand, n int, weight func(int) int) int {
	total := 0
	for i := 0; i < n; i++ {
		total += weight(i)
	}
	x := rng.IntN(total)
	for i := 0; i < n; i++ {
		if x -= weight(i); x < 0 {
			return i
		}
	}
	return n - 1
}

// seedNumber is a random mobile number of country c.
func seedNumber(rng *rand.Rand, c seedCountry) string {
	b := make([]byte, 0, len(c.prefix)+c.digits)
	b = append(b, c.prefix...)
	for i := 0; i < c.digits; i++ {
		d := rng.IntN(10)
		if i == 0 && d < 2 {
			d += 2 // no subscriber number starts with 0 or 1
		}
		b = append(b, byte('0'+d))
	}
	return string(b)
}

// seededSID is a SID from the seed's generator, so the history is the same
// at every start.
func seededSID(rng *rand.Rand, prefix string) string {
	const hexDigits = "0123456789abcdef"
	b := make([]byte, 0, 34)
	b = append(b, prefix...)
	for _, w := range [2]uint64{rng.Uint64(), rng.Uint64()} {
		for i := 60; i >= 0; i -= 4 {
			b = append(b, hexDigits[w>>uint(i)&0xF])
		}
	}
	return string(b)
}

// seedServices are the services the history is spread over: the existing
// ones in creation order, completed to three with "Acme Login" and "Acme
// Checkout" (reused when a previous start created them).
func (s *Sandbox) seedServices(now time.Time) []*service {
	all := creationOrder(s.st.Services, nil)
	for _, name := range []string{"Acme Login", "Acme Checkout"} {
		if len(all) >= 3 {
			break
		}
		if slices.ContainsFunc(all, func(sv *service) bool { return sv.FriendlyName == name }) {
			continue
		}
		sv := &service{SID: newSID("VA"), FriendlyName: name, CodeLength: 6, DateCreated: now, DateUpdated: now}
		s.st.addService(sv)
		all = append(all, sv)
	}
	return all
}
