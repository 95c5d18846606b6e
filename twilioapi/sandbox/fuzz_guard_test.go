package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzProtectionRoutes sends random requests to the rate-limit, bucket,
// attempts and guard routes of a sandbox with history: no panic, and every
// answer JSON (or an empty 204) with a well-formed error body.
func FuzzProtectionRoutes(f *testing.F) {
	sb, err := New(Options{AccountSID: "AC" + strings.Repeat("0", 32), AuthToken: "token", Clock: NewManualClock(t0).Now, SeedAttempts: 300})
	if err != nil {
		f.Fatal(err)
	}
	var demo string
	for sid, sv := range sb.st.Services {
		if sv.FriendlyName == demoFriendlyName {
			demo = sid
		}
	}
	rk := "RK" + strings.Repeat("1", 32)
	sb.st.RateLimits[rk] = &rateLimit{SID: rk, ServiceSID: demo, UniqueName: "ip", Buckets: map[string]*bucket{}}
	base := "/v2/Services/" + demo + "/RateLimits"
	for _, seed := range [][3]string{
		{"GET", base + "?PageSize=2", ""},
		{"POST", base, "UniqueName=end_user_ip_address&Description=x"},
		{"POST", base + "/" + rk, "Description=y"},
		{"DELETE", base + "/" + rk, ""},
		{"POST", base + "/" + rk + "/Buckets", "Max=2&Interval=60"},
		{"GET", base + "/" + rk + "/Buckets?PageToken=PT1", ""},
		{"POST", base + "/" + rk + "/Buckets/BL" + strings.Repeat("2", 32), "Max=0"},
		{"POST", "/v2/Services/" + demo + "/Verifications", "To=%2B14155550100&Channel=sms&RateLimits=%7B%22ip%22%3A%221.2.3.4%22%7D"},
		{"POST", "/v2/Services/" + demo + "/Verifications", "To=%2B19005550100&Channel=sms&RateLimits=%7B%22ip%22%3A%5B1%5D%7D"},
		{"GET", "/v2/Attempts?Country=US&Channel=sms&Status=converted&PageSize=3", ""},
		{"GET", "/v2/Attempts?ChannelData%5C.To=%2B14155550100&DateCreatedAfter=2026-11-01T00:00:00Z", ""},
		{"GET", "/v2/Attempts?PageToken=PT0000000000000000000000000000000a&Page=2", ""},
		{"GET", "/v2/Attempts/Summary?DestinationPrefix=%2B44&VerifyServiceSid=" + demo, ""},
		{"GET", "/v2/Attempts/VL" + strings.Repeat("3", 32), ""},
		{"POST", "/sandbox/v1/Guard", `{"service_sid":"` + demo + `","level":"max","blocked_countries":["CU"]}`},
		{"GET", "/sandbox/v1/Guard?ServiceSid=" + demo, ""},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, method, target, body string) {
		path, query, _ := strings.Cut(target, "?")
		if strings.HasPrefix(path, "/sandbox/v1/Faults") {
			t.Skip("faults deliberately drop connections and sleep")
		}
		r := &http.Request{
			Method: method, URL: &url.URL{Path: path, RawQuery: query}, Host: "127.0.0.1:1",
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
			Body:   io.NopCloser(strings.NewReader(body)),
		}
		r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
		w := httptest.NewRecorder()
		sb.ServeHTTP(w, r)
		if w.Code == http.StatusNoContent {
			if w.Body.Len() != 0 {
				t.Fatalf("204 with a body")
			}
			return
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s %s: %d non-JSON answer %q", method, target, w.Code, w.Body.String())
		}
		if w.Code >= 400 {
			var eb errorBody
			if json.Unmarshal(w.Body.Bytes(), &eb) != nil || eb.Code == 0 || eb.Status != w.Code || eb.Message == "" {
				t.Fatalf("error body %q", w.Body.String())
			}
		}
	})
}
