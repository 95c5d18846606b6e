package attempts

import (
	"context"
	"maps"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// The charts page through the filtered log in their own calls, one page
// of InsightsPageSize per tea.Cmd, keeping only counts: at most
// InsightsMaxPages pages, so they cover the newest 20,000 attempts of the
// filter (Twilio's summary above them counts all).
const (
	InsightsPageSize = twilioapi.AttemptsMaxPageSize
	InsightsMaxPages = 20
)

// maxHourBuckets bounds the per-hour counts: a range longer than 31 days
// is counted in buckets of several hours.
const maxHourBuckets = 31 * 24

// counts is how many attempts there were and how many converted.
type counts struct{ total, converted int }

// add counts one attempt.
func (c counts) add(a twilioapi.Attempt) counts {
	c.total++
	if a.Conversion == twilioapi.Converted {
		c.converted++
	}
	return c
}

// rate is the conversion rate in percent.
func (c counts) rate() float64 {
	if c.total == 0 {
		return 0
	}
	return 100 * float64(c.converted) / float64(c.total)
}

// tally is what the charts show, counted from pages of attempts.
type tally struct {
	n         int
	channels  map[twilioapi.Channel]counts
	countries map[string]counts
	// hours counts attempts per bucket of the range, oldest first.
	hours []int
}

// insights is the charts' run over the filtered log, and Twilio's
// summary.
type insights struct {
	// gen numbers runs: a page of an older run is dropped.
	gen    int
	filter twilioapi.AttemptFilter
	// from and step place the per-hour buckets.
	from time.Time
	step time.Duration
	tally
	pages   int
	next    string
	done    bool
	err     error
	summary *twilioapi.AttemptsSummary
	sumErr  error
	// left names the filters the summary cannot apply.
	left []string
}

// buckets is how many per-hour buckets a span needs, and their length.
func buckets(from, until time.Time) (n int, step time.Duration) {
	hours := int((until.Sub(from) + time.Hour - 1) / time.Hour)
	hours = max(hours, 1)
	per := (hours + maxHourBuckets - 1) / maxHourBuckets
	return (hours + per - 1) / per, time.Duration(per) * time.Hour
}

// countPage tallies one page into a new tally (the Cmd's side: nothing
// shared with the model).
func countPage(as []twilioapi.Attempt, from time.Time, step time.Duration, n int) tally {
	t := tally{n: len(as), channels: map[twilioapi.Channel]counts{}, countries: map[string]counts{}, hours: make([]int, n)}
	for _, a := range as {
		t.channels[a.Channel] = t.channels[a.Channel].add(a)
		cc := a.Country
		if cc == "" {
			cc = "none" // e-mail has no country
		}
		t.countries[cc] = t.countries[cc].add(a)
		if i := int(a.DateCreated.Sub(from) / step); i >= 0 && i < n {
			t.hours[i]++
		}
	}
	return t
}

// merged is t plus p, in new maps and slices: earlier copies of the view
// keep their own.
func (t tally) merged(p tally) tally {
	out := tally{n: t.n + p.n, channels: maps.Clone(t.channels), countries: maps.Clone(t.countries), hours: append([]int(nil), t.hours...)}
	if out.channels == nil {
		out.channels = map[twilioapi.Channel]counts{}
		out.countries = map[string]counts{}
	}
	for k, c := range p.channels {
		o := out.channels[k]
		out.channels[k] = counts{o.total + c.total, o.converted + c.converted}
	}
	for k, c := range p.countries {
		o := out.countries[k]
		out.countries[k] = counts{o.total + c.total, o.converted + c.converted}
	}
	if len(out.hours) < len(p.hours) {
		out.hours = append(out.hours, make([]int, len(p.hours)-len(out.hours))...)
	}
	for i, v := range p.hours {
		out.hours[i] += v
	}
	return out
}

// insightsPage is one page tallied for the charts.
type insightsPage struct {
	tally tally
	next  string
}

// startInsights starts a run over the current filter: the summary and
// the first page for the charts; a run in flight is superseded.
func (m *Model) startInsights() tea.Cmd {
	m.reqs.Drop(func(r request) bool { return r.kind == reqInsights || r.kind == reqSummary })
	from, until := Span(m.applied, m.c.Now())
	n, step := buckets(from, until)
	_, left := SummaryFilter(m.applied)
	m.insights = insights{gen: m.insights.gen + 1, filter: m.applied, from: from, step: step,
		tally: tally{hours: make([]int, n)}, left: left}
	return tea.Batch(m.loadSummary(), m.nextInsightsPage())
}

// loadSummary asks Twilio for the Attempts Summary of the run's filter.
func (m *Model) loadSummary() tea.Cmd {
	ok, wait := m.gate(reqSummary)
	if !ok {
		return wait
	}
	id := m.reqs.Start(m.c, request{kind: reqSummary, gen: m.insights.gen})
	sum, _ := SummaryFilter(m.insights.filter)
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.AttemptsSummary, error) {
		return cl.AttemptsSummary(ctx, sum)
	})
}

// onSummary keeps the summary of the current run.
func (m Model) onSummary(r common.Result[twilioapi.AttemptsSummary]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || req.gen != m.insights.gen {
		return m, nil
	}
	if r.Err != nil {
		m.insights.sumErr = r.Err
		return m, nil
	}
	s := r.Value
	m.insights.summary = &s
	return m, nil
}

// nextInsightsPage asks for the run's next page, unless the run is done
// or has its InsightsMaxPages.
func (m *Model) nextInsightsPage() tea.Cmd {
	in := m.insights
	if in.gen == 0 || in.done || in.err != nil || in.pages >= InsightsMaxPages || m.reqs.Any(is(reqInsights)) {
		return nil
	}
	ok, wait := m.gate(reqInsights)
	if !ok {
		return wait
	}
	id := m.reqs.Start(m.c, request{kind: reqInsights, gen: in.gen})
	f, token, from, step, n := in.filter, in.next, in.from, in.step, len(in.hours)
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (insightsPage, error) {
		page, err := cl.ListAttemptsPage(ctx, f, InsightsPageSize, token)
		if err != nil {
			return insightsPage{}, err
		}
		return insightsPage{tally: countPage(page.Attempts, from, step, n), next: page.NextPageToken}, nil
	})
}

// onInsightsPage adds a page to the charts and asks for the next.
func (m Model) onInsightsPage(r common.Result[insightsPage]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || req.gen != m.insights.gen {
		return m, nil
	}
	if r.Err != nil {
		m.insights.err = r.Err
		return m, nil
	}
	in := &m.insights
	in.tally = in.tally.merged(r.Value.tally)
	in.pages++
	in.next = r.Value.next
	in.done = in.next == ""
	after := m.nextInsightsPage()
	return m, after
}
