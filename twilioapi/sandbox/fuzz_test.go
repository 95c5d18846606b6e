package sandbox

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
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
		{"GET", "/sandbox/v1/Clock", "", true},
		{"POST", "/sandbox/v1/Clock", `{"advance_seconds":601}`, true},
		{"POST", "/sandbox/v1/Clock", `{"now":"2027-01-01T00:00:00Z"}`, true},
		{"POST", "/sandbox/v1/Clock", `{"now":"2020-01-01T00:00:00+02:00"}`, true},
		{"POST", "/sandbox/v1/Clock", `{"advance_seconds":-5}`, true},
		{"GET", "/v2/PhoneNumbers/+14155550106?Fields=" + allPackages + "&FirstName=John&LastVerifiedDate=20250101", "", true},
		{"GET", "/v2/Services?Page=9223372036854775807", "", true},
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

// FuzzClockBody posts random bodies to /sandbox/v1/Clock: every answer is
// JSON (the time, or a Twilio error), and the clock never moves backwards.
func FuzzClockBody(f *testing.F) {
	for _, seed := range []string{
		`{"advance_seconds":60}`, `{"now":"2027-01-01T00:00:00Z"}`, `{"now":"2026-11-26T12:00:00.999+01:00"}`,
		`{"advance_seconds":-1}`, `{"advance_seconds":3153600000}`, `{"advance_seconds":1e3}`, `{}`, `[]`, `null`,
		`{"now":null}`, `{"advance_seconds":1,"advance_seconds":2}`, `{"now":"9999-12-31T23:59:59Z"}`, "",
	} {
		f.Add(seed)
	}
	sb, err := New(Options{AccountSID: "AC" + strings.Repeat("0", 32), AuthToken: "token", Clock: NewManualClock(t0).Now, ManualClock: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		before := sb.Now()
		r := httptest.NewRequest("POST", "http://127.0.0.1:1/sandbox/v1/Clock", strings.NewReader(body))
		r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
		w := httptest.NewRecorder()
		sb.ServeHTTP(w, r)
		after := sb.Now()
		if after.Before(before) {
			t.Fatalf("%q moved the clock back from %v to %v", body, before, after)
		}
		var out struct {
			Now  string `json:"now"`
			Code int    `json:"code"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("%q: non-JSON answer %q", body, w.Body)
		}
		switch w.Code {
		case http.StatusOK:
			if out.Now != rfc3339(after) {
				t.Fatalf("%q: answered %s, clock reads %v", body, out.Now, after)
			}
		case http.StatusBadRequest:
			if out.Code != 60200 || !after.Equal(before) {
				t.Fatalf("%q: refused (%d) but the clock moved", body, out.Code)
			}
		default:
			t.Fatalf("%q: status %d", body, w.Code)
		}
	})
}

// FuzzJSONForPlainError: whatever net/http (or anything) writes, the
// rewrite either leaves it alone or makes a complete HTTP answer whose body
// is Twilio's error JSON for the same status.
func FuzzJSONForPlainError(f *testing.F) {
	for _, seed := range []string{
		"HTTP/1.1 400 Bad Request" + plainErrorHeaders + "400 Bad Request",
		"HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version" + plainErrorHeaders + "505 …",
		"HTTP/1.1 417 Expectation Failed\r\nConnection: close\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}", "HTTP/1.1 999 x" + plainErrorHeaders,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		out, ok := jsonForPlainError([]byte(p))
		if !ok {
			return
		}
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(out)), nil)
		if err != nil {
			t.Fatalf("%q became an unreadable answer %q: %v", p, out, err)
		}
		defer resp.Body.Close()
		var eb errorBody
		if err := json.NewDecoder(resp.Body).Decode(&eb); err != nil || eb.Status != resp.StatusCode || eb.Code != 20000+resp.StatusCode || p[9:12] != strconv.Itoa(resp.StatusCode) {
			t.Fatalf("%q became %q", p, out)
		}
	})
}
