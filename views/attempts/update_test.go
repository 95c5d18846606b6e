package attempts

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// TestLogPagesLazily: the first page only, then one page at a time as the
// cursor nears the loaded end; never the whole log.
func TestLogPagesLazily(t *testing.T) {
	h := newHarness(t, 1000, 100, 30)
	if n := h.M.list.Len(); n != PageSize {
		t.Fatalf("first load holds %d attempts, want one page of %d", n, PageSize)
	}
	h.WantScreen("last 30 days", "1/100 · 100 loaded · more on scroll", "TIME", "DESTINATION")
	for page := 2; page <= 4; page++ {
		h.Key("G")
		if n := h.M.list.Len(); n != page*PageSize {
			t.Fatalf("after end #%d: %d loaded, want %d", page-1, n, page*PageSize)
		}
	}
	// Newest first, as Twilio lists them.
	items := h.M.list.Items()
	for i := 1; i < len(items); i++ {
		if items[i].DateCreated.After(items[i-1].DateCreated) {
			t.Fatalf("row %d is newer than row %d", i, i-1)
		}
	}
	// Moving within the loaded rows fetches nothing more.
	h.Key("g")
	h.keys("down", "down", "down")
	if n := h.M.list.Len(); n != 4*PageSize {
		t.Fatalf("moving near the top loaded more: %d", n)
	}
}

// TestDestinationsMaskedUntilM: numbers are masked on screen until m.
func TestDestinationsMaskedUntilM(t *testing.T) {
	h := newHarness(t, 300, 100, 30)
	var a twilioapi.Attempt
	for _, it := range h.M.list.Items() {
		if strings.HasPrefix(it.To, "+") {
			a = it
			break
		}
	}
	h.M.list.Select(a.SID)
	if strings.Contains(h.Screen(), a.To) {
		t.Fatalf("destination %s shown unmasked by default", a.To)
	}
	h.WantScreen(maskDestination(a.To))
	h.Key("m")
	h.WantScreen(a.To)
	h.Key("m")
	if strings.Contains(h.Screen(), a.To) {
		t.Fatal("m did not mask again")
	}
}

// TestFilterFormAtTwilio: the form's filters go to Twilio; a refused
// value is shown on its field with the input kept.
func TestFilterFormAtTwilio(t *testing.T) {
	h := newHarness(t, 2000, 120, 40)
	target := h.M.list.Items()[3]
	h.fillFilter(fieldTo, target.To, fieldStatus, string(target.Conversion))
	if h.M.form != nil {
		t.Fatalf("form still open: %s", h.Screen())
	}
	if h.M.list.Len() == 0 {
		t.Fatal("no attempts for the number")
	}
	for _, a := range h.M.list.Items() {
		if a.To != target.To || a.Conversion != target.Conversion {
			t.Fatalf("filter let %s %s through", a.To, a.Conversion)
		}
	}
	h.WantScreen("to "+maskDestination(target.To), string(target.Conversion))

	// Country and channel together.
	h.Key("esc")
	h.fillFilter(fieldCountry, "gb", fieldChannel, "sms")
	for _, a := range h.M.list.Items() {
		if a.Country != "GB" || a.Channel != twilioapi.ChannelSMS {
			t.Fatalf("country/channel filter let %s %s through", a.Country, a.Channel)
		}
	}
	if h.M.list.Len() == 0 {
		t.Fatal("no GB sms attempts in the seeded history")
	}

	// A refused country stays on its field, the form open, input kept.
	h.fillFilter(fieldCountry, "USA")
	if h.M.form == nil {
		t.Fatal("a refused filter closed the form")
	}
	if fl := h.M.form.form.Field(fieldCountry); fl.Err == "" || fl.Value() != "USA" {
		t.Fatalf("country field: err %q value %q", fl.Err, fl.Value())
	}
	h.Key("esc")
	if h.M.form != nil || h.M.filter.Country != "GB" {
		t.Fatalf("esc must close the form and keep the applied filter, got %+v", h.M.filter)
	}

	// Every bad field is marked by one submit, before any call.
	h.fillFilter(fieldSince, "yesterday-ish", fieldCountry, "USA")
	if h.M.form == nil || h.M.form.form.Field(fieldSince).Err == "" || h.M.form.form.Field(fieldCountry).Err == "" {
		t.Fatalf("one submit did not mark both bad fields:\n%s", h.Screen())
	}
	h.Key("esc")

	// A date range: the last day only.
	h.Key("esc") // every attempt again
	h.fillFilter(fieldSince, "24h")
	for _, a := range h.M.list.Items() {
		if a.DateCreated.Before(t0.Add(-24 * time.Hour)) {
			t.Fatalf("attempt of %s outside the last day", a.DateCreated)
		}
	}
	// A range whose end is before its start is refused in the form.
	h.fillFilter(fieldSince, "2026-11-25", fieldUntil, "2026-11-20")
	if h.M.form == nil || h.M.form.form.Field(fieldUntil).Err == "" {
		t.Fatal("an inverted range was accepted")
	}
}

// TestQuickFilters: t shows the selected number's last hour, v the
// selected verification's attempts, esc every attempt again.
func TestQuickFilters(t *testing.T) {
	h := newHarness(t, 0, 100, 30)
	ctx := context.Background()
	svc, err := h.client.ListServicesPage(ctx, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	va := svc.Services[0].SID
	old, err := h.client.StartVerification(ctx, twilioapi.StartParams{ServiceSID: va, To: "+14155550100", Channel: twilioapi.ChannelSMS})
	if err != nil {
		t.Fatal(err)
	}
	h.clk.Advance(2 * time.Hour)
	recent, err := h.client.StartVerification(ctx, twilioapi.StartParams{ServiceSID: va, To: "+14155550100", Channel: twilioapi.ChannelSMS})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.client.StartVerification(ctx, twilioapi.StartParams{ServiceSID: va, To: "+14155552671", Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	h.Key("r")
	if h.M.list.Len() != 3 {
		t.Fatalf("log has %d attempts, want 3", h.M.list.Len())
	}
	for _, a := range h.M.list.Items() {
		if a.To == "+14155550100" {
			h.M.list.Select(a.SID)
			break
		}
	}
	h.Key("t")
	if h.M.list.Len() != 1 || h.M.list.Items()[0].VerificationSID != recent.SID {
		t.Fatalf("this number, last hour: %d rows", h.M.list.Len())
	}
	h.WantScreen("last hour · to +1415•••••00")
	h.Key("esc")
	if !h.M.filter.IsDefault() || h.M.list.Len() != 3 {
		t.Fatalf("esc did not show every attempt: %+v", h.M.filter)
	}
	for _, a := range h.M.list.Items() {
		if a.VerificationSID == old.SID {
			h.M.list.Select(a.SID)
		}
	}
	h.Key("v")
	if h.M.list.Len() != 1 || h.M.list.Items()[0].VerificationSID != old.SID {
		t.Fatalf("this verification: %d rows", h.M.list.Len())
	}
}

// TestRowOpensSessionAndGuard: o and b send the number to Sessions and
// Guard and show them.
func TestRowOpensSessionAndGuard(t *testing.T) {
	h := newHarness(t, 50, 100, 30)
	var a twilioapi.Attempt
	for _, it := range h.M.list.Items() {
		if strings.HasPrefix(it.To, "+") {
			a = it
			break
		}
	}
	h.M.list.Select(a.SID)
	h.Key("o")
	opens, shows := out[common.OpenSessionMsg](h), out[common.ShowViewMsg](h)
	if len(opens) != 1 || opens[0].To != a.To || len(shows) != 1 || shows[0].View != "sessions" {
		t.Fatalf("o sent %+v %+v", opens, shows)
	}
	h.Key("b")
	inspects, shows := out[common.InspectNumberMsg](h), out[common.ShowViewMsg](h)
	if len(inspects) != 1 || inspects[0].Number != a.To || len(shows) != 2 || shows[1].View != "guard" {
		t.Fatalf("b sent %+v %+v", inspects, shows)
	}
}

// TestZoomFetchesTheAttempt: enter shows every field of the attempt as
// Twilio has it now, with its channel data.
func TestZoomFetchesTheAttempt(t *testing.T) {
	h := newHarness(t, 100, 120, 40)
	a, _ := h.M.list.Selected()
	h.Key("enter")
	if h.M.fresh == nil || h.M.fresh.SID != a.SID {
		t.Fatal("enter did not fetch the attempt")
	}
	h.WantScreen("Attempt "+a.SID, "as Twilio has it now", "Channel data", "Carrier", "Code length", a.VerificationSID, "Outcome")
	h.Key("esc")
	if h.M.zoom {
		t.Fatal("esc did not leave the detail")
	}
}

// TestInsightsSummaryAndBoundedCharts: the summary is Twilio's for the
// filter; the charts page through at most InsightsMaxPages pages, paced
// by the budget.
func TestInsightsSummaryAndBoundedCharts(t *testing.T) {
	h := newHarness(t, 25_000, 160, 48)
	h.Key("i")
	h.settle()
	in := h.M.insights
	want := h.summary(twilioapi.AttemptsSummaryFilter{CreatedAfter: t0.Add(-twilioapi.AttemptsHistory)})
	if in.summary == nil || in.summary.TotalAttempts != want.TotalAttempts || want.TotalAttempts < 20_000 {
		t.Fatalf("summary %+v, want %+v", in.summary, want)
	}
	if in.pages != InsightsMaxPages || in.n != InsightsMaxPages*InsightsPageSize || in.done {
		t.Fatalf("charts counted %d pages, %d attempts (done %v)", in.pages, in.n, in.done)
	}
	sum := 0
	for _, c := range in.channels {
		sum += c.total
	}
	hours := 0
	for _, v := range in.hours {
		hours += v
	}
	if sum != in.n || hours != in.n {
		t.Fatalf("channels count %d, hours %d, of %d", sum, hours, in.n)
	}
	h.WantScreen("Summary", "Conversion by channel", "Conversion by country", "Attempts per ", "the newest 20,000 of "+thousands(want.TotalAttempts))

	// A narrower filter counts everything it selects.
	h.fillFilter(fieldCountry, "NG")
	h.settle()
	in = h.M.insights
	ng := h.summary(twilioapi.AttemptsSummaryFilter{CreatedAfter: t0.Add(-twilioapi.AttemptsHistory), Country: "NG"})
	if !in.done || in.n != ng.TotalAttempts || len(in.countries) != 1 || in.countries["NG"].total != ng.TotalAttempts ||
		in.countries["NG"].converted != ng.TotalConverted {
		t.Fatalf("NG charts: %+v, summary %+v", in.tally, ng)
	}
	h.WantScreen("all " + thousands(ng.TotalAttempts) + " attempts of the filter")
}

// TestBudgetPacesCalls: the view makes at most AttemptsBurst Attempts
// calls at once, then one per AttemptsRefill; in any minute no more than
// Twilio's limit.
func TestBudgetPacesCalls(t *testing.T) {
	now := t0
	b := newBucket(now)
	var sent []time.Time
	for now.Before(t0.Add(3 * time.Minute)) {
		ok, wait := b.take(now)
		if ok {
			sent = append(sent, now)
			continue
		}
		if wait <= 0 {
			t.Fatal("an empty bucket asked for no wait")
		}
		now = now.Add(wait)
	}
	for i := range sent {
		n := 0
		for _, s := range sent[i:] {
			if s.Sub(sent[i]) < time.Minute {
				n++
			}
		}
		if n > twilioapi.AttemptsRequestsPerMinute {
			t.Fatalf("%d calls in the minute from %s", n, sent[i])
		}
	}
	if len(sent) < 2*twilioapi.AttemptsRequestsPerMinute {
		t.Fatalf("only %d calls in 3 minutes: the budget is too tight", len(sent))
	}
}

// TestListFilterLoadsNoPagesByItself: a / filter that matches few loaded
// rows does not fetch page after page looking for more (every Attempts
// call counts against Twilio's 100 a minute); the log grows only as the
// cursor is moved to the end of what matches.
func TestListFilterLoadsNoPagesByItself(t *testing.T) {
	h := newHarness(t, 1000, 100, 30)
	h.keys("/", "z", "z", "z")
	h.settle()
	if n := h.M.list.Len(); n != PageSize {
		t.Fatalf("a filter matching nothing loaded %d attempts, want the first page of %d", n, PageSize)
	}
	h.WantScreen(`No loaded attempts match "zzz"`)
	h.Key("enter")
	h.settle()
	if n := h.M.list.Len(); n != PageSize {
		t.Fatalf("keeping the filter loaded %d attempts, want %d", n, PageSize)
	}
}

// TestNarrowLogShowsWholeDestinations: in the 60×12 a 60×16 terminal
// leaves the view, the masked destination (what "did my code get sent?"
// is about) shows whole; the price gives way first.
func TestNarrowLogShowsWholeDestinations(t *testing.T) {
	h := newHarness(t, 200, 60, 12)
	a, ok := h.M.list.Selected()
	if !ok {
		t.Fatal("no attempt selected")
	}
	h.WantScreen(maskDestination(a.To), "DESTINATION")
}

// TestNarrowInsightsShowTheConversionRate: at 60 columns the summary's
// last figure, the conversion rate, wraps onto the next line instead of
// being cut.
func TestNarrowInsightsShowTheConversionRate(t *testing.T) {
	h := newHarness(t, 3000, 60, 12)
	h.Key("i")
	h.settle()
	s := h.M.insights.summary
	if s == nil {
		t.Fatal("no summary")
	}
	rate, err := strconv.ParseFloat(s.ConversionRate, 64)
	if err != nil {
		t.Fatal(err)
	}
	h.WantScreen("unconverted", fmt.Sprintf("conversion %.1f%%", rate))
}
