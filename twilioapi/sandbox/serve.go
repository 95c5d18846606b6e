package sandbox

import (
	"context"
	"fmt"
	"io"
	"time"
)

// ServeOptions say which sandbox Serve builds and how it serves it.
type ServeOptions struct {
	// Options build the sandbox: credentials, state file, clock, seed.
	Options
	// Addr is the host:port to listen on ("127.0.0.1:0", a free loopback
	// port, when empty).
	Addr string
	// ShutdownTimeout is how long in-flight requests get once ctx ends
	// (5 s when zero); after it the connections are closed.
	ShutdownTimeout time.Duration
	// AuthTokenSource is where Options.AuthToken came from when not the
	// command line (ReadAuthToken's source: "file PATH" or
	// "$TWILIO_AUTH_TOKEN"). The banner then names the source instead of
	// printing the token: one taken off the command line must not land on
	// the terminal or in a log instead.
	AuthTokenSource string
	// Intercept turns intercept mode on (Sandbox.Intercept) with the CA
	// at CACert (DefaultCAPath when empty), created on first use.
	Intercept bool
	CACert    string
}

// Serve builds a sandbox from o, serves it on o.Addr, prints the banner
// (where it listens, its credentials, how to point a client at it) to out,
// and serves until ctx ends; then it says so on out and shuts down
// gracefully.
func Serve(ctx context.Context, o ServeOptions, out io.Writer) error {
	sb, err := New(o.Options)
	if err != nil {
		return err
	}
	defer sb.Close() // after the shutdown: releases the state file
	var ca *CA
	if o.Intercept {
		if ca, err = sb.interceptWith(o.CACert); err != nil {
			return err
		}
	}
	srv, err := Listen(sb, o.Addr)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	printBanner(out, srv.URL(), sb, o)
	if o.EventsURL != "" {
		fmt.Fprintf(out, "Verification status events (services with verify_event_subscription_enabled) go to %s;\n"+
			"every delivery: GET %s/sandbox/v1/WebhookDeliveries (Basic auth, as above)\n", o.EventsURL, srv.URL())
	}
	if ca != nil {
		printInterceptBanner(out, srv.URL(), ca)
	}
	<-ctx.Done()
	fmt.Fprintln(out, "Shutting down…")
	timeout := o.ShutdownTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("sandbox: shutdown: %w", err)
	}
	return nil
}
