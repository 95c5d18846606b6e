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

func FuzzParseForm(f *testing.F) {
	for _, seed := range []string{
		"", "To=%2B14155550100&Channel=sms", "Totp.Issuer=Acme&Push.IncludeDate=false",
		`ChannelData%5C.To=%2B1`, "EventTypes=a&EventTypes=b", "a=%", "%zz=1", "=&&=", "k=v;w",
		"RateLimits=%7B%22end_user_ip%22%3A%221.2.3.4%22%7D", "a+b=c+d", `x\.y\.z=1`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fm, err := parseForm(s)
		if err != nil {
			return
		}
		for k, vs := range fm {
			if k == "" || len(vs) == 0 {
				t.Fatalf("empty key or no values: %q %v", k, vs)
			}
		}
		// Decoding never invents data: each value came from one pair.
		if n := strings.Count(s, "&") + 1; countValues(fm) > n {
			t.Fatalf("%d values from %d pairs", countValues(fm), n)
		}
	})
}

func countValues(f form) int {
	n := 0
	for _, vs := range f {
		n += len(vs)
	}
	return n
}

// FuzzHandler sends random requests straight to the handler: it must never
// panic and must always answer JSON (or an empty 204).
func FuzzHandler(f *testing.F) {
	sb, err := New(Options{AccountSID: "AC" + strings.Repeat("0", 32), AuthToken: "token", Clock: NewManualClock(t0).Now})
	if err != nil {
		f.Fatal(err)
	}
	var demo string
	for sid := range sb.st.Services {
		demo = sid
	}
	for _, seed := range []struct {
		method, target, body string
		auth                 bool
	}{
		{"GET", "/v2/Services", "", true},
		{"POST", "/v2/Services", "FriendlyName=x&CodeLength=7", true},
		{"GET", "/v2/Services?PageSize=1&PageToken=PT1", "", true},
		{"POST", "/v2/Services/" + demo + "/Verifications", "To=%2B14155550100&Channel=sms", true},
		{"POST", "/v2/Services/" + demo + "/Verifications", "To=%2B14155550104&Channel=auto", true},
		{"POST", "/v2/Services/" + demo + "/VerificationCheck", "To=%2B14155550100&Code=123456", true},
		{"GET", "/v2/Services/" + demo + "/Verifications/+14155550100", "", true},
		{"POST", "/v2/Services/" + demo + "/Verifications/+14155550100", "Status=canceled", true},
		{"DELETE", "/v2/Services/" + demo, "", true},
		{"GET", "/v2/PhoneNumbers/+14155550101?Fields=line_type_intelligence,sms_pumping_risk", "", true},
		{"POST", "/v2/SafeList/Numbers", "PhoneNumber=%2B14155550102", true},
		{"GET", "/sandbox/v1/Messages?To=+14155550100", "", true},
		{"GET", "/sandbox/v1/SNA/abc", "", false},
		{"POST", "/v2/Services/" + demo + "/Webhooks", "FriendlyName=h&EventTypes=*&WebhookUrl=http%3A%2F%2F127.0.0.1%3A1%2Fh", true},
		{"GET", "/v2/Services/" + demo + "/Webhooks?PageSize=1", "", true},
		{"POST", "/v2/Services/" + demo + "/Webhooks/YW00000000000000000000000000000000", "Status=disabled", true},
		{"POST", "/v2/Services/" + demo + "/MessagingConfigurations", "Country=US&MessagingServiceSid=MG00000000000000000000000000000000", true},
		{"DELETE", "/v2/Services/" + demo + "/MessagingConfigurations/all", "", true},
		{"GET", "/v2/Templates?FriendlyName=Base&PageSize=1", "", true},
		{"GET", "/sandbox/v1/WebhookDeliveries", "", true},
		{"POST", "/sandbox/v1/EventSinks", "Url=http%3A%2F%2F127.0.0.1%3A1%2Fe", true},
		{"GET", "/v2/Services", "", false},
		{"BREW", "/%zz", "%", true},
	} {
		f.Add(seed.method, seed.target, seed.body, seed.auth)
	}
	f.Fuzz(func(t *testing.T, method, target, body string, auth bool) {
		path, query, _ := strings.Cut(target, "?")
		if strings.HasPrefix(path, "/sandbox/v1/Faults") {
			t.Skip("faults deliberately drop connections and sleep")
		}
		r := &http.Request{
			Method: method, URL: &url.URL{Path: path, RawQuery: query}, Host: "127.0.0.1:1",
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
			Body:   io.NopCloser(strings.NewReader(body)),
		}
		if auth {
			r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
		}
		w := httptest.NewRecorder()
		sb.ServeHTTP(w, r)
		if w.Code == http.StatusNoContent {
			if w.Body.Len() != 0 {
				t.Fatalf("204 with a body")
			}
			return
		}
		if !json.Valid(w.Body.Bytes()) || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
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
