package sandbox

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// received is one POST a receiver got, with its signature checked.
type received struct {
	form        url.Values
	body        []byte
	contentType string
	sigOK       bool // by this test's own implementation of Twilio's algorithm
	sdkOK       bool // by twilio-go's client.RequestValidator
}

// receiver is an httptest server that records POSTs and validates
// X-Twilio-Signature with the auth token.
type receiver struct {
	*httptest.Server
	token string
	mu    sync.Mutex
	got   []received
	// answer is the status to answer (200 when 0); gate, when set, holds
	// every answer until it is closed.
	answer int
	gate   chan struct{}
}

func newReceiver(t *testing.T, token string) *receiver {
	rc := &receiver{token: token}
	rc.Server = httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	full := "http://" + r.Host + r.URL.RequestURI()
	sig := r.Header.Get("X-Twilio-Signature")
	got := received{body: body, contentType: r.Header.Get("Content-Type")}
	if strings.HasPrefix(got.contentType, "application/json") {
		got.sigOK = independentJSONCheck(rc.token, full, body, sig)
		v := client.NewRequestValidator(rc.token)
		got.sdkOK = v.ValidateBody(full, body, sig)
	} else {
		got.form, _ = url.ParseQuery(string(body))
		got.sigOK = independentFormCheck(rc.token, full, got.form, sig)
		flat := map[string]string{}
		for k, v := range got.form {
			flat[k] = v[0]
		}
		v := client.NewRequestValidator(rc.token)
		got.sdkOK = v.Validate(full, flat, sig)
	}
	rc.mu.Lock()
	rc.got = append(rc.got, got)
	gate, answer := rc.gate, rc.answer
	rc.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if answer == 0 {
		answer = http.StatusOK
	}
	w.WriteHeader(answer)
}

// received returns what arrived so far.
func (rc *receiver) received() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return slices.Clone(rc.got)
}

// independentFormCheck is Twilio's documented algorithm, written here
// apart from the sandbox's: the URL, then every POST field name followed
// by its value in the order of the sorted names, HMAC-SHA1 with the auth
// token, base64.
func independentFormCheck(token, fullURL string, form url.Values, sig string) bool {
	var names []string
	for n := range form {
		names = append(names, n)
	}
	slices.Sort(names)
	data := fullURL
	for _, n := range names {
		data += n + form.Get(n)
	}
	mac := hmac.New(sha1.New, []byte(token))
	io.WriteString(mac, data)
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(sig))
}

// independentJSONCheck is the JSON variant: bodySHA256 in the query is
// the hex SHA-256 of the body and the signature covers the URL alone.
func independentJSONCheck(token, fullURL string, body []byte, sig string) bool {
	u, err := url.Parse(fullURL)
	if err != nil {
		return false
	}
	sum := sha256.Sum256(body)
	if u.Query().Get("bodySHA256") != hex.EncodeToString(sum[:]) {
		return false
	}
	return independentFormCheck(token, fullURL, nil, sig)
}

func (e *env) webhook(service, rawURL string, events ...string) string {
	e.t.Helper()
	wh, err := e.v.CreateWebhook(service, (&verify.CreateWebhookParams{}).SetFriendlyName("test hook").
		SetEventTypes(events).SetWebhookUrl(rawURL))
	if err != nil {
		e.t.Fatal(err)
	}
	return *wh.Sid
}

// TestWebhookDeliveryTOTPLifecycle: a TOTP enrollment, a challenge and a
// delete reach each subscribed, enabled webhook as signed form POSTs with
// Twilio's parameters; a disabled webhook and other services get nothing.
func TestWebhookDeliveryTOTPLifecycle(t *testing.T) {
	e := newEnv(t, Options{})
	all := newReceiver(t, e.sb.AuthToken())
	challenges := newReceiver(t, e.sb.AuthToken())
	disabled := newReceiver(t, e.sb.AuthToken())
	allSID := e.webhook(e.demo, all.URL+"/hooks/all?x=1", "*")
	e.webhook(e.demo, challenges.URL, "challenge.approved", "challenge.denied")
	off := e.webhook(e.demo, disabled.URL, "*")
	if _, err := e.v.UpdateWebhook(e.demo, off, (&verify.UpdateWebhookParams{}).SetStatus("disabled")); err != nil {
		t.Fatal(err)
	}
	other := e.newService("Other", nil)
	e.webhook(other, disabled.URL, "*")

	sid, secret, cfg := e.verifiedTOTP(e.demo, identity)
	c, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sid).
		SetAuthPayload(e.code(secret, cfg, 0)).SetHiddenDetails(map[string]string{"ip": "10.0.0.1"}))
	if err != nil || *c.Status != "approved" {
		t.Fatalf("challenge: %v %v", err, c)
	}
	if err := e.v.DeleteFactor(e.demo, identity, sid); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return len(all.received()) == 4 })
	waitFor(t, func() bool { return len(challenges.received()) == 1 })
	var types []string
	for _, r := range all.received() {
		if !r.sigOK || !r.sdkOK {
			t.Fatalf("signature did not validate (own %v, twilio-go %v) for %v", r.sigOK, r.sdkOK, r.form)
		}
		if r.contentType != "application/x-www-form-urlencoded" {
			t.Fatalf("content type %q", r.contentType)
		}
		f := r.form
		if f.Get("account_sid") != e.sb.AccountSID() || f.Get("service_sid") != e.demo || f.Get("entity_identity") != identity ||
			f.Get("factor_sid") != sid || f.Get("factor_type") != "totp" || f.Get("factor_friendly_name") != "Phone" || len(f.Get("uuid")) != 36 {
			t.Fatalf("parameters %v", f)
		}
		types = append(types, f.Get("type"))
	}
	// Deliveries run in parallel: the order of arrival is not the order
	// of the events (nor is it at Twilio).
	slices.Sort(types)
	if strings.Join(types, " ") != "challenge.approved factor.created factor.deleted factor.verified" {
		t.Fatalf("event types %v", types)
	}
	ch := challenges.received()[0].form
	if ch.Get("type") != "challenge.approved" || ch.Get("challenge_sid") != *c.Sid || ch.Get("challenge_status") != "approved" ||
		ch.Get("challenge_responded_reason") != "none" || ch.Get("challenge_hidden_details") != `{"ip":"10.0.0.1"}` ||
		ch.Get("challenge_details") != "null" || !challenges.received()[0].sigOK {
		t.Fatalf("challenge parameters %v (sid %s, sig %v %v)", ch, *c.Sid, challenges.received()[0].sigOK, challenges.received()[0].sdkOK)
	}
	time.Sleep(50 * time.Millisecond) // let anything misrouted arrive
	if n := len(disabled.received()); n != 0 {
		t.Fatalf("a disabled webhook or another service's got %d deliveries", n)
	}
	log := e.sb.WebhookDeliveries()
	if len(log) != 5 || log[0].Status != 200 || log[0].Error != "" || log[len(log)-1].Attempt != 1 {
		t.Fatalf("log %+v", log)
	}
	for _, d := range log {
		if d.Target == targetWebhook && d.WebhookSID == allSID && !strings.HasPrefix(d.URL, all.URL) {
			t.Fatalf("log entry %+v", d)
		}
	}
}

// TestWebhookFailuresRetriedAndLogged: a receiver answering 500 is tried
// three times; a 4xx once; one that is down shows its error; all in the
// log, newest first.
func TestWebhookFailuresRetriedAndLogged(t *testing.T) {
	e := newEnv(t, Options{WebhookTimeout: 2 * time.Second})
	failing := newReceiver(t, e.sb.AuthToken())
	failing.answer = 500
	gone := newReceiver(t, e.sb.AuthToken())
	gone.answer = 410
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL + "/h"
	down.Close()
	e.webhook(e.demo, failing.URL+"/h", "factor.created")
	e.webhook(e.demo, gone.URL+"/h", "factor.created")
	e.webhook(e.demo, downURL, "factor.created")
	e.totpFactor(e.demo, identity, nil)
	waitFor(t, func() bool { return len(e.sb.WebhookDeliveries()) == 7 })
	byURL := map[string][]WebhookDelivery{}
	for _, d := range e.sb.WebhookDeliveries() {
		byURL[d.URL] = append(byURL[d.URL], d)
	}
	if f := byURL[failing.URL+"/h"]; len(f) != 3 || f[0].Status != 500 || f[0].Error != "HTTP 500" || f[0].Attempt != 3 {
		t.Fatalf("500s: %+v", f)
	}
	if g := byURL[gone.URL+"/h"]; len(g) != 1 || g[0].Status != 410 {
		t.Fatalf("410: %+v", g)
	}
	if d := byURL[downURL]; len(d) != 3 || d[0].Status != 0 || !strings.Contains(d[0].Error, "refused") {
		t.Fatalf("down: %+v", d)
	}
	// The same log over HTTP, with the other /sandbox/v1 routes' auth.
	m := e.rawJSON("GET", "/sandbox/v1/WebhookDeliveries", "", 200)
	first := m["deliveries"].([]any)[0].(map[string]any)
	if got := keysOf(t, first); got != "attempt date_created duration_ms error event_type status_code target url webhook_sid" {
		t.Fatalf("delivery keys %s", got)
	}
	req, _ := http.NewRequest("GET", e.srv.URL()+"/sandbox/v1/WebhookDeliveries", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 401 {
		t.Fatalf("without credentials: %v %v", resp, err)
	}
	resp.Body.Close()
}

// TestSlowReceiverDoesNotBlockTheAPI: while a receiver holds every
// delivery open, factor calls still answer — the delivery happens on the
// pool, after the answer — and the held deliveries show up in the log
// once they end (here by the delivery timeout).
func TestSlowReceiverDoesNotBlockTheAPI(t *testing.T) {
	e := newEnv(t, Options{WebhookTimeout: 300 * time.Millisecond})
	slow := newReceiver(t, e.sb.AuthToken())
	slow.gate = make(chan struct{})
	defer close(slow.gate)
	e.webhook(e.demo, slow.URL, "*")
	for i := 0; i < 3; i++ {
		e.totpFactor(e.demo, identity, nil) // returns although no delivery has been answered
	}
	waitFor(t, func() bool { return len(slow.received()) >= 1 })
	waitFor(t, func() bool {
		for _, d := range e.sb.WebhookDeliveries() {
			if strings.HasPrefix(d.Error, "timeout") {
				return true
			}
		}
		return false
	})
}

// TestDeliveryLogBounded: the log keeps the newest maxDeliveryLog.
func TestDeliveryLogBounded(t *testing.T) {
	d := newDeliverer(0, time.Now)
	for i := 0; i < 3*maxDeliveryLog; i++ {
		d.record(WebhookDelivery{Attempt: i})
	}
	got := d.deliveries()
	if len(got) != maxDeliveryLog || got[0].Attempt != 3*maxDeliveryLog-1 {
		t.Fatalf("%d kept, newest %d", len(got), got[0].Attempt)
	}
	if len(d.log) > maxDeliveryLog+maxDeliveryLog/4 {
		t.Fatalf("log holds %d", len(d.log))
	}
}

// TestDeliveryQueueBounded: past maxDeliveryQueue waiting jobs, more are
// dropped and logged rather than queued.
func TestDeliveryQueueBounded(t *testing.T) {
	d := newDeliverer(0, time.Now)
	d.running = maxDeliveryWorkers // no worker starts: everything waits
	for i := 0; i < maxDeliveryQueue+3; i++ {
		d.enqueue(deliveryJob{event: "factor.created", url: "http://127.0.0.1:9/"})
	}
	if len(d.queue) != maxDeliveryQueue {
		t.Fatalf("queue %d", len(d.queue))
	}
	if got := d.deliveries(); len(got) != 3 || !strings.Contains(got[0].Error, "queue is full") {
		t.Fatalf("log %+v", got)
	}
}

// sinkEvents decodes the CloudEvents a sink received.
func sinkEvents(t *testing.T, rc *receiver) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range rc.received() {
		if !r.sigOK || !r.sdkOK || r.contentType != "application/json" {
			t.Fatalf("sink delivery: signature own %v twilio-go %v, type %q", r.sigOK, r.sdkOK, r.contentType)
		}
		var arr []map[string]any
		if err := json.Unmarshal(r.body, &arr); err != nil || len(arr) != 1 {
			t.Fatalf("body %s: %v", r.body, err)
		}
		out = append(out, arr[0])
	}
	return out
}

// TestEventSinkVerificationEvents: with --events-url, every status change
// of a verification of a subscribed service reaches the sink as a signed
// CloudEvent; an unsubscribed service sends nothing.
func TestEventSinkVerificationEvents(t *testing.T) {
	sink := newReceiver(t, "sinktoken1")
	e := newEnv(t, Options{AuthToken: "sinktoken1", EventsURL: sink.URL + "/events"})
	svc := e.newService("Events On", func(p *verify.CreateServiceParams) { p.SetVerifyEventSubscriptionEnabled(true) })
	e.start(e.demo, NumberMobile, "sms") // demo: subscription off

	// pending → approved
	e.start(svc, NumberMobile, "sms")
	if _, err := e.check(svc, NumberMobile, wrong(e.lastCode(NumberMobile))); err != nil {
		t.Fatal(err)
	}
	if _, err := e.check(svc, NumberMobile, e.lastCode(NumberMobile)); err != nil {
		t.Fatal(err)
	}
	// pending → canceled
	to2 := "+14155550111"
	v2 := e.start(svc, to2, "sms")
	if _, err := e.v.UpdateVerification(svc, *v2.Sid, (&verify.UpdateVerificationParams{}).SetStatus("canceled")); err != nil {
		t.Fatal(err)
	}
	// pending → expired (noticed on the next fetch)
	to3 := "+14155550112"
	v3 := e.start(svc, to3, "sms")
	e.clock.Advance(CodeLifetime + time.Second)
	_, err := e.v.FetchVerification(svc, *v3.Sid)
	wantErr(t, err, 404, 20404)
	// pending → max attempts
	to4 := "+14155550113"
	e.start(svc, to4, "sms")
	for i := 0; i <= MaxChecks; i++ {
		_, _ = e.check(svc, to4, "0000")
	}
	waitFor(t, func() bool { return len(sink.received()) == 8 })
	evs := sinkEvents(t, sink)
	var types []string
	byType := map[string]map[string]any{}
	for _, ev := range evs {
		typ := strings.TrimPrefix(ev["type"].(string), verificationEventPrefix)
		types = append(types, typ)
		byType[typ] = ev
		if ev["specversion"] != "1.0" || ev["datacontenttype"] != "application/json" || ev["dataschema"] != verifyEventSchema {
			t.Fatalf("envelope %v", ev)
		}
		if d := ev["data"].(map[string]any); d["service_sid"] != svc || d["account_sid"] != e.sb.AccountSID() {
			t.Fatalf("data %v", d)
		}
	}
	slices.Sort(types)
	if got := strings.Join(types, " "); got != "approved canceled expired max-attempts-reached pending pending pending pending" {
		t.Fatalf("event types %s", got)
	}
	approved := byType["approved"]["data"].(map[string]any)
	if approved["verification_status"] != "APPROVED" || approved["to"] != NumberMobile || approved["country"] != "US" ||
		approved["verified_at"] == nil || approved["code_length"] != 6.0 {
		t.Fatalf("approved data %v", approved)
	}
	checks := approved["check_attempts"].(map[string]any)
	if checks["count"] != 2.0 || checks["attempts"].([]any)[1].(map[string]any)["status"] != "SUCCESS" {
		t.Fatalf("check_attempts %v", checks)
	}
	sends := approved["send_code_attempts"].(map[string]any)
	if sends["count"] != 1.0 || sends["attempts"].([]any)[0].(map[string]any)["channel"] != "SMS" {
		t.Fatalf("send_code_attempts %v", sends)
	}
	for _, d := range e.sb.WebhookDeliveries() {
		if d.Target != targetEventSink || d.WebhookSID != "" || !strings.Contains(d.URL, "bodySHA256=") {
			t.Fatalf("log entry %+v", d)
		}
	}
}

// TestEventSinksRoute: sinks are added (JSON or form), listed and
// removed over /sandbox/v1/EventSinks, with URL rules like webhooks'.
func TestEventSinksRoute(t *testing.T) {
	e := newEnv(t, Options{})
	m := e.rawJSON("POST", "/sandbox/v1/EventSinks", "Url="+url.QueryEscape("http://127.0.0.1:9/e"), 201)
	sid, _ := m["sid"].(string)
	if !validSID(sid, "DG") || m["url"] != "http://127.0.0.1:9/e" {
		t.Fatalf("created %v", m)
	}
	e.rawJSON("POST", "/sandbox/v1/EventSinks", "Url="+url.QueryEscape("http://example.com/e"), 400)
	e.rawJSON("POST", "/sandbox/v1/EventSinks", "", 400)
	if l := e.rawJSON("GET", "/sandbox/v1/EventSinks", "", 200)["sinks"].([]any); len(l) != 1 {
		t.Fatalf("sinks %v", l)
	}
	if resp, _ := e.raw("DELETE", "/sandbox/v1/EventSinks/"+sid, ""); resp.StatusCode != 204 {
		t.Fatalf("delete %d", resp.StatusCode)
	}
	e.rawJSON("DELETE", "/sandbox/v1/EventSinks/"+sid, "", 404)
	if _, err := New(Options{EventsURL: "http://example.com/x"}); err == nil {
		t.Fatal("New accepted an http events URL to a remote host")
	}
	if err := ValidateEventsURL("https://events.example.com/verify"); err != nil {
		t.Fatal(err)
	}
}
