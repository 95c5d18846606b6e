package twilioapi

import (
	"context"
	"errors"
	"time"
)

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
	Edge    string
	Region  string
}

// Client is a typed Verify v2 + Lookup v2 client. It is safe for concurrent
// use.
type Client struct {
	cfg Config
}

// errNotImplemented marks operations still being built.
var errNotImplemented = errors.New("not implemented yet")

// New builds a client. It validates the credentials' shape but makes no call.
func New(cfg Config) (*Client, error) { return &Client{cfg: cfg}, nil }

// IsSandbox reports whether the client talks to a sandbox (a BaseURL is set).
func (c *Client) IsSandbox() bool { return c.cfg.BaseURL != "" }

// AccountSID is the account the client acts for.
func (c *Client) AccountSID() string { return c.cfg.AccountSID }

// ListServicesPage returns one page of services (pageSize 1–1000). An empty
// token asks for the first page.
func (c *Client) ListServicesPage(ctx context.Context, pageSize int, pageToken string) (ServicePage, error) {
	return ServicePage{}, errNotImplemented
}

// FetchService returns one service.
func (c *Client) FetchService(ctx context.Context, sid string) (Service, error) {
	return Service{}, errNotImplemented
}

// CreateService creates a service; FriendlyName is required.
func (c *Client) CreateService(ctx context.Context, s ServiceSettings) (Service, error) {
	return Service{}, errNotImplemented
}

// UpdateService changes the non-nil settings of a service.
func (c *Client) UpdateService(ctx context.Context, sid string, s ServiceSettings) (Service, error) {
	return Service{}, errNotImplemented
}

// DeleteService deletes a service.
func (c *Client) DeleteService(ctx context.Context, sid string) error { return errNotImplemented }

// StartVerification sends a code (or starts SNA).
func (c *Client) StartVerification(ctx context.Context, p StartParams) (Verification, error) {
	return Verification{}, errNotImplemented
}

// FetchVerification returns a verification by SID.
func (c *Client) FetchVerification(ctx context.Context, serviceSID, sid string) (Verification, error) {
	return Verification{}, errNotImplemented
}

// UpdateVerificationStatus sets a verification to canceled or approved.
// sidOrTo is the VE SID or the To it was sent to.
func (c *Client) UpdateVerificationStatus(ctx context.Context, serviceSID, sidOrTo string, status Status) (Verification, error) {
	return Verification{}, errNotImplemented
}

// CheckVerification checks a code (or an SNA verification).
func (c *Client) CheckVerification(ctx context.Context, p CheckParams) (CheckResult, error) {
	return CheckResult{}, errNotImplemented
}

// LookupPhone runs Lookup v2 with line type intelligence and SMS pumping risk.
func (c *Client) LookupPhone(ctx context.Context, number string) (PhoneInfo, error) {
	return PhoneInfo{}, errNotImplemented
}

// Outbox lists what a sandbox delivered to `to` (all recipients when empty),
// newest first. It fails on a client not pointed at a sandbox.
func (c *Client) Outbox(ctx context.Context, to string) ([]OutboxMessage, error) {
	return nil, errNotImplemented
}
