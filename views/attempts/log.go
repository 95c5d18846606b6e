package attempts

import (
	"strconv"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// newList is the log: attempts named by SID, the `/` filter matching
// what a row shows plus the SIDs.
func newList() common.List[twilioapi.Attempt] {
	return common.NewList(
		func(a twilioapi.Attempt) string { return a.SID },
		func(a twilioapi.Attempt) string {
			return strings.Join([]string{a.To, a.Country, string(a.Channel), string(a.Conversion), a.SID, a.VerificationSID, a.ServiceSID}, " ")
		},
		"filter loaded attempts")
}

// maskDestination hides the middle of a number or an e-mail's local part
// ("+1415•••••00", "c•••@example.com"): enough to tell two customers
// apart on a shared screen, not enough to reach one.
func maskDestination(to string) string {
	if local, domain, ok := strings.Cut(to, "@"); ok {
		if local == "" {
			return to
		}
		// A fixed mask: the local part's length says nothing either.
		return string([]rune(local)[0]) + "•••@" + domain
	}
	r := []rune(to)
	if len(r) <= 7 {
		return strings.Repeat("•", len(r))
	}
	return string(r[:5]) + strings.Repeat("•", len(r)-7) + string(r[len(r)-2:])
}

// destination is an attempt's destination as the view shows it.
func (m Model) destination(to string) string {
	if m.unmasked || to == "" {
		return to
	}
	return maskDestination(to)
}

// serviceName is a service's name, or its short SID when unknown.
func (m Model) serviceName(sid string) string {
	if n := m.services[sid]; n != "" {
		return n
	}
	return shortSID(sid)
}

// price is an attempt's price ("$0.0079", "0.05 EUR", "—" before Twilio
// prices it).
func price(a twilioapi.Attempt) string {
	switch {
	case a.Price == "":
		return "—"
	case strings.EqualFold(a.PriceCurrency, "usd"):
		return "$" + strings.TrimPrefix(a.Price, "-")
	}
	return a.Price + " " + strings.ToUpper(a.PriceCurrency)
}

// logColumns are the widths of the log's columns for w cells; the
// verification SID shows when the line is wide enough.
type logColumns struct {
	when, service, channel, to, country, status, price, sid int
}

// columnsFor fits the columns in w cells.
func columnsFor(w int) logColumns {
	c := logColumns{when: 14, service: 12, channel: 8, to: 16, country: 2, status: 11, price: 8, sid: 34}
	fixed := c.when + c.channel + c.to + c.country + c.status + c.price + 7
	switch {
	case w >= fixed+c.service+c.sid+1:
		c.service = min(w-fixed-c.sid-1, 24)
	case w >= fixed+c.service:
		c.sid = 0
		c.service = min(w-fixed, 24)
	default:
		// Narrow: the service goes first, then the price, and only then
		// does the destination shrink.
		c.sid, c.service, c.price = 0, 0, 0
		c.to = min(max(w-(fixed-9-c.to)+1, 8), c.to)
	}
	return c
}

// row is one line of the log.
func (c logColumns) row(when, service, channel, to, country, status, price, sid string) string {
	var b strings.Builder
	cell := func(s string, w int) {
		if w <= 0 {
			return
		}
		b.WriteString(common.PadRight(s, w))
		b.WriteByte(' ')
	}
	cell(when, c.when)
	cell(service, c.service)
	cell(channel, c.channel)
	cell(to, c.to)
	cell(country, c.country)
	cell(status, c.status)
	cell(price, c.price)
	if c.sid > 0 {
		b.WriteString(sid)
	}
	return b.String()
}

// whenLayout is the log's time column: the date and time to the second,
// in the clock's zone.
const whenLayout = "01-02 15:04:05"

// renderLog draws the log pane's content, w cells wide.
func (m Model) renderLog(w int, focused bool) ([]string, bool) {
	c := columnsFor(w)
	loc := m.c.Now().Location()
	empty := "No attempts in the last 30 days."
	if !m.filter.IsDefault() {
		empty = "No attempts match the filter. Press " + common.KeyName(m.c.Keys.Back) + " for every attempt."
	}
	texts := common.ListTexts{Noun: "attempts", Retry: common.KeyName(m.c.Keys.Refresh), Empty: empty}
	header := c.row("TIME", "SERVICE", "CHANNEL", "DESTINATION", "CC", "STATUS", "PRICE", "VERIFICATION")
	return m.list.Rows(m.c.Styles, w, texts, header, func(a twilioapi.Attempt, _ bool) string {
		return c.row(a.DateCreated.In(loc).Format(whenLayout), m.serviceName(a.ServiceSID), string(a.Channel),
			m.destination(a.To), a.Country, string(a.Conversion), price(a), a.VerificationSID)
	}, focused)
}

// ago is how long before now t was, in one unit ("3m ago", "2h ago").
func ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0:
		return "just now"
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s ago"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m ago"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h ago"
	}
	return strconv.Itoa(int(d/(24*time.Hour))) + "d ago"
}
