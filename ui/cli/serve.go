package cli

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/ui"
	"github.com/twilio-verify/twilio-verify/ui/sshserve"
)

// serveFlags are the flags of `twilio-verify serve`.
type serveFlags struct {
	addr, hostKey, authorizedKeys, profile, logPath string
	sandbox, openDemo, readOnly, auditSyslog        bool
	maxSessions                                     int
	idleTimeout, grace                              time.Duration
}

// newServeCmd serves the console over SSH until SIGINT/SIGTERM; d
// resolves a --profile's credentials.
func newServeCmd(d credDeps) *cobra.Command {
	var f serveFlags
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the console over SSH",
		Long: "Serves the console over SSH, one console per session, public-key auth only.\n" +
			"Demo mode (--sandbox, the default): every session gets a sandbox of its own,\n" +
			"gone when the session ends. Support desk mode (--profile NAME): every session\n" +
			"opens that profile's account, for the keys of --authorized-keys only; visitors\n" +
			"never see its secret. Without --authorized-keys the demo takes any key, and only\n" +
			"with --open-demo.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := f.validate(); err != nil {
				return showUsage(c, err)
			}
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			o, release, err := f.serveOptions(d)
			if err != nil {
				return err
			}
			defer release()
			return sshserve.Serve(ctx, o, c.OutOrStdout())
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:23234", "address to listen on (host:port; port 0 picks a free one)")
	fl.StringVar(&f.hostKey, "host-key", "", "host key `FILE` (ed25519, created once, mode 0600; default: in the state dir)")
	fl.StringVar(&f.authorizedKeys, "authorized-keys", "", "only these public keys get in (`FILE`, authorized_keys format)")
	fl.BoolVar(&f.sandbox, "sandbox", false, "demo mode: every session gets a sandbox of its own (the default)")
	fl.StringVar(&f.profile, "profile", "", "support desk mode: every session opens the saved profile `NAME` (needs --authorized-keys)")
	fl.IntVar(&f.maxSessions, "max-sessions", sshserve.DefaultMaxSessions, "sessions at once; more are turned away with a message")
	fl.DurationVar(&f.idleTimeout, "idle-timeout", sshserve.DefaultIdleTimeout, "close a session after this long without input")
	fl.DurationVar(&f.grace, "shutdown-grace", sshserve.DefaultShutdownGrace, "on SIGINT/SIGTERM, how long sessions get (they are told) before they are closed")
	fl.BoolVar(&f.openDemo, "open-demo", false, "demo mode without --authorized-keys: let any SSH key in")
	fl.BoolVar(&f.readOnly, "read-only", false, "every session refuses every change: "+readOnlyRefuses)
	fl.StringVar(&f.logPath, "log", "", "write a debug log to `FILE` (secrets masked; "+logFileRule+")")
	fl.BoolVar(&f.auditSyslog, "audit-syslog", false, "also copy audit records to syslog/journald")
	return c
}

// validate checks the flags, and the security rules they make, before
// anything starts.
func (f serveFlags) validate() error {
	switch {
	case f.sandbox && f.profile != "":
		return errors.New("--sandbox and --profile cannot be used together")
	case f.profile != "" && f.authorizedKeys == "":
		return errors.New("--profile needs --authorized-keys: a live account is never served to any key")
	case f.openDemo && f.profile != "":
		return errors.New("--open-demo is for the demo: a live profile needs --authorized-keys")
	case f.openDemo && f.authorizedKeys != "":
		return errors.New("--open-demo and --authorized-keys cannot be used together")
	case f.authorizedKeys == "" && !f.openDemo:
		return errors.New("without --authorized-keys any SSH key would get in: pass --open-demo to allow that, or --authorized-keys FILE")
	case f.maxSessions < 1:
		return fmt.Errorf("--max-sessions must be at least 1, not %d", f.maxSessions)
	case f.idleTimeout <= 0:
		return fmt.Errorf("--idle-timeout must be positive, not %s", f.idleTimeout)
	case f.grace < 0:
		return fmt.Errorf("--shutdown-grace cannot be negative (%s)", f.grace)
	}
	if _, port, err := net.SplitHostPort(f.addr); err != nil || port == "" {
		return fmt.Errorf("--addr %q is not host:port", f.addr)
	}
	return nil
}

// serveOptions loads what the flags name: the host key, the allowlist,
// the config's key bindings and, in support desk mode, the profile's
// credentials (resolved as the console does), and opens the audit trail
// and the --log file; release closes those two.
func (f serveFlags) serveOptions(d credDeps) (o sshserve.ServeOptions, release func(), err error) {
	var closers []func()
	release = func() {
		for _, c := range closers {
			c()
		}
	}
	o.Addr = f.addr
	o.MaxSessions = f.maxSessions
	o.IdleTimeout = f.idleTimeout
	o.Grace = f.grace
	o.OpenDemo = f.openDemo
	o.ReadOnly = f.readOnly

	stateDir, err := audit.StateDir(d.getenv)
	if err != nil {
		return o, release, err
	}
	hostKey := f.hostKey
	if hostKey == "" {
		hostKey = filepath.Join(stateDir, sshserve.HostKeyFileName)
	}
	if o.HostKey, err = sshserve.LoadOrCreateHostKey(hostKey); err != nil {
		return o, release, err
	}
	if f.authorizedKeys != "" {
		if o.Allowlist, err = sshserve.LoadAllowlist(f.authorizedKeys); err != nil {
			return o, release, err
		}
	}

	dir, err := d.configDir()
	if err != nil {
		return o, release, err
	}
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		return o, release, err
	}
	o.Keys = cfg.Keys
	o.Audit = audit.Open(auditOptions(stateDir, cfg.Audit, f.auditSyslog))
	closers = append(closers, func() { _ = o.Audit.Close() })
	if f.profile != "" {
		creds, err := keyring.Resolve(dir, d.secrets, f.profile, d.getenv)
		if err != nil {
			return o, release, withHint(err)
		}
		o.Live, o.Creds = true, creds
	}

	if f.logPath != "" {
		lf, err := ui.OpenLog(f.logPath)
		if err != nil {
			return o, release, err
		}
		closers = append(closers, func() { _ = lf.Close() })
		o.Logger = ui.NewLogger(lf)
	}
	return o, release, nil
}
