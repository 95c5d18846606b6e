package twilioapi

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/twilio/twilio-go/client"
	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// DefaultTimeout bounds each HTTP call when Config.Timeout is zero; it is
// twilio-go's own default.
const DefaultTimeout = 10 * time.Second

// Config says which account to use and where Twilio is.
type Config struct {
	AccountSID string
	// AuthToken, or APIKeySID + APIKeySecret.
	AuthToken    string
	APIKeySID    string
	APIKeySecret string
	// BaseURL, when set (e.g. a sandbox "http://127.0.0.1:8089"), replaces the
	// Verify and Lookups hosts.
	BaseURL string
	// Timeout bounds each HTTP call; 10 s when zero. It covers a read's
	// retries too.
	Timeout time.Duration
	// Retry bounds the repeats of a read (GET) after a 5xx, a 429 or a
	// dropped connection; the zero value is the defaults. Writes are
	// never repeated.
	Retry RetryPolicy
	// Edge and Region route calls through a Twilio edge location / region
	// (e.g. "sydney", "au1"). They are ignored when BaseURL is set. The
	// TWILIO_EDGE / TWILIO_REGION environment variables are NOT read here:
	// the caller decides, so a sandbox client is never rerouted.
	Edge   string
	Region string
	// ReadOnly refuses, before any request, every call that changes
	// something on Twilio or reaches a person (see mutate): the one place
	// read-only mode is enforced, whatever screen or command asks.
	ReadOnly bool
	// AuthFailureHint, when set, is added to the hint of an answer that
	// refused the credentials (20003 or HTTP 401): where they came from
	// and how to replace them, which only the caller knows.
	AuthFailureHint string
	// Audit, when set, receives one event after every call that changes
	// something or reaches a person, and after every check (see
	// runAudited): the one place below every screen and command where
	// actions are recorded. Its error fails the call.
	Audit Auditor
}

// Client is a typed Verify v2 + Lookup v2 client. It is safe for concurrent
// use.
type Client struct {
	cfg    Config              // as validated: Timeout is never zero
	creds  *client.Credentials // read-only after New, shared by calls
	base   *url.URL            // nil unless BaseURL
	http   *http.Transport     // the connection pool
	rt     *rewriteTransport   // http wrapped with the host rewrite
	phones phoneCache          // normalised destinations, per client
	calls  sync.Pool           // *call: per-call twilio-go stacks, reused
}

// New builds a client. It validates the credentials' shape but makes no call.
func New(cfg Config) (*Client, error) {
	if err := validateConfig(&cfg); err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg}
	if cfg.APIKeySID != "" {
		c.creds = client.NewCredentials(cfg.APIKeySID, cfg.APIKeySecret)
	} else {
		c.creds = client.NewCredentials(cfg.AccountSID, cfg.AuthToken)
	}
	if cfg.BaseURL != "" {
		c.base, _ = url.Parse(cfg.BaseURL) // validated above
	}
	c.http = newHTTPTransport()
	c.rt = &rewriteTransport{base: c.base, next: c.http}
	return c, nil
}

// newHTTPTransport is net/http's default transport with a pool deep enough
// for a console (and the benchmarks) running many calls at once; the default
// keeps only 2 idle connections per host.
func newHTTPTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	t.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return t
}

// ReadOnly reports whether the client refuses mutating calls.
func (c *Client) ReadOnly() bool { return c.cfg.ReadOnly }

// IsSandbox reports whether the client talks to a sandbox (a BaseURL is set).
func (c *Client) IsSandbox() bool { return c.cfg.BaseURL != "" }

// AccountSID is the account the client acts for.
func (c *Client) AccountSID() string { return c.cfg.AccountSID }

// BaseURL is the sandbox address the client is pointed at ("" for Twilio).
func (c *Client) BaseURL() string { return c.cfg.BaseURL }

// Close releases the client's idle connections. Calls after Close still
// work (they open new connections).
func (c *Client) Close() { c.http.CloseIdleConnections() }

// newCall returns the state of one operation under ctx, with its
// twilio-go stack. The stacks are pooled per Client: a call needs its own
// transport (twilio-go has no context support, so the transport is what
// carries ctx), but building a fresh client.Client, http.Client,
// RequestHandler and ApiService for each call cost six allocations.
func (c *Client) newCall(ctx context.Context) *call {
	cl, _ := c.calls.Get().(*call)
	if cl == nil {
		cl = &call{}
		cl.tr.call = cl
		cl.hc = http.Client{Transport: &cl.tr, CheckRedirect: noRedirect}
		cl.tc = client.Client{Credentials: c.creds}
		cl.tc.SetAccountSid(c.cfg.AccountSID)
		cl.tc.HTTPClient = &cl.hc
		cl.h = client.RequestHandler{Client: &cl.tc}
		if c.base == nil {
			// Edge and region only without a BaseURL: BuildUrl would
			// otherwise mangle the sandbox host.
			cl.h.Edge, cl.h.Region = c.cfg.Edge, c.cfg.Region
		}
	}
	cl.tr.next = c.rt
	cl.retry = c.cfg.Retry
	cl.ctx = ctx
	return cl
}

// maxPooledBody is the largest answer buffer a pooled call keeps; a rare
// large answer (a long page) is not pinned in the pool.
const maxPooledBody = 64 << 10

// release returns cl to the pool once nothing refers to the call any more.
func (c *Client) release(cl *call) {
	cl.ctx, cl.reqCtx, cl.status, cl.header = nil, nil, 0, nil
	cl.method, cl.attempts = "", 0
	cl.bodyR.Reset(nil)
	if cap(cl.body) > maxPooledBody {
		cl.body = nil
	}
	c.calls.Put(cl)
}

// verifyAPI is the Verify v2 service of the call's stack.
func (cl *call) verifyAPI() *verify.ApiService {
	if cl.verify == nil {
		cl.verify = verify.NewApiService(&cl.h)
	}
	return cl.verify
}

// lookupsAPI is the Lookup v2 service of the call's stack.
func (cl *call) lookupsAPI() *lookups.ApiService {
	if cl.lookups == nil {
		cl.lookups = lookups.NewApiService(&cl.h)
	}
	return cl.lookups
}

// run executes one operation under ctx and turns its failure into an
// *Error. twilio-go has no context support; the per-call transport attaches
// ctx to the request, so an ended ctx aborts the call itself (no goroutine
// is left behind) and is reported as KindTimeout.
//
// The per-call timeout is a deadline on that context rather than
// http.Client.Timeout: for a transport net/http does not know (ours wraps
// its own), Client.Timeout starts a goroutine, a timer and two channels per
// request. The transport reads the whole body before returning, so the
// deadline covers the same span (dial to last byte).
func run[T any](ctx context.Context, c *Client, op func(cl *call) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, c.ctxError(err)
	}
	cl := c.newCall(ctx)
	defer c.release(cl)
	cl.reqCtx = ctx
	if d, ok := ctx.Deadline(); !ok || time.Until(d) > c.cfg.Timeout {
		// (A caller's sooner deadline — the console always sets one —
		// needs no second timer.)
		var cancel context.CancelFunc
		cl.reqCtx, cancel = context.WithTimeout(ctx, c.cfg.Timeout)
		defer cancel()
	}
	v, err := op(cl)
	if err != nil {
		return zero, c.classify(cl, err)
	}
	return v, nil
}
