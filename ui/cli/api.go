package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// apiFlags are the flags every scripting command shares: which account
// (resolved as the console does), where, and how to print.
type apiFlags struct {
	profile     string
	sandbox     bool
	sandboxURL  string
	json        bool
	quiet       bool
	auditSyslog bool
	timeout     time.Duration
}

// register adds the flags to c.
func (f *apiFlags) register(c *cobra.Command) {
	fl := c.Flags()
	fl.StringVar(&f.profile, "profile", "", "use the saved profile `NAME` (default: TWILIO_* environment, then the default profile)")
	fl.BoolVar(&f.sandbox, "sandbox", false, "run against a sandbox started in this process (its state ends with the command)")
	fl.StringVar(&f.sandboxURL, "sandbox-url", "", "talk to a running twilio-verify sandbox at `URL` (credentials from the environment or --profile)")
	fl.BoolVar(&f.json, "json", false, "print the API's fields as JSON")
	fl.BoolVar(&f.quiet, "quiet", false, "print only what a script needs (a SID, a status), or nothing")
	fl.BoolVar(&f.auditSyslog, "audit-syslog", false, "also copy audit records to syslog/journald")
	fl.DurationVar(&f.timeout, "timeout", twilioapi.DefaultTimeout, "bound each API call")
}

// validate checks flag combinations before anything starts.
func (f apiFlags) validate() error {
	switch {
	case f.sandbox && f.profile != "":
		return usageError{errors.New("--sandbox and --profile cannot be used together")}
	case f.sandbox && f.sandboxURL != "":
		return usageError{errors.New("--sandbox and --sandbox-url cannot be used together")}
	case f.json && f.quiet:
		return usageError{errors.New("--json and --quiet cannot be used together")}
	case f.timeout <= 0:
		return usageError{errors.New("--timeout must be positive")}
	}
	if err := keyring.ValidateBaseURL(f.sandboxURL); err != nil {
		return usageError{fmt.Errorf("--sandbox-url: %w", err)}
	}
	return nil
}

// apiSession is what one command runs on: a client (audited), the
// profile's defaults, and what to release.
type apiSession struct {
	client   *twilioapi.Client
	profile  keyring.Profile
	getenv   func(string) string
	cleanups []func()
}

// close releases the session (client, in-process sandbox, audit file).
func (s *apiSession) close() {
	for i := len(s.cleanups) - 1; i >= 0; i-- {
		s.cleanups[i]()
	}
}

// openSession resolves the credentials as the console does (--profile,
// the environment, the default profile), or starts an in-process sandbox
// with --sandbox, and builds an audited client. Without credentials it
// is a usage error: a script must never fall back to a sandbox silently.
func openSession(f apiFlags, d credDeps) (*apiSession, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	dir, err := d.configDir()
	if err != nil {
		return nil, err
	}
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		return nil, err
	}
	s := &apiSession{getenv: d.getenv}
	actor := audit.Actor{Operator: common.LocalOperator().User}
	var apiCfg twilioapi.Config
	if f.sandbox {
		sb, err := sandbox.New(sandbox.Options{})
		if err != nil {
			return nil, fmt.Errorf("start the sandbox: %w", err)
		}
		srv, err := sandbox.Listen(sb, "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("start the sandbox: %w", err)
		}
		s.cleanups = append(s.cleanups, func() { _ = srv.Close() })
		apiCfg = twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()}
		actor.Sandbox = audit.InProcessSandbox
	} else {
		creds, err := resolveForCommand(f, dir, d)
		if err != nil {
			return nil, err
		}
		apiCfg = creds.APIConfig()
		apiCfg.ReadOnly = creds.Profile.ReadOnly
		s.profile = creds.Profile
		actor.Profile, actor.Sandbox = creds.Profile.Name, creds.BaseURL
	}
	stateDir, err := d.stateDir()
	if err != nil {
		s.close()
		return nil, err
	}
	log := audit.Open(auditOptions(stateDir, cfg.Audit, f.auditSyslog))
	s.cleanups = append(s.cleanups, func() { _ = log.Close() })
	apiCfg.Audit = log.For(actor)
	apiCfg.Timeout = f.timeout
	c, err := twilioapi.New(apiCfg)
	if err != nil {
		s.close()
		return nil, err
	}
	s.cleanups = append(s.cleanups, c.Close)
	s.client = c
	return s, nil
}

// auditOptions are the audit log's options from config.toml's [audit]
// table and the --audit-syslog flag.
func auditOptions(stateDir string, a keyring.AuditSettings, syslogFlag bool) audit.Options {
	return audit.Options{Dir: stateDir, MaxBytes: a.MaxBytes, Keep: a.Keep, Syslog: a.Syslog || syslogFlag}
}

// resolveForCommand is keyring.Resolve for a command: no credentials is
// an error, and --sandbox-url only takes credentials meant for a sandbox
// (the environment's, or a profile saved with a sandbox URL), so a
// Twilio secret is never sent to another host.
func resolveForCommand(f apiFlags, dir string, d credDeps) (keyring.Credentials, error) {
	creds, err := keyring.Resolve(dir, d.secrets, f.profile, d.getenv)
	if err != nil {
		if errors.Is(err, keyring.ErrUnknownProfile) {
			return creds, usageError{err}
		}
		return creds, withHint(err)
	}
	if creds.Source == keyring.SourceNone {
		return creds, usageError{errors.New("no credentials: use --profile NAME, set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN " +
			"(or TWILIO_API_KEY and TWILIO_API_SECRET), run `twilio-verify login`, or pass --sandbox")}
	}
	if f.sandboxURL != "" {
		if creds.Source != keyring.SourceEnv && creds.BaseURL == "" {
			return creds, usageError{fmt.Errorf("profile %q holds Twilio credentials; --sandbox-url would send them to %s "+
				"(use the sandbox's credentials from the environment, or a profile saved with login --sandbox-url)",
				creds.Profile.Name, f.sandboxURL)}
		}
		creds.BaseURL = f.sandboxURL
	}
	return creds, nil
}

// serviceSID picks the service a verification command acts on: --service,
// the profile's default service, TWILIO_VERIFY_SERVICE_SID, or the
// account's only service.
func (s *apiSession) serviceSID(ctx context.Context, flag string) (string, error) {
	for _, sid := range []string{flag, s.profile.DefaultServiceSID, s.getenv("TWILIO_VERIFY_SERVICE_SID")} {
		if sid != "" {
			if err := twilioapi.ValidateSID("VA", sid); err != nil {
				return "", usageError{fmt.Errorf("service: %w", err)}
			}
			return sid, nil
		}
	}
	page, err := s.client.ListServicesPage(ctx, 2, "")
	if err != nil {
		return "", err
	}
	switch len(page.Services) {
	case 1:
		return page.Services[0].SID, nil
	case 0:
		return "", usageError{errors.New("the account has no Verify service: create one with `twilio-verify services create --name NAME`")}
	}
	return "", usageError{errors.New("the account has several services: pass --service VA…, set TWILIO_VERIFY_SERVICE_SID, " +
		"or give the profile a default service")}
}

// stateDirFromEnv is the production audit state directory.
func stateDirFromEnv() (string, error) { return audit.StateDir(os.Getenv) }
