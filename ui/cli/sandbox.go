package cli

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// sandboxFlags are the flags of `twilio-verify sandbox`.
type sandboxFlags struct {
	addr, accountSID, authToken, authTokenFile, statePath, eventsURL, caCert string
	empty, manualClock, intercept                                            bool
	seedAttempts                                                             int
}

// newSandboxCmd serves the Verify sandbox until SIGINT/SIGTERM: the flags
// are checked here (a bad one is a usage error), the serving is
// sandbox.Serve.
func newSandboxCmd() *cobra.Command {
	var f sandboxFlags
	c := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve a local Verify v2 sandbox",
		Long: "Serves a stateful emulator of the Twilio Verify v2 API and Lookup v2 phone lookups\n" +
			"on a local address, for the console and for your own apps' tests. Point an\n" +
			"unmodified Twilio client at it by rewriting the verify.twilio.com and\n" +
			"lookups.twilio.com hosts to the printed base URL, or, with --intercept, run\n" +
			"any app unmodified with the printed proxy and CA environment.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := f.validate(); err != nil {
				return showUsage(c, err)
			}
			o := f.serveOptions()
			if f.authToken == "" {
				// Off the command line: --auth-token-file, else $TWILIO_AUTH_TOKEN.
				tok, src, err := sandbox.ReadAuthToken(f.authTokenFile, os.Getenv)
				if err != nil {
					return showUsage(c, err)
				}
				o.AuthToken, o.AuthTokenSource = tok, src
			}
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return sandbox.Serve(ctx, o, c.OutOrStdout())
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8089", "address to listen on (host:port; port 0 picks a free one)")
	fl.StringVar(&f.accountSID, "account-sid", "", "account SID clients authenticate with (generated when empty)")
	fl.StringVar(&f.authToken, "auth-token", "", "auth token clients authenticate with, letters and digits (generated when empty, $TWILIO_AUTH_TOKEN when set)")
	fl.StringVar(&f.authTokenFile, "auth-token-file", "", "read the auth token from `FILE`, keeping it off the command line")
	fl.StringVar(&f.statePath, "state", "", "keep state in `FILE` across restarts (a transactional store, mode 0600, one sandbox at a time)")
	fl.BoolVar(&f.empty, "empty", false, `start without the "Sandbox Demo" service`)
	fl.IntVar(&f.seedAttempts, "seed-attempts", 0, "fill the attempts log with N made-up attempts over the last 30 days (demos, benchmarks)")
	fl.BoolVar(&f.manualClock, "manual-clock", false, "freeze the clock: time moves only through POST /sandbox/v1/Clock")
	fl.StringVar(&f.eventsURL, "events-url", "", "POST verification status events (Event Streams CloudEvents, signed) to this URL: https, or http to localhost")
	fl.BoolVar(&f.intercept, "intercept", false, "also be an HTTPS proxy for verify.twilio.com and lookups.twilio.com only, with a local CA")
	fl.StringVar(&f.caCert, "ca-cert", "", "with --intercept: the CA certificate file, created on first use (default sandbox-ca.pem in the state directory)")
	return c
}

// validate checks the flags before anything starts.
func (f sandboxFlags) validate() error {
	if _, port, err := net.SplitHostPort(f.addr); err != nil || port == "" {
		return fmt.Errorf("--addr %q is not host:port", f.addr)
	}
	if f.accountSID != "" && !sandbox.ValidAccountSID(f.accountSID) {
		return errors.New("--account-sid must be AC followed by 32 hex characters")
	}
	if f.authToken != "" && !sandbox.ValidAuthToken(f.authToken) {
		return errors.New("--auth-token must be letters and digits only (twilio-go refuses anything else)")
	}
	if f.eventsURL != "" {
		if err := sandbox.ValidateEventsURL(f.eventsURL); err != nil {
			return fmt.Errorf("--events-url: %w", err)
		}
	}
	if f.seedAttempts < 0 || f.seedAttempts > sandbox.MaxSeedAttempts {
		return fmt.Errorf("--seed-attempts must be between 0 and %d", sandbox.MaxSeedAttempts)
	}
	if f.authToken != "" && f.authTokenFile != "" {
		return errors.New("--auth-token and --auth-token-file are alternatives: give one")
	}
	if f.caCert != "" && !f.intercept {
		return errors.New("--ca-cert is for --intercept")
	}
	return nil
}

// serveOptions are what the flags ask sandbox.Serve for.
func (f sandboxFlags) serveOptions() sandbox.ServeOptions {
	return sandbox.ServeOptions{
		Options: sandbox.Options{
			AccountSID: f.accountSID, AuthToken: f.authToken, StatePath: f.statePath, Empty: f.empty,
			SeedAttempts: f.seedAttempts, ManualClock: f.manualClock, EventsURL: f.eventsURL,
		},
		Addr:      f.addr,
		Intercept: f.intercept,
		CACert:    f.caCert,
	}
}
