package sandbox

import (
	"testing"
	"time"
)

func TestStatusPollingLimits(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberMobile, "sms")
	for i := 0; i < 60; i++ {
		if _, err := e.v.FetchVerification(e.demo, *v.Sid); err != nil {
			t.Fatalf("fetch %d: %v", i+1, err)
		}
	}
	_, err := e.v.FetchVerification(e.demo, *v.Sid)
	wantErr(t, err, 429, 20429)
	resp, _ := e.raw("GET", "/v2/Services/"+e.demo+"/Verifications/"+*v.Sid, "")
	if resp.Header.Get("Retry-After") != "60" {
		t.Fatalf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
	e.clock.Advance(time.Minute)
	if _, err := e.v.FetchVerification(e.demo, *v.Sid); err != nil {
		t.Fatalf("after a minute: %v", err)
	}
}
