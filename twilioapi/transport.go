package twilioapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/twilio/twilio-go/client"
	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// maxBodyBytes bounds an answer read into memory. Verify and Lookup answers
// are a few kilobytes; anything this large is not Twilio.
const maxBodyBytes = 8 << 20

// errBodyTooLarge marks an answer larger than maxBodyBytes.
var errBodyTooLarge = errors.New("answer larger than 8 MiB")

// errNotJSON marks an error answer whose body is not Twilio's error JSON.
var errNotJSON = errors.New("error answer is not JSON")

// isTwilioHost reports whether a BaseURL replaces host. Other hosts (say a
// sandbox's own next_page_url) pass unchanged.
func isTwilioHost(host string) bool {
	return host == "verify.twilio.com" || host == "lookups.twilio.com"
}

// rewriteTransport sends requests for the Verify and Lookups hosts to a
// base URL (the sandbox). twilio-go keeps its base URL in an unexported
// field, so the transport is the only place to redirect it. It is the layer
// below callTransport, which alone calls it.
type rewriteTransport struct {
	base  *url.URL // nil: no rewriting
	next  http.RoundTripper
	clock serverClock // learnt from every answer's Date header
}

// roundTrip sends r on, rewritten to the base URL when it is for a Twilio
// host. r must be the caller's own copy (callTransport's WithContext copy),
// so it is rewritten in place rather than copied again on every call; the
// URL is still copied, since a shallow request copy shares it with the
// original.
func (t *rewriteTransport) roundTrip(r *http.Request) (*http.Response, error) {
	if t.base != nil && isTwilioHost(r.URL.Host) {
		u := *r.URL
		r.URL = &u
		r.URL.Scheme, r.URL.Host, r.Host = t.base.Scheme, t.base.Host, t.base.Host
		if p := strings.TrimRight(t.base.Path, "/"); p != "" {
			r.URL.Path = p + r.URL.Path
			r.URL.RawPath = ""
		}
	}
	resp, err := t.next.RoundTrip(r)
	if err == nil {
		t.clock.observe(resp.Header, time.Now())
	}
	return resp, err
}

// callTransport is the per-call layer. twilio-go builds its requests with
// context.Background(), so this is where the caller's ctx is attached (a
// cancel then aborts the dial, the write and the read, and nothing is left
// running). It also
//   - records the answer's status and headers (twilio-go drops them on
//     errors, and Retry-After lives there), and
//   - reads the body into memory and closes the connection's body, because
//     twilio-go never closes error bodies and stops reading success bodies
//     at the end of the JSON value; either way the keep-alive connection
//     would be lost (or leaked).
type callTransport struct {
	next *rewriteTransport
	call *call
}

// RoundTrip implements http.RoundTripper. A read (GET) is repeated within
// the client's RetryPolicy; anything else is sent once.
func (t *callTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.call.method = r.Method
	if r.Method == http.MethodGet {
		return t.roundTripRead(r)
	}
	t.call.attempts = 1
	return t.attempt(r)
}

// attempt sends r once.
func (t *callTransport) attempt(r *http.Request) (*http.Response, error) {
	resp, err := t.next.roundTrip(r.WithContext(t.call.reqCtx))
	if err != nil {
		return nil, err
	}
	// The body goes into the call's buffer, which the pooled call keeps
	// for the next one: twilio-go decodes the answer (copying what it
	// keeps) before the call returns, and nothing reads it after.
	body, err := readAll(resp, t.call.body)
	if err != nil {
		return nil, err
	}
	t.call.body = body
	t.call.bodyR.Reset(body)
	resp.Body = &t.call.bodyR
	resp.ContentLength = int64(len(body))
	t.call.status, t.call.header = resp.StatusCode, resp.Header
	return resp, nil
}

// memBody is an answer body read into memory.
type memBody struct{ bytes.Reader }

// Close implements io.Closer; there is nothing to release.
func (*memBody) Close() error { return nil }

// readAll reads and closes a response body, bounded by maxBodyBytes. With a
// Content-Length it reads into buf, grown to the exact size when it is too
// small (bytes.Buffer.ReadFrom would grow a pre-sized buffer again for its
// 512-byte read margin).
func readAll(resp *http.Response, buf []byte) ([]byte, error) {
	defer resp.Body.Close()
	if n := resp.ContentLength; n >= 0 && n <= maxBodyBytes {
		buf = slices.Grow(buf[:0], int(n))[:n]
		if _, err := io.ReadFull(resp.Body, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxBodyBytes {
		return nil, errBodyTooLarge
	}
	return body, nil
}

// call is the state of one operation: its context, what the transport saw
// of the last answer, and the twilio-go stack it runs on (reused across
// calls through the Client's pool; see newCall).
type call struct {
	ctx    context.Context // the caller's: its end is reported as such
	reqCtx context.Context // ctx with the Client's timeout, on the requests
	status int
	header http.Header
	// method is the last request's; attempts counts its tries (a read is
	// retried, see RetryPolicy), 0 when nothing was sent.
	method   string
	attempts int
	retry    RetryPolicy
	body     []byte  // the last answer (callTransport), reused across calls
	bodyR    memBody // reads body

	tr      callTransport
	hc      http.Client
	tc      client.Client
	h       client.RequestHandler
	verify  *verify.ApiService  // built on first use
	lookups *lookups.ApiService // built on first use
}

// noRedirect keeps the last response instead of following redirects, as
// twilio-go's own default client does.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
