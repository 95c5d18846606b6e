package sandbox

import (
	"cmp"
	"slices"
	"time"
)

// Attempt is a Verification Attempt record (VL…): one per delivery, and one
// per start Fraud Guard or Geo Permissions blocked.
type Attempt struct {
	SID        string `json:"sid"`
	ServiceSID string `json:"service_sid"`
	// VerificationSID is empty for a blocked start: no verification was
	// created.
	VerificationSID string `json:"verification_sid"`
	To              string `json:"to"`
	// Country is the destination's ISO 3166-1 alpha-2 code ("" for e-mail).
	Country string `json:"country,omitempty"`
	Channel string `json:"channel"`
	// Status is the delivery status: "delivered", "failed" (undeliverable
	// destination), "sent" (sna: nothing is delivered, the device acts) or
	// "blocked" (Fraud Guard or Geo Permissions; ErrorCode says which).
	Status    string `json:"status"`
	ErrorCode int    `json:"error_code,omitempty"`
	// Price and PriceUnit are the made-up cost of the attempt ("0.0083",
	// "USD"; see attemptPrice).
	Price     string `json:"price"`
	PriceUnit string `json:"price_unit"`
	// ConversionStatus is "converted" once the verification is approved,
	// "unconverted" before.
	ConversionStatus string    `json:"conversion_status"`
	CodeLength       int       `json:"code_length,omitempty"`
	Locale           string    `json:"locale,omitempty"`
	DateCreated      time.Time `json:"date_created"`
	DateUpdated      time.Time `json:"date_updated"`
}

// Delivery statuses of an attempt.
const (
	deliveryDelivered = "delivered"
	deliveryFailed    = "failed"
	deliverySent      = "sent"
	deliveryBlocked   = "blocked"
)

// attemptRec is an attempt as the log keeps it: a third of Attempt's size
// (dates as Unix seconds; price and carrier are derived when rendered), so
// a log of 100,000 seeded attempts stays near 25 MB.
type attemptRec struct {
	sid, service, verification, to, country, channel, status, locale string
	date, updated                                                    int64 // Unix seconds (Twilio's dates have second precision)
	seq                                                              int64 // the log's order within a second: insertion order
	errorCode                                                        uint16
	codeLength                                                       uint8
	converted                                                        bool
	seeded                                                           bool // made by SeedAttempts: never written to the state file
}

// before orders records by creation date, then by when the log got them:
// the log's order, and the order of its page tokens.
func (r *attemptRec) before(date, seq int64) bool {
	return r.date < date || r.date == date && r.seq < seq
}

// attemptLog is every kept attempt, oldest first. The date order lets a
// date filter find its range by binary search and a page token resume
// without a scan; the caller holds s.mu.
type attemptLog struct {
	recs []attemptRec
	// keep is the retention cap (Options.MaxAttempts): past it (by a
	// quarter, so trimming is amortised) the oldest are dropped.
	keep      int
	fixedKeep bool  // Options.MaxAttempts set keep: seeding does not raise it
	seq       int64 // the last record's seq
	// changed, when set, hears of each record added or changed, and of
	// each one trimmed (gone), for the state file (store_attempts.go).
	changed func(r *attemptRec, gone bool)
}

// maxPersistedAttempts is how many attempts the state file keeps (the
// newest live ones): the file is rewritten after every change, so it must
// not grow with a seeded history.
const maxPersistedAttempts = maxAttempts

// insert adds r at its place in date order (the end, unless the clock went
// back) and trims the oldest past the cap.
func (l *attemptLog) insert(r attemptRec) {
	l.seq++
	r.seq = l.seq
	i := len(l.recs)
	for i > 0 && !l.recs[i-1].before(r.date, r.seq) {
		i-- // a clock that went back: few steps, the log is in date order
	}
	l.recs = slices.Insert(l.recs, i, r)
	keep := l.keep
	if keep <= 0 {
		keep = maxAttempts
	}
	if l.changed != nil {
		l.changed(&l.recs[i], false)
	}
	l.recs = l.trim(l.recs, keep)
}

// trim is trimOldest(recs, keep), telling changed of the records dropped.
func (l *attemptLog) trim(recs []attemptRec, keep int) []attemptRec {
	if n := len(recs) - keep; l.changed != nil && n > keep/4 { // what trimOldest drops
		for j := range recs[:n] {
			l.changed(&recs[j], true)
		}
	}
	return trimOldest(recs, keep)
}

// lowerBound is the index of the first record not before (date, seq).
func (l *attemptLog) lowerBound(date, seq int64) int {
	lo, hi := 0, len(l.recs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l.recs[m].before(date, seq) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// find returns the record with sid, or nil. A scan from the newest end:
// fetches are rare and mostly of recent attempts.
func (l *attemptLog) find(sid string) *attemptRec {
	for i := len(l.recs) - 1; i >= 0; i-- {
		if l.recs[i].sid == sid {
			return &l.recs[i]
		}
	}
	return nil
}

// markConverted marks v's attempts converted at "at". The log is in date
// order, so the scan goes back only to v's creation, and only until all of
// v's sends are found.
func (l *attemptLog) markConverted(v *verification, at time.Time) {
	left, since := len(v.Sends), v.DateCreated.Unix()
	for i := len(l.recs) - 1; i >= 0 && left > 0 && l.recs[i].date >= since; i-- {
		if r := &l.recs[i]; r.verification == v.SID {
			r.converted, r.updated = true, at.Unix()
			if l.changed != nil {
				l.changed(r, false)
			}
			left--
		}
	}
}

// export is r as the exported Attempt.
func (r *attemptRec) export() Attempt {
	conv := "unconverted"
	if r.converted {
		conv = "converted"
	}
	return Attempt{
		SID: r.sid, ServiceSID: r.service, VerificationSID: r.verification, To: r.to, Country: r.country,
		Channel: r.channel, Status: r.status, ErrorCode: int(r.errorCode),
		Price: attemptPrice(r.channel, r.country, r.status), PriceUnit: "USD", ConversionStatus: conv,
		CodeLength: int(r.codeLength), Locale: r.locale,
		DateCreated: unixUTC(r.date), DateUpdated: unixUTC(r.updated),
	}
}

// recOf is the record of an exported Attempt (a loaded state file).
func recOf(a Attempt) attemptRec {
	return attemptRec{
		sid: a.SID, service: a.ServiceSID, verification: a.VerificationSID, to: a.To, country: a.Country,
		channel: a.Channel, status: a.Status, locale: a.Locale, date: a.DateCreated.Unix(), updated: a.DateUpdated.Unix(),
		errorCode: uint16(min(max(a.ErrorCode, 0), 65535)), codeLength: uint8(min(max(a.CodeLength, 0), 255)),
		converted: a.ConversionStatus == "converted",
	}
}

// load replaces the log with the attempts of a state file.
func (l *attemptLog) load(as []Attempt) {
	l.recs = make([]attemptRec, 0, len(as))
	for _, a := range as {
		r := recOf(a)
		l.seq++
		r.seq = l.seq
		l.recs = append(l.recs, r)
	}
	slices.SortFunc(l.recs, compareRecs)
}

// compareRecs is the log's order for sorting.
func compareRecs(a, b attemptRec) int {
	if c := cmp.Compare(a.date, b.date); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// persisted is what the state file keeps: the newest live (not seeded)
// attempts, at most maxPersistedAttempts, oldest first.
func (l *attemptLog) persisted() []Attempt {
	var out []Attempt
	for i := len(l.recs) - 1; i >= 0 && len(out) < maxPersistedAttempts; i-- {
		if !l.recs[i].seeded {
			out = append(out, l.recs[i].export())
		}
	}
	slices.Reverse(out)
	return out
}

// Attempts returns the recorded attempts, newest first (the newest 10000,
// or Options.MaxAttempts, at least, are kept).
func (s *Sandbox) Attempts() []Attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Attempt, 0, len(s.attempts.recs))
	for i := len(s.attempts.recs) - 1; i >= 0; i-- {
		out = append(out, s.attempts.recs[i].export())
	}
	return out
}

// send records one delivery attempt of v on req.channel and delivers the
// message unless the destination is undeliverable; the caller holds s.mu.
func (s *Sandbox) send(sv *service, v *verification, req startRequest, now time.Time) {
	r := s.newRec(sv, req, now)
	r.verification = v.SID
	v.Sends = append(v.Sends, sendAttempt{SID: r.sid, Channel: req.channel, Time: now, Locale: req.locale})
	switch {
	case req.channel == "sna":
		r.status = deliverySent
	case undeliverable(v.To):
		r.status = deliveryFailed
	default:
		p := bodyParams{
			channel: req.channel, name: req.friendlyName, code: v.Code, locale: req.locale,
			appHash: req.appHash, doNotShare: sv.DoNotShareWarningEnabled, dtmf: sv.DTMFInputRequired,
			payment: paymentOf(sv, v),
		}
		if req.channel == "sms" {
			p.template = smsTemplateText(sv, req.templateSID, req.locale)
		}
		s.deliver(Message{
			SID: newSID(messageSIDPrefix(req.channel)), To: v.To, Channel: req.channel, From: s.sender(sv, req.channel, r.country),
			Body: messageBody(p), Code: v.Code, VerificationSID: v.SID, DateCreated: now,
		})
	}
	s.attempts.insert(r)
	s.recordScreened(req.screen, now)
}

// recordBlocked logs a start Fraud Guard (60410) or Geo Permissions (60605)
// refused: Twilio shows these as blocked attempts. No verification exists
// for it; the caller holds s.mu.
func (s *Sandbox) recordBlocked(sv *service, req startRequest, code int, now time.Time) {
	r := s.newRec(sv, req, now)
	r.status, r.errorCode = deliveryBlocked, uint16(code)
	s.attempts.insert(r)
}

// newRec is the record of an attempt of req made now.
func (s *Sandbox) newRec(sv *service, req startRequest, now time.Time) attemptRec {
	locale := req.locale
	if locale == "" {
		locale = "en"
	}
	return attemptRec{
		sid: newSID("VL"), service: sv.SID, to: req.to, country: s.countries.of(req.to), channel: req.channel,
		status: deliveryDelivered, locale: locale, date: now.Unix(), updated: now.Unix(),
		codeLength: uint8(min(max(sv.CodeLength, 0), 255)),
	}
}

// unixUTC is Unix seconds as a UTC time.
func unixUTC(sec int64) time.Time { return time.Unix(sec, 0).UTC() }
