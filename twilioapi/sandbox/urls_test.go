package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// getJSON is an authenticated GET of an absolute URL with plain net/http,
// with extra headers; it decodes the JSON answer into out.
func (e *env) getJSON(u string, hdr map[string]string, host string, out any) int {
	e.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), "GET", u, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.SetBasicAuth(e.sb.AccountSID(), e.sb.AuthToken())
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, out); err != nil {
		e.t.Fatalf("%s: %v in %s", u, err, b)
	}
	return resp.StatusCode
}

// Every page's next_page_url leads back to the sandbox: a client following
// it with plain net/http walks the whole list there.
func TestNextPageURLStaysOnSandbox(t *testing.T) {
	e := newEnv(t, Options{})
	for i := range 6 {
		e.newService("svc"+string(rune('a'+i)), nil)
	}
	type page struct {
		Services []struct{ Sid, URL string }
		Meta     struct {
			URL          string  `json:"url"`
			FirstPageURL string  `json:"first_page_url"`
			NextPageURL  *string `json:"next_page_url"`
			PrevPageURL  *string `json:"previous_page_url"`
		}
	}
	u, seen, pages := e.srv.URL()+"/v2/Services?PageSize=2", 0, 0
	for u != "" {
		var pg page
		if st := e.getJSON(u, nil, "", &pg); st != 200 {
			t.Fatalf("%s: %d", u, st)
		}
		pages++
		seen += len(pg.Services)
		for _, link := range []string{pg.Meta.URL, pg.Meta.FirstPageURL, pg.Services[0].URL} {
			if !strings.HasPrefix(link, e.srv.URL()+"/v2/") {
				t.Fatalf("link off the sandbox: %s", link)
			}
		}
		if pages > 1 && (pg.Meta.PrevPageURL == nil || !strings.HasPrefix(*pg.Meta.PrevPageURL, e.srv.URL())) {
			t.Fatalf("previous_page_url %v", pg.Meta.PrevPageURL)
		}
		u = ""
		if pg.Meta.NextPageURL != nil {
			u = *pg.Meta.NextPageURL
		}
	}
	if seen != 7 || pages != 4 {
		t.Fatalf("%d services on %d pages", seen, pages)
	}
	// twilio-go's own paging follows the same links through its transport.
	all, err := e.v.ListService((&verify.ListServiceParams{}).SetPageSize(2))
	if err != nil || len(all) != 7 {
		t.Fatalf("twilio-go list: %d %v", len(all), err)
	}
}

// Resource URLs follow the host and scheme the request came to; a request
// that addressed Twilio's own hosts keeps Twilio's URLs.
func TestResourceURLsFollowTheRequest(t *testing.T) {
	e := newEnv(t, Options{})
	v := e.start(e.demo, NumberMobile, "sms")
	want := e.srv.URL() + "/v2/Services/" + e.demo + "/Verifications/" + *v.Sid
	if *v.Url != want {
		t.Fatalf("verification url %s", *v.Url)
	}
	var got struct {
		URL   string            `json:"url"`
		Links map[string]string `json:"links"`
	}
	svcURL := e.srv.URL() + "/v2/Services/" + e.demo
	for _, tt := range []struct {
		host, proto, want string
	}{
		{"", "", svcURL},
		{"", "https", strings.Replace(svcURL, "http://", "https://", 1)},
		{"sandbox.test:8443", "https", "https://sandbox.test:8443/v2/Services/" + e.demo},
		{"verify.twilio.com", "", "https://verify.twilio.com/v2/Services/" + e.demo},
		{"verify.twilio.com:443", "https", "https://verify.twilio.com/v2/Services/" + e.demo},
	} {
		hdr := map[string]string{}
		if tt.proto != "" {
			hdr["X-Forwarded-Proto"] = tt.proto
		}
		if st := e.getJSON(svcURL, hdr, tt.host, &got); st != 200 || got.URL != tt.want || got.Links["verifications"] != tt.want+"/Verifications" {
			t.Fatalf("host %q proto %q: %d %s %v", tt.host, tt.proto, st, got.URL, got.Links)
		}
	}
	var lk struct{ URL string }
	e.getJSON(e.srv.URL()+"/v2/PhoneNumbers/+14155550100", nil, "lookups.twilio.com", &lk)
	if lk.URL != "https://lookups.twilio.com/v2/PhoneNumbers/+14155550100" {
		t.Fatalf("lookup url on Twilio's host: %s", lk.URL)
	}
	r, err := e.l.FetchPhoneNumber(NumberMobile, &lookups.FetchPhoneNumberParams{})
	if err != nil || r.Url != e.srv.URL()+"/v2/PhoneNumbers/"+NumberMobile {
		t.Fatalf("lookup url %v %v", r, err)
	}
}

// The Verify resources added besides services and verifications (attempts,
// rate limits, entities) point back at the sandbox too.
func TestOtherResourceURLsStayOnSandbox(t *testing.T) {
	e := newEnv(t, Options{})
	for i := range 3 {
		e.start(e.demo, "+1500555010"+string(rune('0'+i)), "sms")
	}
	var page struct {
		Attempts []struct{ URL string }
		Meta     struct {
			NextPageURL *string `json:"next_page_url"`
		}
	}
	u, n := e.srv.URL()+"/v2/Attempts?PageSize=1", 0
	for u != "" {
		if st := e.getJSON(u, nil, "", &page); st != 200 || len(page.Attempts) != 1 || !strings.HasPrefix(page.Attempts[0].URL, e.srv.URL()+"/v2/Attempts/VL") {
			t.Fatalf("%s: %d %+v", u, st, page)
		}
		n++
		u = ""
		if page.Meta.NextPageURL != nil {
			u = *page.Meta.NextPageURL
		}
	}
	if n != 3 {
		t.Fatalf("%d attempt pages", n)
	}
	var ent struct{ URL string }
	if resp, b := e.raw("POST", "/v2/Services/"+e.demo+"/Entities", "Identity=sandbox-user-1"); resp.StatusCode != 201 || json.Unmarshal(b, &ent) != nil ||
		ent.URL != e.srv.URL()+"/v2/Services/"+e.demo+"/Entities/sandbox-user-1" {
		t.Fatalf("entity: %d %s", resp.StatusCode, b)
	}
}
