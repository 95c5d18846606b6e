package twilioapi_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// invalidInput asserts err is a KindInvalidInput *Error naming field.
func invalidInput(t *testing.T, err error, field string) {
	t.Helper()
	var e *twilioapi.Error
	if !errors.As(err, &e) || e.Kind != twilioapi.KindInvalidInput || e.Field != field {
		t.Fatalf("got %v, want invalid input in %q", err, field)
	}
}

func TestSafeListThroughClient(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	apiErr(t, startErr(e, va, fraud), 403, 60410)
	for _, n := range []string{fraud, "+18001234567"} {
		added, err := e.c.AddToSafeList(e.ctx, n)
		if err != nil || added.PhoneNumber != n || !strings.HasPrefix(added.SID, "GN") {
			t.Fatalf("add %s: %v %+v", n, err, added)
		}
		got, err := e.c.FetchSafeListEntry(e.ctx, n)
		if err != nil || got.SID != added.SID || !strings.HasSuffix(got.URL, "/SafeList/Numbers/"+n) {
			t.Fatalf("fetch %s: %v %+v", n, err, got)
		}
	}
	e.start(t, va, fraud, twilioapi.ChannelSMS)
	if err := e.c.RemoveFromSafeList(e.ctx, "+18001234567"); err != nil {
		t.Fatal(err)
	}
	_, err := e.c.FetchSafeListEntry(e.ctx, "+18001234567")
	apiErr(t, err, 404, 20404)
	_, err = e.c.AddToSafeList(e.ctx, "call me")
	invalidInput(t, err, "Phone number")
}

// startErr starts an SMS verification and returns only its error.
func startErr(e *env, va, to string) error {
	_, err := e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: to, Channel: twilioapi.ChannelSMS})
	return err
}

func TestRateLimitsThroughClient(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	rl, err := e.c.CreateRateLimit(e.ctx, va, "end_user_ip_address", "client IP")
	if err != nil || rl.UniqueName != "end_user_ip_address" || rl.Description != "client IP" || rl.ServiceSID != va {
		t.Fatalf("create: %v %+v", err, rl)
	}
	_, err = e.c.CreateRateLimit(e.ctx, va, "end_user_ip_address", "")
	apiErr(t, err, 400, 60208)
	_, err = e.c.CreateRateLimit(e.ctx, va, "has space", "")
	invalidInput(t, err, "Unique name")
	if _, err := e.c.CreateRateLimit(e.ctx, va, "user_id", ""); err != nil {
		t.Fatal(err)
	}
	p1, err := e.c.ListRateLimitsPage(e.ctx, va, 1, "")
	if err != nil || len(p1.RateLimits) != 1 || p1.NextPageToken == "" {
		t.Fatalf("page 1: %v %+v", err, p1)
	}
	p2, err := e.c.ListRateLimitsPage(e.ctx, va, 1, p1.NextPageToken)
	if err != nil || len(p2.RateLimits) != 1 || p2.RateLimits[0].UniqueName != "user_id" || p2.NextPageToken != "" {
		t.Fatalf("page 2: %v %+v", err, p2)
	}
	if u, err := e.c.UpdateRateLimit(e.ctx, va, rl.SID, "end-user IP"); err != nil || u.Description != "end-user IP" {
		t.Fatalf("update: %v %+v", err, u)
	}
	if f, err := e.c.FetchRateLimit(e.ctx, va, rl.SID); err != nil || f.Description != "end-user IP" {
		t.Fatalf("fetch: %v %+v", err, f)
	}

	b, err := e.c.CreateBucket(e.ctx, va, rl.SID, 1, 60)
	if err != nil || b.Max != 1 || b.Interval != 60 || b.RateLimitSID != rl.SID {
		t.Fatalf("bucket: %v %+v", err, b)
	}
	_, err = e.c.CreateBucket(e.ctx, va, rl.SID, 5, 60)
	apiErr(t, err, 400, 60211)
	_, err = e.c.CreateBucket(e.ctx, va, rl.SID, 0, 60)
	invalidInput(t, err, "Max")
	bp, err := e.c.ListBucketsPage(e.ctx, va, rl.SID, 50, "")
	if err != nil || len(bp.Buckets) != 1 {
		t.Fatalf("buckets: %v %+v", err, bp)
	}
	// Enforcement: the second start from one IP within the minute is a
	// 429 with the hint and Retry-After.
	ip := map[string]any{"end_user_ip_address": "198.51.100.7"}
	if _, err := e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: mobile, Channel: twilioapi.ChannelSMS, RateLimits: ip}); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: landline, Channel: twilioapi.ChannelCall, RateLimits: ip})
	if ae := apiErr(t, err, 429, 20429); ae.RetryAfter != time.Minute {
		t.Fatalf("Retry-After %v", ae.RetryAfter)
	}
	e.clock.Advance(time.Minute)
	max2 := 2
	if u, err := e.c.UpdateBucket(e.ctx, va, rl.SID, b.SID, twilioapi.BucketUpdate{Max: &max2}); err != nil || u.Max != 2 || u.Interval != 60 {
		t.Fatalf("update bucket: %v %+v", err, u)
	}
	if got, err := e.c.FetchBucket(e.ctx, va, rl.SID, b.SID); err != nil || got.Max != 2 {
		t.Fatalf("fetch bucket: %v %+v", err, got)
	}
	if err := e.c.DeleteBucket(e.ctx, va, rl.SID, b.SID); err != nil {
		t.Fatal(err)
	}
	if err := e.c.DeleteRateLimit(e.ctx, va, rl.SID); err != nil {
		t.Fatal(err)
	}
	// An unknown key is refused.
	_, err = e.c.StartVerification(e.ctx, twilioapi.StartParams{ServiceSID: va, To: mobile, Channel: twilioapi.ChannelSMS, RateLimits: ip})
	apiErr(t, err, 400, 60200)
	_, err = e.c.FetchRateLimit(e.ctx, va, "RK1")
	invalidInput(t, err, "Rate limit SID")
}

func TestSandboxGuardThroughClient(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	g, err := e.c.SandboxGuard(e.ctx, va)
	if err != nil || g.Level != twilioapi.GuardBasic || len(g.HighRiskPrefixes) == 0 || g.BurstWindow != 10*time.Minute || g.BurstMaxStarts != 5 {
		t.Fatalf("default: %v %+v", err, g)
	}
	std := twilioapi.GuardStandard
	cs := []string{"gb", "CU"}
	g, err = e.c.SetSandboxGuard(e.ctx, twilioapi.SandboxGuardUpdate{ServiceSID: va, Level: &std, BlockedCountries: &cs})
	if err != nil || g.Level != std || strings.Join(g.BlockedCountries, ",") != "CU,GB" {
		t.Fatalf("set: %v %+v", err, g)
	}
	apiErr(t, startErr(e, va, "+19005550100"), 403, 60410)
	apiErr(t, startErr(e, va, "+447400123456"), 403, 60605)
	off := twilioapi.GuardOff
	if _, err := e.c.SetSandboxGuard(e.ctx, twilioapi.SandboxGuardUpdate{ServiceSID: va, Level: &off}); err != nil {
		t.Fatal(err)
	}
	e.start(t, va, fraud, twilioapi.ChannelSMS)
	bad := twilioapi.GuardLevel("paranoid")
	_, err = e.c.SetSandboxGuard(e.ctx, twilioapi.SandboxGuardUpdate{ServiceSID: va, Level: &bad})
	invalidInput(t, err, "Level")
	_, err = e.c.SandboxGuard(e.ctx, "VA"+strings.Repeat("0", 32))
	apiErr(t, err, 404, 20404)
	// A client for Twilio refuses before any request.
	real, err := twilioapi.New(twilioapi.Config{AccountSID: e.sb.AccountSID(), AuthToken: "token123"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = real.SandboxGuard(e.ctx, va)
	invalidInput(t, err, "Base URL")
}

func TestAttemptsThroughClient(t *testing.T) {
	clock := sandbox.NewManualClock(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
	c, sb := apitest.Start(t, sandbox.Options{Clock: clock.Now, SeedAttempts: 1500})
	e := &env{c: c, sb: sb, clock: clock, ctx: t.Context()}
	all := sb.Attempts()
	f := twilioapi.AttemptFilter{Country: "us", Channel: twilioapi.ChannelSMS, CreatedAfter: clock.Now().Add(-20 * 24 * time.Hour)}
	want, conv := 0, 0
	for _, a := range all {
		if a.Country == "US" && a.Channel == "sms" && !a.DateCreated.Before(f.CreatedAfter) {
			want++
			if a.ConversionStatus == "converted" {
				conv++
			}
		}
	}
	// Page through with the tokens: every matching attempt once, newest
	// first.
	got, tok, last := 0, "", time.Time{}
	for {
		page, err := e.c.ListAttemptsPage(e.ctx, f, 37, tok)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Attempts {
			if a.Country != "US" || a.Channel != twilioapi.ChannelSMS || (!last.IsZero() && a.DateCreated.After(last)) || a.Price == "" || a.To == "" {
				t.Fatalf("attempt %+v", a)
			}
			last = a.DateCreated
			got++
		}
		if tok = page.NextPageToken; tok == "" {
			break
		}
	}
	if got != want || want == 0 {
		t.Fatalf("listed %d, want %d", got, want)
	}
	sum, err := e.c.AttemptsSummary(e.ctx, twilioapi.AttemptsSummaryFilter{Country: "US", Channel: twilioapi.ChannelSMS, CreatedAfter: f.CreatedAfter})
	if err != nil || sum.TotalAttempts != want || sum.TotalConverted != conv || sum.TotalUnconverted != want-conv || sum.ConversionRate == "" {
		t.Fatalf("summary %v %+v (want %d/%d)", err, sum, conv, want)
	}
	phone := all[0]
	for _, a := range all {
		if a.Channel == "sms" {
			phone = a
			break
		}
	}
	one, err := e.c.FetchAttempt(e.ctx, phone.SID)
	if err != nil || one.SID != phone.SID || one.To != phone.To || one.Carrier.Name == "" || one.Country != phone.Country {
		t.Fatalf("fetch: %v %+v", err, one)
	}
	// The To filter, sent by twilio-go under its escaped key.
	byTo, err := e.c.ListAttemptsPage(e.ctx, twilioapi.AttemptFilter{To: all[0].To}, 50, "")
	if err != nil || len(byTo.Attempts) == 0 || byTo.Attempts[0].To != all[0].To {
		t.Fatalf("by To: %v %+v", err, byTo)
	}
	// Input checks, before any request.
	for field, f := range map[string]twilioapi.AttemptFilter{
		"Country":        {Country: "USA"},
		"Channel":        {Channel: "fax"},
		"Status":         {Conversion: "maybe"},
		"To":             {To: "ann.1990@example.com"},
		"Created before": {CreatedAfter: clock.Now(), CreatedBefore: clock.Now().Add(-time.Hour)},
		"Service SID":    {ServiceSID: "VA1"},
	} {
		_, err := e.c.ListAttemptsPage(e.ctx, f, 50, "")
		invalidInput(t, err, field)
	}
	_, err = e.c.AttemptsSummary(e.ctx, twilioapi.AttemptsSummaryFilter{DestinationPrefix: "44"})
	invalidInput(t, err, "Destination prefix")
}
