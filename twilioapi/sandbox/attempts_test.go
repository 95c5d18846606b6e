package sandbox

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// seededEnv is a sandbox with n seeded attempts and a few live ones: an
// approved verification, a pending one, an undeliverable one and a block.
func seededEnv(t *testing.T, n int) *env {
	t.Helper()
	e := newEnv(t, Options{SeedAttempts: n})
	e.start(e.demo, NumberMobile, "sms")
	e.start(e.demo, NumberMobile, "call")
	if _, err := e.check(e.demo, NumberMobile, e.lastCode(NumberMobile)); err != nil {
		t.Fatal(err)
	}
	e.start(e.demo, NumberLandline, "call")
	e.start(e.demo, NumberUndeliverable, "sms")
	if e.tryStart(NumberFraud, "sms") == nil {
		t.Fatal("fraud number not blocked")
	}
	return e
}

// attemptQuery is one filter combination, applied both to twilio-go's
// params and to a brute-force predicate over Sandbox.Attempts.
type attemptQuery struct {
	name                                      string
	after, before                             time.Time
	to, country, channel, service, ver, state string
}

func (q attemptQuery) params() *verify.ListVerificationAttemptParams {
	p := &verify.ListVerificationAttemptParams{}
	if !q.after.IsZero() {
		p.SetDateCreatedAfter(q.after)
	}
	if !q.before.IsZero() {
		p.SetDateCreatedBefore(q.before)
	}
	if q.to != "" {
		p.SetChannelDataTo(q.to)
	}
	if q.country != "" {
		p.SetCountry(q.country)
	}
	if q.channel != "" {
		p.SetChannel(q.channel)
	}
	if q.service != "" {
		p.SetVerifyServiceSid(q.service)
	}
	if q.ver != "" {
		p.SetVerificationSid(q.ver)
	}
	if q.state != "" {
		p.SetStatus(q.state)
	}
	return p
}

func (q attemptQuery) match(a Attempt) bool {
	return (q.after.IsZero() || !a.DateCreated.Before(q.after)) &&
		(q.before.IsZero() || a.DateCreated.Before(q.before)) &&
		(q.to == "" || a.To == q.to) && (q.country == "" || a.Country == q.country) &&
		(q.channel == "" || a.Channel == q.channel) && (q.service == "" || a.ServiceSID == q.service) &&
		(q.ver == "" || a.VerificationSID == q.ver) && (q.state == "" || strings.EqualFold(a.ConversionStatus, q.state))
}

func TestAttemptsListFiltersMatchBruteForce(t *testing.T) {
	e := seededEnv(t, 3000)
	all := e.sb.Attempts()
	if len(all) != 3000+5 {
		t.Fatalf("%d attempts", len(all))
	}
	some := all[len(all)/2] // a seeded attempt to aim at
	var seededVE string
	for _, a := range all {
		if a.VerificationSID != "" && strings.HasPrefix(a.To, "+") && a.Channel == "sms" && a.DateCreated.Before(t0.Add(-time.Hour)) {
			seededVE = a.VerificationSID
			break
		}
	}
	queries := []attemptQuery{
		{name: "all"},
		{name: "last week", after: t0.Add(-7 * 24 * time.Hour)},
		{name: "window", after: t0.Add(-20 * 24 * time.Hour), before: t0.Add(-10 * 24 * time.Hour)},
		{name: "to", to: some.To},
		{name: "to live", to: NumberMobile},
		{name: "country", country: "GB"},
		{name: "country lower", country: "in"},
		{name: "channel", channel: "call"},
		{name: "email", channel: "email"},
		{name: "service", service: e.demo},
		{name: "verification", ver: seededVE},
		{name: "converted", state: "converted"},
		{name: "UNCONVERTED", state: "UNCONVERTED"},
		{name: "combined", country: "US", channel: "sms", state: "converted", after: t0.Add(-15 * 24 * time.Hour)},
		{name: "nothing", country: "JP"},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			var want []string
			for _, a := range all {
				if (attemptQuery{after: q.after, before: q.before, to: q.to, country: strings.ToUpper(q.country), channel: q.channel,
					service: q.service, ver: q.ver, state: q.state}).match(a) {
					want = append(want, a.SID)
				}
			}
			got, err := e.v.ListVerificationAttempt(q.params().SetPageSize(211))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d attempts listed, brute force finds %d", len(got), len(want))
			}
			for i := range got {
				if *got[i].Sid != want[i] {
					t.Fatalf("item %d: %s, want %s (newest first)", i, *got[i].Sid, want[i])
				}
			}
			if q.name != "nothing" && len(want) == 0 {
				t.Fatal("the query selects nothing: it tests nothing")
			}
		})
	}
}

func TestAttemptsPagingAndShape(t *testing.T) {
	e := seededEnv(t, 500)
	page, err := e.v.PageVerificationAttempt((&verify.ListVerificationAttemptParams{}).SetPageSize(3).SetChannel("sms"), "", "")
	if err != nil || len(page.Attempts) != 3 || page.Meta.NextPageUrl == nil || page.Meta.Key != "attempts" {
		t.Fatalf("%v %+v", err, page)
	}
	// The next page URL keeps the filter, so twilio-go's own paging works.
	if !strings.Contains(*page.Meta.NextPageUrl, "Channel=sms&PageSize=3&Page=1&PageToken=PT") {
		t.Fatalf("next %s", *page.Meta.NextPageUrl)
	}
	// Newest first: the blocked start, the undeliverable SMS, then the
	// approved one.
	a := page.Attempts[1]
	cd := asMap(t, a.ChannelData)
	pr := asMap(t, a.Price)
	if *a.ServiceSid != e.demo || *a.AccountSid != e.sb.AccountSID() || *a.Channel != "sms" || *a.ConversionStatus != "unconverted" ||
		cd["to"] != NumberUndeliverable || cd["message_status"] != "undelivered" || cd["error_code"] != "30008" ||
		cd["country"] != "US" || cd["status"] != "unconfirmed" || cd["code_length"] != float64(6) ||
		pr["value"] != "0.0083" || pr["currency"] != "usd" || *a.Url != e.srv.URL()+"/v2/Attempts/"+*a.Sid {
		t.Fatalf("attempt %+v %v %v", a, cd, pr)
	}
	conv := page.Attempts[2]
	if *conv.ConversionStatus != "converted" || asMap(t, conv.ChannelData)["status"] != "confirmed" {
		t.Fatalf("approved attempt %+v", conv)
	}
	// Fetch, and a blocked attempt's shape.
	got, err := e.v.FetchVerificationAttempt(*page.Attempts[0].Sid)
	if err != nil || got.VerificationSid != nil || asMap(t, got.ChannelData)["error_code"] != "60410" ||
		asMap(t, got.ChannelData)["message_status"] != "failed" || asMap(t, got.Price)["value"] != "0.0000" {
		t.Fatalf("blocked: %v %+v", err, got)
	}
	_, err = e.v.FetchVerificationAttempt("VL" + strings.Repeat("0", 32))
	wantErr(t, err, 404, 20404)
	// Expired after ten minutes.
	e.clock.Advance(CodeLifetime)
	got, _ = e.v.FetchVerificationAttempt(*a.Sid)
	if asMap(t, got.ChannelData)["status"] != "expired" {
		t.Fatalf("after 10 minutes: %v", asMap(t, got.ChannelData))
	}
	// Page numbers without a token skip whole pages.
	p1, err := e.v.PageVerificationAttempt((&verify.ListVerificationAttemptParams{}).SetPageSize(3), "", "1")
	p0, _ := e.v.PageVerificationAttempt((&verify.ListVerificationAttemptParams{}).SetPageSize(6), "", "")
	if err != nil || *p1.Attempts[0].Sid != *p0.Attempts[3].Sid || p1.Meta.PreviousPageUrl == nil {
		t.Fatalf("page 1: %v", err)
	}
}

func TestAttemptsFilterValidation(t *testing.T) {
	e := newEnv(t, Options{})
	for _, q := range []string{
		"Country=GBR", "Channel=fax", "Status=maybe", "VerifyServiceSid=VA1", "VerificationSid=VA" + strings.Repeat("0", 32),
		"DateCreatedAfter=yesterday", "PageToken=PTzz", "PageSize=0",
	} {
		resp, b := e.raw("GET", "/v2/Attempts?"+q, "")
		if resp.StatusCode != 400 || !strings.Contains(string(b), "60200") {
			t.Fatalf("%s: %d %s", q, resp.StatusCode, b)
		}
	}
	resp, _ := e.raw("GET", "/v2/Attempts/Summary?DestinationPrefix=44", "")
	if resp.StatusCode != 400 {
		t.Fatalf("prefix without +: %d", resp.StatusCode)
	}
	for path, want := range map[string]int{"/v2/Attempts/VLnope": 404, "/v2/Attempts/Summary/x": 404} {
		if resp, _ := e.raw("GET", path, ""); resp.StatusCode != want {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := e.raw("POST", "/v2/Attempts", ""); resp.StatusCode != 405 {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
	// Both spellings of the To filter work (twilio-go escapes the dot).
	e.start(e.demo, NumberMobile, "sms")
	for _, k := range []string{"ChannelData.To", `ChannelData%5C.To`} {
		_, b := e.raw("GET", "/v2/Attempts?"+k+"=%2B14155550100", "")
		var body struct{ Attempts []any }
		if json.Unmarshal(b, &body) != nil || len(body.Attempts) != 1 {
			t.Fatalf("%s: %s", k, b)
		}
	}
}

func TestAttemptsSummaryMatchesBruteForce(t *testing.T) {
	e := seededEnv(t, 4000)
	all := e.sb.Attempts()
	type q struct {
		service, country, channel, prefix string
		after, before                     time.Time
	}
	for _, tt := range []q{
		{}, {service: e.demo}, {country: "BR"}, {channel: "whatsapp"}, {prefix: "+44"}, {prefix: "+1415555"},
		{after: t0.Add(-3 * 24 * time.Hour)}, {after: t0.Add(-9 * 24 * time.Hour), before: t0.Add(-2 * 24 * time.Hour), channel: "sms", country: "US"},
	} {
		total, conv := 0, 0
		for _, a := range all {
			if (tt.service == "" || a.ServiceSID == tt.service) && (tt.country == "" || a.Country == tt.country) &&
				(tt.channel == "" || a.Channel == tt.channel) && strings.HasPrefix(a.To, tt.prefix) &&
				(tt.after.IsZero() || !a.DateCreated.Before(tt.after)) && (tt.before.IsZero() || a.DateCreated.Before(tt.before)) {
				total++
				if a.ConversionStatus == "converted" {
					conv++
				}
			}
		}
		p := &verify.FetchVerificationAttemptsSummaryParams{}
		if tt.service != "" {
			p.SetVerifyServiceSid(tt.service)
		}
		if tt.country != "" {
			p.SetCountry(tt.country)
		}
		if tt.channel != "" {
			p.SetChannel(tt.channel)
		}
		if tt.prefix != "" {
			p.SetDestinationPrefix(tt.prefix)
		}
		if !tt.after.IsZero() {
			p.SetDateCreatedAfter(tt.after)
		}
		if !tt.before.IsZero() {
			p.SetDateCreatedBefore(tt.before)
		}
		s, err := e.v.FetchVerificationAttemptsSummary(p)
		if err != nil {
			t.Fatal(err)
		}
		if total == 0 {
			t.Fatalf("%+v selects nothing", tt)
		}
		rate, _ := strconv.ParseFloat(*s.ConversionRatePercentage, 64)
		if s.TotalAttempts != total || s.TotalConverted != conv || s.TotalUnconverted != total-conv ||
			fmt.Sprintf("%.6f", rate) != fmt.Sprintf("%.6f", 100*float64(conv)/float64(total)) || *s.Url != e.srv.URL()+"/v2/Attempts/Summary" {
			t.Fatalf("%+v: got %d/%d %s, brute force %d/%d", tt, s.TotalConverted, s.TotalAttempts, *s.ConversionRatePercentage, conv, total)
		}
	}
	if r := *conversionRate(9, 11); r != "81.818181818" {
		t.Fatalf("9 of 11 = %s", r)
	}
	if conversionRate(0, 0) != nil {
		t.Fatal("a rate of nothing")
	}
}

func TestSeededHistory(t *testing.T) {
	e := newEnv(t, Options{SeedAttempts: 20000})
	all := e.sb.Attempts()
	if len(all) != 20000 {
		t.Fatalf("%d seeded", len(all))
	}
	services, countries, channels, conv := map[string]bool{}, map[string]bool{}, map[string]bool{}, 0
	for _, a := range all {
		services[a.ServiceSID], countries[a.Country], channels[a.Channel] = true, true, true
		if a.ConversionStatus == "converted" {
			conv++
		}
		if a.DateCreated.Before(t0.Add(-30*24*time.Hour)) || a.DateCreated.After(t0) || a.DateUpdated.Before(a.DateCreated) {
			t.Fatalf("dates %+v", a)
		}
	}
	if len(services) != 3 || len(countries) < 9 || len(channels) != 4 {
		t.Fatalf("%d services, %d countries, %d channels", len(services), len(countries), len(channels))
	}
	if share := float64(conv) / float64(len(all)); share < 0.6 || share > 0.8 {
		t.Fatalf("%.2f converted", share)
	}
	// Deterministic: the same seed and clock give the same history.
	sb2, err := New(Options{Clock: e.clock.Now, SeedAttempts: 20000, AccountSID: e.sb.AccountSID()})
	if err != nil {
		t.Fatal(err)
	}
	again := sb2.Attempts()
	for i := range all {
		if all[i].SID != again[i].SID || all[i].To != again[i].To || all[i].ConversionStatus != again[i].ConversionStatus {
			t.Fatalf("attempt %d differs: %+v vs %+v", i, all[i], again[i])
		}
	}
	// Seeding past the default cap keeps every seeded attempt and room for
	// live ones; an explicit cap wins.
	e.start(e.demo, NumberMobile, "sms")
	if n := len(e.sb.Attempts()); n != 20001 {
		t.Fatalf("%d after a live start", n)
	}
	capped, err := New(Options{Clock: e.clock.Now, SeedAttempts: 5000, MaxAttempts: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(capped.Attempts()); n > 1000+1000/4 || n < 1000 {
		t.Fatalf("%d kept under a cap of 1000", n)
	}
}

func TestSeededAttemptsAreNotPersisted(t *testing.T) {
	path := t.TempDir() + "/state.json"
	e := newEnv(t, Options{StatePath: path, SeedAttempts: 2000})
	e.start(e.demo, NumberMobile, "sms")
	_ = e.srv.Close()
	_ = e.sb.Close() // releases the state file
	e2 := newEnv(t, Options{StatePath: path, AccountSID: e.sb.AccountSID()})
	all := e2.sb.Attempts()
	if len(all) != 1 || all[0].To != NumberMobile || all[0].Country != "US" {
		t.Fatalf("%d attempts reloaded: %+v", len(all), all)
	}
	// A later start comes after the reloaded one.
	e2.start(e2.demo, NumberLandline, "call")
	if all := e2.sb.Attempts(); all[0].To != NumberLandline {
		t.Fatalf("order %+v", all)
	}
	// Seeding reuses the services a previous seeding created.
	_ = e2.srv.Close()
	_ = e2.sb.Close()
	e3 := newEnv(t, Options{StatePath: path, AccountSID: e.sb.AccountSID(), SeedAttempts: 10})
	list, _ := e3.v.ListService(&verify.ListServiceParams{})
	if len(list) != 3 {
		t.Fatalf("%d services after seeding twice", len(list))
	}
}
