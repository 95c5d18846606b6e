package sandbox

import (
	"crypto/tls"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
)

// TestInterceptRoutesByHost: through the proxy, each Twilio host answers
// only its own API, as Twilio's do: Lookup's PhoneNumbers on
// lookups.twilio.com, Verify's routes on verify.twilio.com. A Verify path
// sent to the Lookup host (or the reverse) is Twilio's 404 (20404), so an
// app with a wrong base URL fails against the sandbox as it would live.
func TestInterceptRoutesByHost(t *testing.T) {
	e := newInterceptEnv(t)
	proxy, _ := url.Parse(e.srv.URL())
	tr := &http.Transport{Proxy: http.ProxyURL(proxy), TLSClientConfig: &tls.Config{RootCAs: e.ca.Pool()}}
	t.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Transport: tr}
	get := func(u string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.SetBasicAuth(e.sb.AccountSID(), e.sb.AuthToken())
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		return resp.StatusCode, m
	}
	number := url.PathEscape(NumberMobile)
	for _, tc := range []struct {
		url  string
		want int
	}{
		{"https://verify.twilio.com/v2/Services", http.StatusOK},
		{"https://lookups.twilio.com/v2/PhoneNumbers/" + number, http.StatusOK},
		{"https://lookups.twilio.com/v2/Services", http.StatusNotFound},
		{"https://lookups.twilio.com/v2/Services/" + e.demo + "/Webhooks", http.StatusNotFound},
		{"https://lookups.twilio.com/v2/Attempts", http.StatusNotFound},
		{"https://verify.twilio.com/v2/PhoneNumbers/" + number, http.StatusNotFound},
	} {
		status, m := get(tc.url)
		if status != tc.want {
			t.Errorf("%s: %d %v, want %d", tc.url, status, m, tc.want)
			continue
		}
		if tc.want == http.StatusNotFound && (m["code"] != float64(20404) || m["status"] != float64(404)) {
			t.Errorf("%s: %v, want Twilio's 20404", tc.url, m)
		}
	}
}
