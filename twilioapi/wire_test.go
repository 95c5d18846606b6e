package twilioapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// These tests check what twilio-go, driven by this client, puts on the wire
// (paths, dotted form keys, JSON-valued fields, auth, host rewrite) against
// a recording HTTP server on loopback. The sandbox tests cover behaviour.

const (
	wireAC     = "AC0123456789abcdef0123456789abcdef"
	wireSK     = "SK0123456789abcdef0123456789abcdef"
	wireVA     = "VA0123456789abcdef0123456789abcdef"
	wireVE     = "VE0123456789abcdef0123456789abcdef"
	wireToken  = "tok3n"
	wireSecret = "keysecret"
)

type recorded struct {
	Method, Path, RawQuery, Host string
	Form                         url.Values
	User, Pass                   string
	Header                       http.Header
}

type recorder struct {
	mu   sync.Mutex
	reqs []recorded
}

func (r *recorder) last(t *testing.T) recorded {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) == 0 {
		t.Fatal("no request recorded")
	}
	return r.reqs[len(r.reqs)-1]
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	form, _ := url.ParseQuery(string(body))
	user, pass, _ := req.BasicAuth()
	r.mu.Lock()
	r.reqs = append(r.reqs, recorded{req.Method, req.URL.Path, req.URL.RawQuery, req.Host, form, user, pass, req.Header.Clone()})
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	p := req.URL.Path
	switch {
	case req.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	case p == "/v2/Services" && req.Method == http.MethodGet:
		next := "null"
		if req.URL.Query().Get("Page") == "" {
			next = `"https://verify.twilio.com/v2/Services?PageSize=1&Page=1&PageToken=PAnext"`
		}
		io.WriteString(w, `{"services":[{"sid":"`+wireVA+`","friendly_name":"One"}],"meta":{"key":"services","next_page_url":`+next+`}}`)
	case strings.HasPrefix(p, "/v2/Services") && strings.Contains(p, "/Verifications"):
		if req.Method == http.MethodPost && !strings.HasSuffix(p, "/Verifications") {
			io.WriteString(w, `{"sid":"`+wireVE+`","status":"canceled"}`)
			return
		}
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"sid":"`+wireVE+`","status":"pending","channel":"sms","to":"+14155550100"}`)
	case strings.HasSuffix(p, "/VerificationCheck"):
		io.WriteString(w, `{"sid":"`+wireVE+`","status":"approved","valid":true}`)
	case strings.HasPrefix(p, "/v2/Services"):
		if req.Method == http.MethodPost && p == "/v2/Services" {
			w.WriteHeader(http.StatusCreated)
		}
		io.WriteString(w, `{"sid":"`+wireVA+`","friendly_name":"Acme","totp":{"time_step":30}}`)
	case strings.HasPrefix(p, "/v2/PhoneNumbers/"):
		io.WriteString(w, `{"phone_number":"+14155550100","valid":true,"line_type_intelligence":{"type":"mobile"}}`)
	case p == "/sandbox/v1/Messages":
		io.WriteString(w, `{"messages":[{"sid":"SM1","to":"+14155550100","channel":"sms","body":"Your code is 123456","code":"123456","verification_sid":"`+wireVE+`","date_created":"2026-11-26T12:00:00Z"}]}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"code":20404,"message":"not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}`)
	}
}

func newWire(t *testing.T, cfg Config) (*Client, *recorder, *httptest.Server) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	if cfg.AccountSID == "" {
		cfg.AccountSID = wireAC
	}
	if cfg.AuthToken == "" && cfg.APIKeySID == "" {
		cfg.AuthToken = wireToken
	}
	cfg.BaseURL = srv.URL
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c, rec, srv
}

func TestWireServiceSettings(t *testing.T) {
	c, rec, srv := newWire(t, Config{})
	ctx := context.Background()
	s := ServiceSettings{
		FriendlyName: ptrTo("Acme"), CodeLength: ptrTo(8), LookupEnabled: ptrTo(true), SkipSMSToLandlines: ptrTo(true),
		DTMFInputRequired: ptrTo(false), TTSName: ptrTo("alice"), PSD2Enabled: ptrTo(true), DoNotShareWarningEnabled: ptrTo(true),
		CustomCodeEnabled: ptrTo(true), DefaultTemplateSID: ptrTo("HJ0123456789abcdef0123456789abcdef"),
		VerifyEventSubscriptionEnabled: ptrTo(true), PushIncludeDate: ptrTo(false),
		PushAPNCredentialSID: ptrTo("CR0123456789abcdef0123456789abcdef"), PushFCMCredentialSID: ptrTo("CRfedcba9876543210fedcba9876543210"),
		TOTPIssuer: ptrTo("Acme Inc"), TOTPTimeStep: ptrTo(45), TOTPCodeLength: ptrTo(7), TOTPSkew: ptrTo(2),
		WhatsAppMsgServiceSID: ptrTo("MG0123456789abcdef0123456789abcdef"), WhatsAppFrom: ptrTo("whatsapp:+14155550100"),
	}
	want := url.Values{
		"FriendlyName": {"Acme"}, "CodeLength": {"8"}, "LookupEnabled": {"true"}, "SkipSmsToLandlines": {"true"},
		"DtmfInputRequired": {"false"}, "TtsName": {"alice"}, "Psd2Enabled": {"true"}, "DoNotShareWarningEnabled": {"true"},
		"CustomCodeEnabled": {"true"}, "DefaultTemplateSid": {"HJ0123456789abcdef0123456789abcdef"},
		"VerifyEventSubscriptionEnabled": {"true"}, "Push.IncludeDate": {"false"},
		"Push.ApnCredentialSid": {"CR0123456789abcdef0123456789abcdef"}, "Push.FcmCredentialSid": {"CRfedcba9876543210fedcba9876543210"},
		"Totp.Issuer": {"Acme Inc"}, "Totp.TimeStep": {"45"}, "Totp.CodeLength": {"7"}, "Totp.Skew": {"2"},
		"Whatsapp.MsgServiceSid": {"MG0123456789abcdef0123456789abcdef"}, "Whatsapp.From": {"whatsapp:+14155550100"},
	}
	svc, err := c.CreateService(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	r := rec.last(t)
	if r.Method != "POST" || r.Path != "/v2/Services" || r.Form.Encode() != want.Encode() {
		t.Fatalf("create sent %s %s %v", r.Method, r.Path, r.Form)
	}
	if svc.SID != wireVA || svc.TOTP.TimeStep != 30 {
		t.Fatalf("create returned %+v", svc)
	}
	if r.User != wireAC || r.Pass != wireToken {
		t.Fatalf("auth %q", r.User)
	}
	u := url.URL{Scheme: "http", Host: r.Host}
	if "http://"+r.Host != srv.URL || u.Host == "verify.twilio.com" {
		t.Fatalf("host not rewritten: %q", r.Host)
	}

	if _, err := c.UpdateService(ctx, wireVA, s); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Path != "/v2/Services/"+wireVA || r.Form.Encode() != want.Encode() {
		t.Fatalf("update sent %s %v", r.Path, r.Form)
	}
	if _, err := c.UpdateService(ctx, wireVA, ServiceSettings{CodeLength: ptrTo(4)}); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Form.Encode() != "CodeLength=4" {
		t.Fatalf("partial update sent %v", r.Form)
	}
	if _, err := c.FetchService(ctx, wireVA); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Method != "GET" || r.Path != "/v2/Services/"+wireVA {
		t.Fatalf("fetch sent %s %s", r.Method, r.Path)
	}
	if err := c.DeleteService(ctx, wireVA); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Method != "DELETE" || r.Path != "/v2/Services/"+wireVA {
		t.Fatalf("delete sent %s %s", r.Method, r.Path)
	}
}

func TestWirePaging(t *testing.T) {
	c, rec, _ := newWire(t, Config{})
	ctx := context.Background()
	p1, err := c.ListServicesPage(ctx, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.RawQuery != "PageSize=1" {
		t.Fatalf("first page query %q", r.RawQuery)
	}
	if len(p1.Services) != 1 || p1.NextPageToken == "" {
		t.Fatalf("page 1: %+v", p1)
	}
	p2, err := c.ListServicesPage(ctx, 1, p1.NextPageToken)
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := url.ParseQuery(rec.last(t).RawQuery); q.Get("Page") != "1" || q.Get("PageToken") != "PAnext" || q.Get("PageSize") != "1" {
		t.Fatalf("second page query %v", q)
	}
	if p2.NextPageToken != "" {
		t.Fatalf("last page has a token %q", p2.NextPageToken)
	}
}

func TestWireVerifications(t *testing.T) {
	c, rec, _ := newWire(t, Config{APIKeySID: wireSK, APIKeySecret: wireSecret})
	ctx := context.Background()
	p := StartParams{
		ServiceSID: wireVA, To: "+1 415 555 0100", Channel: ChannelSMS, CustomFriendlyName: "Acme", CustomMessage: "m",
		SendDigits: "ww1", Locale: "pt-BR", CustomCode: "867530", Amount: "€10", Payee: "Acme Bank",
		RateLimits:           map[string]any{"end_user_ip": "1.2.3.4"},
		ChannelConfiguration: map[string]any{"from": "noreply@example.com", "substitutions": map[string]any{"n": 1}},
		AppHash:              "He42w354ol9", TemplateSID: "HJ0123456789abcdef0123456789abcdef", DeviceIP: "1.2.3.4",
		EnableSNAClientToken: true, RiskCheck: "disable", Tags: map[string]string{"env": "test"},
	}
	v, err := c.StartVerification(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if v.SID != wireVE || v.Status != StatusPending {
		t.Fatalf("start returned %+v", v)
	}
	r := rec.last(t)
	want := map[string]string{
		"To": "+14155550100", "Channel": "sms", "CustomFriendlyName": "Acme", "CustomMessage": "m", "SendDigits": "ww1",
		"Locale": "pt-BR", "CustomCode": "867530", "Amount": "€10", "Payee": "Acme Bank",
		"RateLimits": `{"end_user_ip":"1.2.3.4"}`, "ChannelConfiguration": `{"from":"noreply@example.com","substitutions":{"n":1}}`,
		"AppHash": "He42w354ol9", "TemplateSid": "HJ0123456789abcdef0123456789abcdef", "DeviceIp": "1.2.3.4",
		"EnableSnaClientToken": "true", "RiskCheck": "disable", "Tags": `{"env":"test"}`,
	}
	if len(r.Form) != len(want) {
		t.Fatalf("start sent %d fields: %v", len(r.Form), r.Form)
	}
	for k, v := range want {
		if r.Form.Get(k) != v {
			t.Errorf("start %s = %q, want %q", k, r.Form.Get(k), v)
		}
	}
	if r.Path != "/v2/Services/"+wireVA+"/Verifications" || r.User != wireSK || r.Pass != wireSecret {
		t.Fatalf("start path %s auth %s", r.Path, r.User)
	}

	if _, err := c.StartVerification(ctx, StartParams{ServiceSID: wireVA, To: "+14155550100", Channel: ChannelCall}); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Form.Encode() != "Channel=call&To=%2B14155550100" {
		t.Fatalf("minimal start sent %v", r.Form.Encode())
	}

	if _, err := c.FetchVerification(ctx, wireVA, wireVE); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Method != "GET" || r.Path != "/v2/Services/"+wireVA+"/Verifications/"+wireVE {
		t.Fatalf("fetch %s %s", r.Method, r.Path)
	}
	for _, ref := range []string{wireVE, "+1 415 555 0100"} {
		if _, err := c.UpdateVerificationStatus(ctx, wireVA, ref, StatusCanceled); err != nil {
			t.Fatal(err)
		}
		r := rec.last(t)
		wantRef := wireVE
		if ref != wireVE {
			wantRef = "+14155550100"
		}
		if r.Path != "/v2/Services/"+wireVA+"/Verifications/"+wantRef || r.Form.Encode() != "Status=canceled" {
			t.Fatalf("update %s %v", r.Path, r.Form)
		}
	}
	if _, err := c.UpdateVerificationStatus(ctx, wireVA, wireVE, StatusExpired); err == nil {
		t.Fatal("status expired accepted")
	}

	res, err := c.CheckVerification(ctx, CheckParams{ServiceSID: wireVA, To: "+14155550100", Code: "123456", Amount: "€10", Payee: "Acme Bank", SNAClientToken: "tok"})
	if err != nil || !res.Valid {
		t.Fatalf("check: %+v %v", res, err)
	}
	wantCheck := url.Values{"To": {"+14155550100"}, "Code": {"123456"}, "Amount": {"€10"}, "Payee": {"Acme Bank"}, "SnaClientToken": {"tok"}}
	if r := rec.last(t); r.Path != "/v2/Services/"+wireVA+"/VerificationCheck" || r.Form.Encode() != wantCheck.Encode() {
		t.Fatalf("check sent %s %v", r.Path, r.Form)
	}
	if _, err := c.CheckVerification(ctx, CheckParams{ServiceSID: wireVA, VerificationSID: wireVE, Code: "123456"}); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Form.Encode() != "Code=123456&VerificationSid="+wireVE {
		t.Fatalf("check by sid sent %v", r.Form.Encode())
	}
}

func TestWireLookupAndOutbox(t *testing.T) {
	c, rec, _ := newWire(t, Config{})
	ctx := context.Background()
	info, err := c.LookupPhone(ctx, "+1 (415) 555-0100")
	if err != nil || info.LineType.Type != "mobile" {
		t.Fatalf("lookup: %+v %v", info, err)
	}
	if r := rec.last(t); r.Path != "/v2/PhoneNumbers/+14155550100" || r.RawQuery != "Fields=line_type_intelligence%2Csms_pumping_risk" {
		t.Fatalf("lookup sent %s?%s", r.Path, r.RawQuery)
	}
	msgs, err := c.Outbox(ctx, "+1 415 555 0100")
	if err != nil || len(msgs) != 1 || msgs[0].Code != "123456" || msgs[0].Channel != ChannelSMS || msgs[0].DateCreated.IsZero() {
		t.Fatalf("outbox: %+v %v", msgs, err)
	}
	r := rec.last(t)
	if r.Path != "/sandbox/v1/Messages" || r.RawQuery != "To=%2B14155550100" || r.User != wireAC || r.Pass != wireToken {
		t.Fatalf("outbox sent %s?%s as %s", r.Path, r.RawQuery, r.User)
	}
	if _, err := c.Outbox(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.RawQuery != "" {
		t.Fatalf("outbox for all sent %q", r.RawQuery)
	}

	twilio, err := New(Config{AccountSID: wireAC, AuthToken: wireToken})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := twilio.Outbox(ctx, ""); err == nil || err.(*Error).Kind != KindInvalidInput {
		t.Fatalf("outbox without a sandbox: %v", err)
	}
}

// TestValidationBeforeCall proves invalid input never reaches the network.
func TestValidationBeforeCall(t *testing.T) {
	c, rec, _ := newWire(t, Config{})
	ctx := context.Background()
	calls := []func() error{
		func() error { _, err := c.ListServicesPage(ctx, 0, ""); return err },
		func() error { _, err := c.ListServicesPage(ctx, 10, "garbage"); return err },
		func() error { _, err := c.FetchService(ctx, "VA1"); return err },
		func() error { _, err := c.CreateService(ctx, ServiceSettings{}); return err },
		func() error {
			_, err := c.UpdateService(ctx, wireVA, ServiceSettings{CodeLength: ptrTo(3)})
			return err
		},
		func() error { return c.DeleteService(ctx, "../x") },
		func() error {
			_, err := c.StartVerification(ctx, StartParams{ServiceSID: wireVA, To: "garbage", Channel: ChannelSMS})
			return err
		},
		func() error { _, err := c.FetchVerification(ctx, wireVA, "VE1"); return err },
		func() error {
			_, err := c.UpdateVerificationStatus(ctx, wireVA, "a/b@example.com", StatusCanceled)
			return err
		},
		func() error {
			_, err := c.CheckVerification(ctx, CheckParams{ServiceSID: wireVA, To: "+14155550100", Code: "1"})
			return err
		},
		func() error { _, err := c.LookupPhone(ctx, "hello"); return err },
		func() error { _, err := c.Outbox(ctx, "nobody"); return err },
	}
	for i, f := range calls {
		err := f()
		e, ok := err.(*Error)
		if !ok || e.Kind != KindInvalidInput {
			t.Errorf("call %d: %v, want an invalid-input *Error", i, err)
		}
	}
	if n := rec.count(); n != 0 {
		t.Fatalf("%d requests reached the server", n)
	}
}

// TestEdgeRegion checks edge/region reach twilio-go's request handler for
// Twilio, and never for a sandbox.
func TestEdgeRegion(t *testing.T) {
	var hosts []string
	var mu sync.Mutex
	capture := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		hosts = append(hosts, r.URL.Host)
		mu.Unlock()
		return &http.Response{StatusCode: 200, Header: http.Header{}, ContentLength: -1, Body: io.NopCloser(strings.NewReader(`{"sid":"` + wireVA + `"}`)), Request: r}, nil
	})
	c, err := New(Config{AccountSID: wireAC, AuthToken: wireToken, Edge: "sydney", Region: "au1"})
	if err != nil {
		t.Fatal(err)
	}
	c.rt = &rewriteTransport{base: c.base, next: capture}
	if _, err := c.FetchService(context.Background(), wireVA); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{AccountSID: wireAC, AuthToken: wireToken, Edge: "sydney", BaseURL: "http://127.0.0.1:9"})
	if err != nil {
		t.Fatal(err)
	}
	s.rt = &rewriteTransport{base: s.base, next: capture}
	if _, err := s.LookupPhone(context.Background(), "+14155550100"); err != nil {
		t.Fatal(err)
	}
	if len(hosts) != 2 || hosts[0] != "verify.sydney.au1.twilio.com" || hosts[1] != "127.0.0.1:9" {
		t.Fatalf("hosts = %v", hosts)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func ptrTo[T any](v T) *T { return &v }
