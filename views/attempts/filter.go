package attempts

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// Filter is what the log shows: a date range and Twilio's list filters
// (zero fields do not filter).
type Filter struct {
	// Window, when set, is a range that ends now ("the last hour"),
	// resolved at each load; otherwise From and Until bound the range
	// (a zero Until is now).
	Window      time.Duration
	From, Until time.Time

	To              string // E.164 number or e-mail (ChannelData.To)
	Country         string
	Channel         twilioapi.Channel
	Conversion      twilioapi.ConversionStatus
	ServiceSID      string
	VerificationSID string
}

// DefaultFilter is every attempt Twilio keeps: the last 30 days.
func DefaultFilter() Filter { return Filter{Window: twilioapi.AttemptsHistory} }

// IsDefault reports whether f filters nothing beyond the default range.
func (f Filter) IsDefault() bool { return f == DefaultFilter() }

// Resolve turns f into the client's filter at now.
func (f Filter) Resolve(now time.Time) twilioapi.AttemptFilter {
	out := twilioapi.AttemptFilter{
		To: f.To, Country: f.Country, Channel: f.Channel, Conversion: f.Conversion,
		ServiceSID: f.ServiceSID, VerificationSID: f.VerificationSID,
		CreatedAfter: f.From, CreatedBefore: f.Until,
	}
	if f.Window > 0 {
		out.CreatedAfter, out.CreatedBefore = now.Add(-f.Window), time.Time{}
	}
	return out
}

// Span is the range a resolved filter covers, for the per-hour chart: a
// missing end is now, a missing start the oldest attempt Twilio keeps.
func Span(f twilioapi.AttemptFilter, now time.Time) (from, until time.Time) {
	from, until = f.CreatedAfter, f.CreatedBefore
	if until.IsZero() || until.After(now) {
		until = now
	}
	if from.IsZero() {
		from = until.Add(-twilioapi.AttemptsHistory)
	}
	return from, until
}

// SummaryFilter is f for the Attempts Summary, which filters by fewer
// fields: the destination becomes a prefix (a number is a prefix of
// itself), and conversion and verification are not filters there. left
// names what the summary could not filter by.
func SummaryFilter(f twilioapi.AttemptFilter) (s twilioapi.AttemptsSummaryFilter, left []string) {
	s = twilioapi.AttemptsSummaryFilter{
		ServiceSID: f.ServiceSID, CreatedAfter: f.CreatedAfter, CreatedBefore: f.CreatedBefore,
		Country: f.Country, Channel: f.Channel,
	}
	switch {
	case strings.HasPrefix(f.To, "+"):
		s.DestinationPrefix = f.To
	case f.To != "":
		left = append(left, "destination")
	}
	if f.VerificationSID != "" {
		left = append(left, "verification")
	}
	if f.Conversion != "" {
		left = append(left, "status")
	}
	return s, left
}

// windowUnits are the units a relative range may use ("90m", "24h", "7d").
var windowUnits = map[byte]time.Duration{'m': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}

// dateLayouts are the absolute times a range accepts, in the clock's zone.
var dateLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"}

// parseWindow reads a relative range: digits and a unit ("1h", "30d").
func parseWindow(s string) (time.Duration, bool) {
	if len(s) < 2 {
		return 0, false
	}
	unit, ok := windowUnits[s[len(s)-1]]
	n, err := strconv.Atoi(s[:len(s)-1])
	if !ok || err != nil || n <= 0 || n > 10_000 {
		return 0, false
	}
	return time.Duration(n) * unit, true
}

// parseTime reads an absolute time (RFC 3339, or a date and time in
// loc).
func parseTime(s string, loc *time.Location) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// errSince and errUntil are the range fields' inline errors.
var (
	errSince = errors.New(`a range like 1h, 24h, 7d or 30d, or a date: 2026-11-25 or "2026-11-25 14:00"`)
	errUntil = errors.New(`empty for now, or a date: 2026-11-25 or "2026-11-25 14:00"`)
)

// ParseRange reads the range fields: since is a relative range or a
// start date, until an end date or empty (now). A relative since with an
// empty until follows the clock.
func ParseRange(since, until string, loc *time.Location) (f Filter, err error) {
	since, until = strings.TrimSpace(since), strings.TrimSpace(until)
	if until != "" {
		t, ok := parseTime(until, loc)
		if !ok {
			return f, errUntil
		}
		f.Until = t
	}
	switch w, ok := parseWindow(since); {
	case since == "":
	case ok && until == "":
		f.Window = w
	case ok:
		f.From = f.Until.Add(-w)
	default:
		t, ok := parseTime(since, loc)
		if !ok {
			return f, errSince
		}
		f.From = t
	}
	if !f.From.IsZero() && !f.Until.IsZero() && !f.From.Before(f.Until) {
		return f, errors.New("the range ends before it starts")
	}
	return f, nil
}

// windowText is a relative range as the form spells it ("30d", "1h").
func windowText(d time.Duration) string {
	for _, u := range []struct {
		c byte
		d time.Duration
	}{{'w', 7 * 24 * time.Hour}, {'d', 24 * time.Hour}, {'h', time.Hour}} {
		if d%u.d == 0 {
			return strconv.Itoa(int(d/u.d)) + string(u.c)
		}
	}
	return strconv.Itoa(int(d/time.Minute)) + "m"
}

// rangeTexts are f's range as the form's since and until fields.
func (f Filter) rangeTexts(loc *time.Location) (since, until string) {
	const layout = "2006-01-02 15:04"
	if f.Window > 0 {
		return windowText(f.Window), ""
	}
	if !f.From.IsZero() {
		since = f.From.In(loc).Format(layout)
	}
	if !f.Until.IsZero() {
		until = f.Until.In(loc).Format(layout)
	}
	return since, until
}

// Describe is f in a few words for the title line; mask shows the
// destination as the log does.
func (f Filter) Describe(loc *time.Location, mask func(string) string) string {
	var parts []string
	switch since, until := f.rangeTexts(loc); {
	case f.Window > 0:
		parts = append(parts, "last "+humanWindow(f.Window))
	case until == "":
		parts = append(parts, "since "+since)
	case since == "":
		parts = append(parts, "until "+until)
	default:
		parts = append(parts, since+" → "+until)
	}
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+v)
		}
	}
	if f.To != "" {
		add("to ", mask(f.To))
	}
	add("", f.Country)
	add("", string(f.Channel))
	add("", string(f.Conversion))
	add("service ", shortSID(f.ServiceSID))
	add("verification ", shortSID(f.VerificationSID))
	return strings.Join(parts, " · ")
}

// humanWindow is a relative range in words ("30 days", "hour").
func humanWindow(d time.Duration) string {
	w := windowText(d)
	n, unit := w[:len(w)-1], w[len(w)-1]
	name := map[byte]string{'w': "week", 'd': "day", 'h': "hour", 'm': "minute"}[unit]
	if n == "1" {
		return name
	}
	return fmt.Sprintf("%s %ss", n, name)
}

// shortSID keeps a SID's prefix and last four characters ("VE…cd02").
func shortSID(sid string) string {
	if len(sid) <= 8 {
		return sid
	}
	return sid[:2] + "…" + sid[len(sid)-4:]
}
