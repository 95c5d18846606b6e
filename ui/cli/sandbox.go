package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// sandboxFlags are the flags of `twilio-verify sandbox`.
type sandboxFlags struct {
	addr, accountSID, authToken, statePath string
	empty                                  bool
}

// newSandboxCmd serves the Verify sandbox until SIGINT/SIGTERM.
func newSandboxCmd() *cobra.Command {
	var f sandboxFlags
	c := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve a local Verify v2 sandbox",
		Long: "Serves a stateful emulator of the Twilio Verify v2 API and Lookup v2 phone lookups\n" +
			"on a local address, for the console and for your own apps' tests. Point an\n" +
			"unmodified Twilio client at it by rewriting the verify.twilio.com and\n" +
			"lookups.twilio.com hosts to the printed base URL.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := f.validate(); err != nil {
				fmt.Fprintln(c.ErrOrStderr(), c.UsageString())
				return usageError{err}
			}
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveSandbox(ctx, f, c.OutOrStdout())
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8089", "address to listen on (host:port; port 0 picks a free one)")
	fl.StringVar(&f.accountSID, "account-sid", "", "account SID clients authenticate with (generated when empty)")
	fl.StringVar(&f.authToken, "auth-token", "", "auth token clients authenticate with, letters and digits (generated when empty)")
	fl.StringVar(&f.statePath, "state", "", "keep state in this file across restarts (written atomically, mode 0600)")
	fl.BoolVar(&f.empty, "empty", false, `start without the "Sandbox Demo" service`)
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
	return nil
}

// serveSandbox runs the sandbox until ctx ends, then shuts it down
// gracefully (in-flight requests get five seconds).
func serveSandbox(ctx context.Context, f sandboxFlags, out io.Writer) error {
	sb, err := sandbox.New(sandbox.Options{
		AccountSID: f.accountSID, AuthToken: f.authToken, StatePath: f.statePath, Empty: f.empty,
	})
	if err != nil {
		return err
	}
	srv, err := sandbox.Listen(sb, f.addr)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	printSandboxBanner(out, srv.URL(), sb, f)
	<-ctx.Done()
	fmt.Fprintln(out, "Shutting down…")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("sandbox: shutdown: %w", err)
	}
	return nil
}

// printSandboxBanner tells the user where the sandbox is and how to use it.
// The sandbox's own credentials are printed in full: they are local test
// credentials the user needs to type into their client, not Twilio secrets.
func printSandboxBanner(out io.Writer, url string, sb *sandbox.Sandbox, f sandboxFlags) {
	state := "in memory (lost on exit)"
	if f.statePath != "" {
		state = f.statePath
	}
	fmt.Fprintf(out, `Twilio Verify sandbox (Verify v2 + Lookup v2) listening on %s

  Base URL     %s
  Account SID  %s
  Auth token   %s
  State        %s

Point twilio-go at it (import only client, rest/verify/v2, rest/lookups/v2):

  target, _ := url.Parse("%s")
  c := &client.Client{
      Credentials: client.NewCredentials("%s", "%s"),
      HTTPClient:  &http.Client{Transport: rewrite{target}}, // RoundTripper: set URL.Scheme, URL.Host, Host to target
  }
  v := verify.NewApiServiceWithClient(c)   // lookups.NewApiServiceWithClient(c) for Lookup

Do not set TWILIO_EDGE / TWILIO_REGION. Codes land in the outbox:
  curl -u %s:%s '%s/sandbox/v1/Messages?To=%%2B14155550100'
Test numbers: +14155550100 mobile, +14155550101 landline, +14155550102 Fraud Guard,
  +14155550103 undeliverable, +14155550104 SNA, +14155550105 Geo Permissions,
  bounce@example.com bounces.
Press Ctrl+C to stop.
`, url, url, sb.AccountSID(), sb.AuthToken(), state, url, sb.AccountSID(), sb.AuthToken(),
		sb.AccountSID(), sb.AuthToken(), url)
}
