package sshserve

import (
	"errors"
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui"
)

// Defaults of the Options left zero.
const (
	DefaultMaxSessions   = 50
	DefaultIdleTimeout   = 15 * time.Minute
	DefaultShutdownGrace = 10 * time.Second
	// DefaultAuthBurst attempts per address are allowed at once, then one
	// more every DefaultAuthEvery: enough for a person with a few keys in
	// their agent, far too slow to walk an allowlist.
	DefaultAuthBurst = 20
	DefaultAuthEvery = 3 * time.Second
	// DefaultMaxAuthTries keys may be tried on one connection.
	DefaultMaxAuthTries = 4
	// handshakeTimeout bounds a connection that has not authenticated.
	handshakeTimeout = 30 * time.Second
)

// Options configure a Server. There are two modes: demo (the zero
// Creds): every session gets a sandbox of its own that ends with it; and
// support desk (Live): every session opens the one account in Creds,
// with the visitor as the operator.
type Options struct {
	// HostKey is the server's identity (LoadOrCreateHostKey). Required.
	HostKey gossh.Signer
	// Allowlist, when set, is the only keys let in.
	Allowlist *Allowlist
	// OpenDemo lets any key in; only allowed in demo mode without an
	// Allowlist. Without it (and without an Allowlist) New refuses.
	OpenDemo bool
	// Live serves the account in Creds (support desk mode); it needs an
	// Allowlist. Creds never reach a visitor: sessions get a client
	// built from them, not the secret.
	Live  bool
	Creds keyring.Credentials
	// ReadOnly makes every session read-only.
	ReadOnly bool
	// Keys is the config file's `[keys]` table.
	Keys map[string][]string
	// SandboxOptions build each demo session's sandbox.
	SandboxOptions sandbox.Options
	// MaxSessions is how many sessions run at once (DefaultMaxSessions
	// when 0); past it a visitor is told and disconnected.
	MaxSessions int
	// IdleTimeout ends a session whose visitor has typed nothing for that
	// long (DefaultIdleTimeout when 0).
	IdleTimeout time.Duration
	// AuthBurst and AuthEvery are the per-address authentication rate
	// limit (DefaultAuthBurst, DefaultAuthEvery when 0).
	AuthBurst int
	AuthEvery time.Duration
	// MaxAuthTries bounds the keys tried on one connection
	// (DefaultMaxAuthTries when 0).
	MaxAuthTries int
	// Audit, when set, records every action of every session, as acted by
	// its visitor (SSH user and key fingerprint) on the profile or the
	// session's sandbox.
	Audit *audit.Log
	// Logger records connections, refusals and each session's debug log
	// (nothing when nil). Secrets are masked.
	Logger *slog.Logger
	// Clock is each session's time source (when nil, the time of the API
	// it talks to, as ui.Build learns it); it also runs the idle timeout
	// and the rate limit (time.Now when nil).
	Clock func() time.Time
	// sessionClock is Clock as given, for the sessions' programs.
	sessionClock func() time.Time

	// build makes a session's program (ui.Build); tests replace it.
	build func(ui.BuildOptions) (*tea.Program, func(), error)
}

// Configuration errors New returns.
var (
	// ErrNoHostKey: Options.HostKey is missing.
	ErrNoHostKey = errors.New("sshserve: no host key")
	// ErrLiveNeedsAllowlist: a live account is never served to any key.
	ErrLiveNeedsAllowlist = errors.New("a live profile is only served to the keys of --authorized-keys")
	// ErrOpenNeedsConsent: without an allowlist the demo lets anyone in,
	// which must be asked for.
	ErrOpenNeedsConsent = errors.New("without --authorized-keys any SSH key gets in: pass --open-demo to allow that")
	// ErrOpenWithAllowlist: the two say opposite things.
	ErrOpenWithAllowlist = errors.New("--open-demo and --authorized-keys cannot be used together")
)

// Check reports whether o is a configuration the server accepts: the
// security rules, before anything listens.
func (o Options) Check() error {
	switch {
	case o.HostKey == nil:
		return ErrNoHostKey
	case o.Live && (o.Allowlist == nil || o.OpenDemo):
		return ErrLiveNeedsAllowlist
	case o.OpenDemo && o.Allowlist != nil:
		return ErrOpenWithAllowlist
	case o.Allowlist == nil && !o.OpenDemo:
		return ErrOpenNeedsConsent
	}
	return nil
}

// withDefaults fills the zero fields.
func (o Options) withDefaults() Options {
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.AuthBurst <= 0 {
		o.AuthBurst = DefaultAuthBurst
	}
	if o.AuthEvery <= 0 {
		o.AuthEvery = DefaultAuthEvery
	}
	if o.MaxAuthTries <= 0 {
		o.MaxAuthTries = DefaultMaxAuthTries
	}
	if o.Logger == nil {
		o.Logger = ui.NewLogger(nil)
	}
	o.sessionClock = o.Clock
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.build == nil {
		o.build = ui.Build
	}
	return o
}
