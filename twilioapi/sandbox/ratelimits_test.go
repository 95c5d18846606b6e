package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// newRateLimit creates a rate limit with one bucket and fails the test on
// error.
func (e *env) newRateLimit(service, name string, maxN, interval int) (rl, bl string) {
	e.t.Helper()
	r, err := e.v.CreateRateLimit(service, (&verify.CreateRateLimitParams{}).SetUniqueName(name).SetDescription("per "+name))
	if err != nil {
		e.t.Fatal(err)
	}
	b, err := e.v.CreateBucket(service, *r.Sid, (&verify.CreateBucketParams{}).SetMax(maxN).SetInterval(interval))
	if err != nil {
		e.t.Fatal(err)
	}
	return *r.Sid, *b.Sid
}

func TestRateLimitCRUD(t *testing.T) {
	e := newEnv(t, Options{})
	resp, err := e.v.CreateRateLimitWithMetadata(e.demo, (&verify.CreateRateLimitParams{}).SetUniqueName("end_user_ip_address").SetDescription("IP"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("create: %v %v", err, resp)
	}
	rl := resp.Resource
	if !validSID(*rl.Sid, "RK") || *rl.ServiceSid != e.demo || *rl.AccountSid != e.sb.AccountSID() ||
		*rl.UniqueName != "end_user_ip_address" || *rl.Description != "IP" || rl.DateCreated == nil ||
		*rl.Url != e.srv.URL()+"/v2/Services/"+e.demo+"/RateLimits/"+*rl.Sid || (*rl.Links)["buckets"] != *rl.Url+"/Buckets" {
		t.Fatalf("created %+v", rl)
	}
	_, err = e.v.CreateRateLimit(e.demo, (&verify.CreateRateLimitParams{}).SetUniqueName("end_user_ip_address"))
	wantErr(t, err, 400, 60208)
	_, err = e.v.CreateRateLimit(e.demo, (&verify.CreateRateLimitParams{}).SetUniqueName("no spaces"))
	wantErr(t, err, 400, 60209)
	_, err = e.v.CreateRateLimit(e.demo, &verify.CreateRateLimitParams{})
	wantErr(t, err, 400, 60200)
	// The same unique name on another service is fine.
	other := e.newService("Other", nil)
	if _, err := e.v.CreateRateLimit(other, (&verify.CreateRateLimitParams{}).SetUniqueName("end_user_ip_address")); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < maxRateLimitsPerService; i++ {
		if _, err := e.v.CreateRateLimit(e.demo, (&verify.CreateRateLimitParams{}).SetUniqueName(fmt.Sprintf("key.%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.v.CreateRateLimit(e.demo, (&verify.CreateRateLimitParams{}).SetUniqueName("one_too_many"))
	wantErr(t, err, 400, 60207)

	// List in pages of 3: every rate limit once, in creation order.
	page, err := e.v.PageRateLimit(e.demo, (&verify.ListRateLimitParams{}).SetPageSize(3), "", "")
	if err != nil || len(page.RateLimits) != 3 || page.Meta.Key != "rate_limits" || *page.RateLimits[0].Sid != *rl.Sid {
		t.Fatalf("page: %v %+v", err, page)
	}
	all, err := e.v.ListRateLimit(e.demo, (&verify.ListRateLimitParams{}).SetPageSize(3))
	if err != nil || len(all) != maxRateLimitsPerService {
		t.Fatalf("list: %v %d", err, len(all))
	}

	upd, err := e.v.UpdateRateLimit(e.demo, *rl.Sid, (&verify.UpdateRateLimitParams{}).SetDescription("client IP"))
	if err != nil || *upd.Description != "client IP" || *upd.UniqueName != "end_user_ip_address" {
		t.Fatalf("update: %v %+v", err, upd)
	}
	got, err := e.v.FetchRateLimit(e.demo, *rl.Sid)
	if err != nil || *got.Description != "client IP" {
		t.Fatalf("fetch: %v %+v", err, got)
	}
	_, err = e.v.FetchRateLimit(other, *rl.Sid)
	wantErr(t, err, 404, 20404)
	if err := e.v.DeleteRateLimit(e.demo, *rl.Sid); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchRateLimit(e.demo, *rl.Sid)
	wantErr(t, err, 404, 20404)
	wantErr(t, e.v.DeleteRateLimit(e.demo, *rl.Sid), 404, 20404)
	// A malformed RK is an unknown route.
	resp2, _ := e.raw("GET", "/v2/Services/"+e.demo+"/RateLimits/RKnope", "")
	if resp2.StatusCode != 404 {
		t.Fatalf("malformed RK: %d", resp2.StatusCode)
	}
}

func TestBucketCRUD(t *testing.T) {
	e := newEnv(t, Options{})
	rl, bl := e.newRateLimit(e.demo, "phone_number", 5, 60)
	b, err := e.v.FetchBucket(e.demo, rl, bl)
	if err != nil || b.Max != 5 || b.Interval != 60 || *b.RateLimitSid != rl || *b.ServiceSid != e.demo ||
		*b.Url != e.srv.URL()+"/v2/Services/"+e.demo+"/RateLimits/"+rl+"/Buckets/"+bl {
		t.Fatalf("fetch: %v %+v", err, b)
	}
	_, err = e.v.CreateBucket(e.demo, rl, (&verify.CreateBucketParams{}).SetMax(1).SetInterval(60))
	wantErr(t, err, 400, 60211)
	_, err = e.v.CreateBucket(e.demo, rl, (&verify.CreateBucketParams{}).SetMax(1))
	wantErr(t, err, 400, 60200)
	_, err = e.v.CreateBucket(e.demo, rl, (&verify.CreateBucketParams{}).SetMax(0).SetInterval(5))
	wantErr(t, err, 400, 60200)
	for i := 1; i < maxBucketsPerRateLimit; i++ {
		if _, err := e.v.CreateBucket(e.demo, rl, (&verify.CreateBucketParams{}).SetMax(10*i).SetInterval(3600*i)); err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.v.CreateBucket(e.demo, rl, (&verify.CreateBucketParams{}).SetMax(1).SetInterval(7))
	wantErr(t, err, 400, 60210)
	list, err := e.v.ListBucket(e.demo, rl, (&verify.ListBucketParams{}).SetPageSize(2))
	if err != nil || len(list) != maxBucketsPerRateLimit || *list[0].Sid != bl {
		t.Fatalf("list: %v %d", err, len(list))
	}
	_, err = e.v.UpdateBucket(e.demo, rl, bl, (&verify.UpdateBucketParams{}).SetInterval(3600))
	wantErr(t, err, 400, 60211)
	upd, err := e.v.UpdateBucket(e.demo, rl, bl, (&verify.UpdateBucketParams{}).SetMax(2).SetInterval(30))
	if err != nil || upd.Max != 2 || upd.Interval != 30 {
		t.Fatalf("update: %v %+v", err, upd)
	}
	if err := e.v.DeleteBucket(e.demo, rl, bl); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchBucket(e.demo, rl, bl)
	wantErr(t, err, 404, 20404)
	// Deleting the service takes its rate limits along.
	if err := e.v.DeleteService(e.demo); err != nil {
		t.Fatal(err)
	}
	e.sb.mu.Lock()
	n := len(e.sb.st.RateLimits)
	e.sb.mu.Unlock()
	if n != 0 {
		t.Fatalf("%d rate limits survived their service", n)
	}
}

// startRL starts a verification carrying a RateLimits object.
func (e *env) startRL(to string, limits map[string]interface{}) (*verify.VerifyV2Verification, error) {
	return e.v.CreateVerification(e.demo, p(to, "sms").SetRateLimits(limits))
}

func TestRateLimitEnforcement(t *testing.T) {
	e := newEnv(t, Options{})
	rl, _ := e.newRateLimit(e.demo, "end_user_ip_address", 2, 60)
	if _, err := e.v.CreateBucket(e.demo, rl, (&verify.CreateBucketParams{}).SetMax(3).SetInterval(3600)); err != nil {
		t.Fatal(err)
	}
	ip := map[string]interface{}{"end_user_ip_address": "1.2.3.4"}
	for i, to := range []string{"+14155550110", "+14155550111"} {
		if _, err := e.startRL(to, ip); err != nil {
			t.Fatalf("start %d: %v", i, err)
		}
	}
	// The third start from that IP within a minute is refused, with the
	// time until the oldest leaves the minute.
	e.clock.Advance(20 * time.Second)
	_, err := e.startRL("+14155550112", ip)
	wantErr(t, err, 429, 20429)
	resp, body := e.raw("POST", "/v2/Services/"+e.demo+"/Verifications", "To=%2B14155550112&Channel=sms&RateLimits="+
		"%7B%22end_user_ip_address%22%3A%221.2.3.4%22%7D")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "40" || resp.Header.Get("Twilio-Reached-Rate-Limit") != "end_user_ip_address" {
		t.Fatalf("%d %v %s", resp.StatusCode, resp.Header, body)
	}
	// Another value has its own count; starts without RateLimits are not
	// counted at all.
	if _, err := e.startRL("+14155550112", map[string]interface{}{"end_user_ip_address": "5.6.7.8"}); err != nil {
		t.Fatal(err)
	}
	e.start(e.demo, "+14155550113", "sms")
	// After the minute the per-minute bucket has room, but the hourly one
	// (3) fills with the next start.
	e.clock.Advance(41 * time.Second)
	if _, err := e.startRL("+14155550114", ip); err != nil {
		t.Fatalf("after the interval: %v", err)
	}
	e.clock.Advance(2 * time.Minute)
	_, err = e.startRL("+14155550115", ip)
	wantErr(t, err, 429, 20429)
	e.clock.Advance(time.Hour)
	if _, err := e.startRL("+14155550115", ip); err != nil {
		t.Fatalf("after the hour: %v", err)
	}
	// Numbers are values too (JSON numbers are read as their text).
	rl2, _ := e.newRateLimit(e.demo, "user_id", 1, 300)
	_ = rl2
	if _, err := e.startRL("+14155550116", map[string]interface{}{"user_id": 42}); err != nil {
		t.Fatal(err)
	}
	_, err = e.startRL("+14155550117", map[string]interface{}{"user_id": "42"})
	wantErr(t, err, 429, 20429)
}

func TestRateLimitKeyMustExist(t *testing.T) {
	e := newEnv(t, Options{})
	e.newRateLimit(e.demo, "end_user_ip_address", 10, 60)
	_, err := e.startRL(NumberMobile, map[string]interface{}{"end_user_ip": "1.2.3.4"})
	wantErr(t, err, 400, 60200)
	if !strings.Contains(err.Error(), "end_user_ip") {
		t.Fatalf("the error does not name the key: %v", err)
	}
	_, err = e.startRL(NumberMobile, map[string]interface{}{"end_user_ip_address": map[string]any{"a": 1}})
	wantErr(t, err, 400, 60200)
	if len(e.sb.Outbox(NumberMobile)) != 0 {
		t.Fatal("a refused start was delivered")
	}
	if _, err := e.startRL(NumberMobile, map[string]interface{}{"end_user_ip_address": "1.2.3.4"}); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentStartsToOneNumber(t *testing.T) {
	e := newEnv(t, Options{})
	// Hold the sandbox so starts queue up in flight, as concurrent ones do.
	e.sb.mu.Lock()
	errs := make(chan error, maxConcurrentStarts)
	for i := 0; i < maxConcurrentStarts; i++ {
		go func() {
			_, err := e.v.CreateVerification(e.demo, p(NumberMobile, "sms"))
			errs <- err
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); e.sb.prot.gate.inFlight(NumberMobile) < maxConcurrentStarts; {
		if time.Now().After(deadline) {
			e.sb.mu.Unlock()
			t.Fatal("the starts never arrived")
		}
		time.Sleep(time.Millisecond)
	}
	// One more to the same number is refused at once (it does not wait for
	// the lock); another number is not affected by the gate.
	resp, body := e.raw("POST", "/v2/Services/"+e.demo+"/Verifications", "To=%2B14155550100&Channel=sms")
	e.sb.mu.Unlock()
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(body), "60212") || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	for i := 0; i < maxConcurrentStarts; i++ {
		if err := <-errs; err != nil {
			t.Fatalf("a queued start failed: %v", err)
		}
	}
	if n := e.sb.prot.gate.inFlight(NumberMobile); n != 0 {
		t.Fatalf("%d starts still counted in flight", n)
	}
	// twilio-go sees it as a 429/60212 as well.
	e.sb.mu.Lock()
	for i := 0; i < maxConcurrentStarts; i++ {
		go func() {
			_, err := e.v.CreateVerification(e.demo, p(NumberLandline, "call"))
			errs <- err
		}()
	}
	for e.sb.prot.gate.inFlight(NumberLandline) < maxConcurrentStarts {
		time.Sleep(time.Millisecond)
	}
	_, err := e.v.CreateVerification(e.demo, p(NumberLandline, "call"))
	e.sb.mu.Unlock()
	wantErr(t, err, 429, 60212)
	for i := 0; i < maxConcurrentStarts; i++ {
		<-errs
	}
}
