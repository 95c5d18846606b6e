package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Outgoing deliveries: webhook events and Event Streams events are POSTed
// by a small pool of goroutines started on demand, never by the request
// that caused them, so a slow or dead receiver cannot slow the API down.
// Each POST has a short timeout and is retried a bounded number of times;
// every attempt is recorded in a bounded log (GET
// /sandbox/v1/WebhookDeliveries).
const (
	maxDeliveryWorkers    = 4
	maxDeliveryQueue      = 256
	maxDeliveryLog        = 500
	deliveryRetries       = 2 // after the first attempt (Twilio's policy is unverified)
	defaultWebhookTimeout = 5 * time.Second
	deliveryBackoff       = 250 * time.Millisecond // before retry n: n × this
	maxReceiverBody       = 1 << 16                // what is read (and dropped) of an answer
)

// Delivery targets.
const (
	targetWebhook   = "webhook"
	targetEventSink = "event_sink"
)

// WebhookDelivery is one attempt to deliver an event to a webhook or an
// event sink.
type WebhookDelivery struct {
	Time       time.Time     // when the attempt started (the sandbox's clock)
	Target     string        // "webhook" or "event_sink"
	WebhookSID string        // the webhook's YW SID; "" for an event sink
	Event      string        // e.g. factor.verified, com.twilio.accountsecurity.verify.verification.approved
	URL        string        // where it was POSTed
	Attempt    int           // 1 for the first try
	Status     int           // the receiver's HTTP status; 0 when none came
	Duration   time.Duration // until the answer (or the failure)
	Error      string        // why it failed; "" on a 2xx
}

// deliveryJob is one event for one receiver, ready to send: the body and
// its signature are computed when it is queued.
type deliveryJob struct {
	target, webhookSID, event string
	url                       string // as POSTed (with bodySHA256 for JSON)
	contentType               string
	body                      []byte
	signature                 string
}

// deliverer is the pool, its queue and the log; it has its own lock, so
// queueing under s.mu never waits on the network.
type deliverer struct {
	client *http.Client
	now    func() time.Time

	mu      sync.Mutex
	queue   []deliveryJob
	running int
	log     []WebhookDelivery // oldest first, at most maxDeliveryLog (trimOldest)
}

func newDeliverer(timeout time.Duration, now func() time.Time) *deliverer {
	if timeout <= 0 {
		timeout = defaultWebhookTimeout
	}
	return &deliverer{
		now: now,
		client: &http.Client{
			Timeout: timeout,
			// No proxy from the environment (receivers are local), and
			// redirects are not followed: the receiver's answer is the
			// result.
			Transport:     &http.Transport{Proxy: nil, MaxIdleConnsPerHost: maxDeliveryWorkers, IdleConnTimeout: 30 * time.Second},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// enqueue queues j and starts a worker when fewer than the maximum run.
// It never blocks on I/O; a full queue drops j (and logs the drop).
func (d *deliverer) enqueue(j deliveryJob) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.queue) >= maxDeliveryQueue {
		d.record(WebhookDelivery{Time: d.now().UTC(), Target: j.target, WebhookSID: j.webhookSID, Event: j.event,
			URL: j.url, Attempt: 1, Error: "dropped: the delivery queue is full"})
		return
	}
	d.queue = append(d.queue, j)
	if d.running < maxDeliveryWorkers {
		d.running++
		go d.work()
	}
}

// work delivers queued jobs until the queue is empty, then ends: no
// goroutine outlives the work.
func (d *deliverer) work() {
	for {
		d.mu.Lock()
		if len(d.queue) == 0 {
			d.running--
			d.mu.Unlock()
			return
		}
		j := d.queue[0]
		d.queue[0] = deliveryJob{}
		d.queue = d.queue[1:]
		d.mu.Unlock()
		d.deliver(j)
	}
}

// deliver POSTs j, retrying a failure (no answer, 429 or 5xx) up to
// deliveryRetries times, and logs every attempt.
func (d *deliverer) deliver(j deliveryJob) {
	for attempt := 1; attempt <= 1+deliveryRetries; attempt++ {
		if attempt > 1 {
			time.Sleep(time.Duration(attempt-1) * deliveryBackoff)
		}
		rec := d.post(j)
		rec.Attempt = attempt
		d.mu.Lock()
		d.record(rec)
		d.mu.Unlock()
		if rec.Error == "" || (rec.Status >= 400 && rec.Status < 500 && rec.Status != http.StatusTooManyRequests) {
			return // delivered, or refused for good
		}
	}
}

// post makes one attempt.
func (d *deliverer) post(j deliveryJob) WebhookDelivery {
	rec := WebhookDelivery{Time: d.now().UTC(), Target: j.target, WebhookSID: j.webhookSID, Event: j.event, URL: j.url}
	start := time.Now()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, j.url, bytes.NewReader(j.body))
	if err != nil {
		rec.Error = err.Error()
		return rec
	}
	req.Header.Set("Content-Type", j.contentType)
	req.Header.Set("X-Twilio-Signature", j.signature)
	req.Header.Set("User-Agent", "TwilioProxy/1.1") // what Twilio's webhooks send (unverified for Verify)
	resp, err := d.client.Do(req)
	rec.Duration = time.Since(start)
	if err != nil {
		rec.Error = deliveryError(err)
		return rec
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxReceiverBody))
	_ = resp.Body.Close()
	rec.Duration = time.Since(start)
	rec.Status = resp.StatusCode
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		rec.Error = "HTTP " + strconv.Itoa(resp.StatusCode)
	}
	return rec
}

// deliveryError says briefly why no answer came.
func deliveryError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "timeout: no answer in time"
		}
		err = ue.Err
	}
	return err.Error()
}

// record appends to the log; the caller holds d.mu.
func (d *deliverer) record(rec WebhookDelivery) {
	d.log = append(d.log, rec)
	d.log = trimOldest(d.log, maxDeliveryLog)
}

// deliveries returns the log, newest first, at most maxDeliveryLog.
func (d *deliverer) deliveries() []WebhookDelivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := min(len(d.log), maxDeliveryLog)
	out := make([]WebhookDelivery, 0, n)
	for i := len(d.log) - 1; i >= len(d.log)-n; i-- {
		out = append(out, d.log[i])
	}
	return out
}

// WebhookDeliveries returns the newest deliveries (webhooks and event
// sinks, every attempt), newest first; at most 500 are kept.
func (s *Sandbox) WebhookDeliveries() []WebhookDelivery { return s.delivery.deliveries() }

// formJob is a webhook delivery of params, signed as Twilio signs form
// POSTs: over the URL followed by each parameter's name and value, names
// sorted.
func (s *Sandbox) formJob(target, webhookSID, event, rawURL string, params url.Values) deliveryJob {
	rawURL = withPath(rawURL)
	return deliveryJob{
		target: target, webhookSID: webhookSID, event: event, url: rawURL,
		contentType: "application/x-www-form-urlencoded", body: []byte(params.Encode()),
		signature: signForm(s.authToken, rawURL, params),
	}
}

// jsonJob is a JSON delivery, signed as Twilio signs JSON bodies: the
// body's hex SHA-256 is added to the URL's query as bodySHA256, and the
// signature covers that URL alone.
func (s *Sandbox) jsonJob(target, event, rawURL string, body []byte) deliveryJob {
	rawURL = withPath(rawURL)
	sum := sha256.Sum256(body)
	sep := "?"
	if strings.Contains(rawURL, "?") {
		sep = "&"
	}
	u := rawURL + sep + "bodySHA256=" + hex.EncodeToString(sum[:])
	return deliveryJob{
		target: target, event: event, url: u, contentType: "application/json", body: body,
		signature: signForm(s.authToken, u, nil),
	}
}

// withPath gives a URL without a path the path "/": that is what the
// request line carries, so what the receiver reconstructs and validates.
func withPath(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Path != "" || u.RawPath != "" {
		return rawURL
	}
	u.Path = "/"
	return u.String()
}

// signForm is Twilio's X-Twilio-Signature: base64(HMAC-SHA1(auth token,
// URL + name1 + value1 + name2 + value2 …)) with the names sorted (and a
// repeated name's values in order).
func signForm(token, rawURL string, params url.Values) string {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(rawURL))
	for _, k := range names {
		for _, v := range params[k] {
			mac.Write([]byte(k))
			mac.Write([]byte(v))
		}
	}
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// deliveryJSON is one entry of GET /sandbox/v1/WebhookDeliveries.
type deliveryJSON struct {
	DateCreated string  `json:"date_created"`
	Target      string  `json:"target"`
	WebhookSID  *string `json:"webhook_sid"`
	EventType   string  `json:"event_type"`
	URL         string  `json:"url"`
	Attempt     int     `json:"attempt"`
	StatusCode  *int    `json:"status_code"`
	DurationMS  int64   `json:"duration_ms"`
	Error       *string `json:"error"`
}

// listDeliveries answers GET /sandbox/v1/WebhookDeliveries, newest first.
func (s *Sandbox) listDeliveries(w http.ResponseWriter) {
	recs := s.delivery.deliveries()
	out := make([]deliveryJSON, 0, len(recs))
	for _, r := range recs {
		j := deliveryJSON{
			DateCreated: rfc3339(r.Time), Target: r.Target, EventType: r.Event, URL: r.URL, Attempt: r.Attempt,
			DurationMS: r.Duration.Milliseconds(),
		}
		if r.WebhookSID != "" {
			j.WebhookSID = &r.WebhookSID
		}
		if r.Status != 0 {
			j.StatusCode = &r.Status
		}
		if r.Error != "" {
			j.Error = &r.Error
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, map[string]any{"deliveries": out})
}
