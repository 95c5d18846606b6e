package twilioapi

import (
	"context"
	"net"
	"net/http"
	"net/url"
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
	// Timeout bounds each HTTP call; 10 s when zero.
	Timeout time.Duration
	// Edge and Region route calls through a Twilio edge location / region
	// (e.g. "sydney", "au1"). They are ignored when BaseURL is set. The
	// TWILIO_EDGE / TWILIO_REGION environment variables are NOT read here:
	// the caller decides, so a sandbox client is never rerouted.
	Edge   string
	Region string
}

// Client is a typed Verify v2 + Lookup v2 client. It is safe for concurrent
// use.
type Client struct {
	cfg     Config
	creds   *client.Credentials // read-only after New, shared by calls
	base    *url.URL            // nil unless BaseURL
	http    *http.Transport     // the connection pool
	rt      http.RoundTripper   // http wrapped with the host rewrite
	timeout time.Duration
	phones  phoneCache // normalised destinations, per client
}

// New builds a client. It validates the credentials' shape but makes no call.
func New(cfg Config) (*Client, error) {
	if err := validateConfig(&cfg); err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, timeout: cfg.Timeout}
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

// IsSandbox reports whether the client talks to a sandbox (a BaseURL is set).
func (c *Client) IsSandbox() bool { return c.cfg.BaseURL != "" }

// AccountSID is the account the client acts for.
func (c *Client) AccountSID() string { return c.cfg.AccountSID }

// BaseURL is the sandbox address the client is pointed at ("" for Twilio).
func (c *Client) BaseURL() string { return c.cfg.BaseURL }

// Close releases the client's idle connections. Calls after Close still
// work (they open new connections).
func (c *Client) Close() { c.http.CloseIdleConnections() }

// baseClient is the twilio-go client of one call: shared credentials and
// connection pool, but an http.Client whose transport carries this call's
// context and records its answer.
func (c *Client) baseClient(cl *call) *client.Client {
	tc := &client.Client{
		Credentials: c.creds,
		HTTPClient: &http.Client{
			Transport:     &callTransport{next: c.rt, call: cl},
			Timeout:       c.timeout,
			CheckRedirect: noRedirect,
		},
	}
	tc.SetAccountSid(c.cfg.AccountSID)
	return tc
}

// handler builds twilio-go's request handler with the configured edge and
// region (none with a BaseURL: BuildUrl would otherwise mangle the sandbox
// host).
func (c *Client) handler(cl *call) *client.RequestHandler {
	h := &client.RequestHandler{Client: c.baseClient(cl)}
	if c.base == nil {
		h.Edge, h.Region = c.cfg.Edge, c.cfg.Region
	}
	return h
}

// verifyAPI is the Verify v2 service for one call.
func (c *Client) verifyAPI(cl *call) *verify.ApiService { return verify.NewApiService(c.handler(cl)) }

// lookupsAPI is the Lookup v2 service for one call.
func (c *Client) lookupsAPI(cl *call) *lookups.ApiService {
	return lookups.NewApiService(c.handler(cl))
}

// run executes one operation under ctx and turns its failure into an
// *Error. twilio-go has no context support; the per-call transport attaches
// ctx to the request, so an ended ctx aborts the call itself (no goroutine
// is left behind) and is reported as KindTimeout.
func run[T any](ctx context.Context, c *Client, op func(cl *call) (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, c.ctxError(err)
	}
	cl := &call{ctx: ctx}
	v, err := op(cl)
	if err != nil {
		return zero, c.classify(cl, err)
	}
	return v, nil
}
