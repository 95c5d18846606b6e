package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzTFAForms sends random form input to the Entities, Factors and
// Challenges handlers (and JSON to Passkeys): they must never panic, must
// answer JSON, and may only refuse with the codes of their family. A
// verified TOTP factor and a pending challenge exist, so the answering
// paths are reachable; the TOTP secret must never appear in an answer
// other than a factor creation.
func FuzzTFAForms(f *testing.F) {
	const form = "application/x-www-form-urlencoded"
	// Each input gets a fresh sandbox: a shared one grows with every
	// execution (the minimizer runs an input thousands of times) and makes
	// a failure depend on what ran before.
	type fixture struct {
		sb           *Sandbox
		clock        *ManualClock
		va, base     string
		factor, chal string
		secret       string
	}
	serve := func(fx *fixture, method, path, query, body, ctype string) *httptest.ResponseRecorder {
		r := &http.Request{
			Method: method, URL: &url.URL{Path: path, RawQuery: query}, Host: "127.0.0.1:1",
			Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(strings.NewReader(body)),
		}
		r.SetBasicAuth(fx.sb.AccountSID(), fx.sb.AuthToken())
		w := httptest.NewRecorder()
		fx.sb.ServeHTTP(w, r)
		return w
	}
	setup := func(t testing.TB) *fixture {
		fx := &fixture{clock: NewManualClock(t0)}
		var err error
		fx.sb, err = New(Options{AccountSID: "AC" + strings.Repeat("0", 32), AuthToken: "token", Clock: fx.clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		for sid := range fx.sb.st.Services {
			fx.va = sid
		}
		fx.base = "/v2/Services/" + fx.va + "/Entities/" + identity
		var nf struct {
			SID     string      `json:"sid"`
			Binding totpBinding `json:"binding"`
			Config  totpConfig  `json:"config"`
		}
		w := serve(fx, "POST", fx.base+"/Factors", "", "FriendlyName=Phone&FactorType=totp", form)
		if json.Unmarshal(w.Body.Bytes(), &nf) != nil {
			t.Fatal(w.Body.String())
		}
		fx.factor, fx.secret = nf.SID, nf.Binding.Secret
		serve(fx, "POST", fx.base+"/Factors/"+nf.SID, "", "AuthPayload="+pquernaCode(t, nf.Binding.Secret, nf.Config, fx.clock.Now()), form)
		var ch struct {
			SID string `json:"sid"`
		}
		w = serve(fx, "POST", fx.base+"/Challenges", "", "FactorSid="+nf.SID, form)
		if json.Unmarshal(w.Body.Bytes(), &ch) != nil || ch.SID == "" {
			t.Fatal(w.Body.String())
		}
		fx.chal = ch.SID
		return fx
	}
	// Seeds name the fixture's SIDs with placeholders.
	const factorRef, challengeRef = "{YF}", "{YC}"
	targets := []struct{ method, path string }{
		{"POST", "/Entities"},
		{"GET", "/Entities"},
		{"POST", "/Entities/" + identity + "/Factors"},
		{"POST", "/Entities/" + identity + "/Factors/" + factorRef},
		{"GET", "/Entities/" + identity + "/Factors"},
		{"POST", "/Entities/" + identity + "/Challenges"},
		{"POST", "/Entities/" + identity + "/Challenges/" + challengeRef},
		{"GET", "/Entities/" + identity + "/Challenges"},
		{"POST", "/Passkeys/Factors"},
	}
	for _, seed := range []struct {
		op   uint8
		body string
	}{
		{0, "Identity=abcd-efgh-1234"},
		{1, "PageSize=2&Page=1"},
		{2, "FriendlyName=x&FactorType=totp&Config.TimeStep=45&Config.Alg=sha256&Binding.Secret=JBSWY3DPEHPK3PXP"},
		{2, "FriendlyName=x&FactorType=push&Binding.PublicKey=AAAA&Config.AppId=a&Config.SdkVersion=1&Config.NotificationPlatform=none"},
		{3, "AuthPayload=123456&FriendlyName=y&Config.Skew=2"},
		{4, "PageToken=PT1&PageSize=1"},
		{5, "FactorSid={YF}&AuthPayload=000000&Details.Message=hi&Details.Fields=%7B%22label%22%3A%22a%22%2C%22value%22%3A%22b%22%7D"},
		{5, "FactorSid={YF}&ExpirationDate=2026-11-26T12:30:00Z&HiddenDetails=%7B%22ip%22%3A%221%22%7D"},
		{6, "AuthPayload=12345678&Metadata=%7B%7D"},
		{7, "Status=pending&Order=desc&FactorSid={YF}&PageSize=1"},
		{8, `{"friendly_name":"k","identity":"abcd-efgh-1234","config":{"relying_party":{"id":"x.com"}}}`},
	} {
		f.Add(seed.op, seed.body, uint16(0))
	}
	allowed := []int{20004, 20404, 60200, 60300, 60308, 60310, 60311, 60318, 60323, 60324}
	f.Fuzz(func(t *testing.T, op uint8, body string, age uint16) {
		fx := setup(t)
		fx.clock.Advance(time.Duration(age) * time.Second) // reaches expiry (300 s) and stale codes
		tg := targets[int(op)%len(targets)]
		path := strings.NewReplacer(factorRef, fx.factor, challengeRef, fx.chal).Replace("/v2/Services/" + fx.va + tg.path)
		body = strings.NewReplacer(factorRef, fx.factor, challengeRef, fx.chal).Replace(body)
		query, ctype := "", form
		if tg.method == "GET" {
			query, body = body, ""
		}
		if strings.HasSuffix(tg.path, "/Passkeys/Factors") {
			ctype = "application/json"
		}
		w := serve(fx, tg.method, path, query, body, ctype)
		if !json.Valid(w.Body.Bytes()) || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("%s %s %q: %d non-JSON answer %q", tg.method, path, body, w.Code, w.Body.String())
		}
		if w.Code >= 400 {
			var eb errorBody
			if json.Unmarshal(w.Body.Bytes(), &eb) != nil || eb.Status != w.Code || !slices.Contains(allowed, eb.Code) {
				t.Fatalf("%s %s %q: error %q", tg.method, path, body, w.Body.String())
			}
		}
		if path != fx.base+"/Factors" && strings.Contains(w.Body.String(), fx.secret) {
			t.Fatalf("%s %s: the secret leaked: %s", tg.method, path, w.Body.String())
		}
	})
}
