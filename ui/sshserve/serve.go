package sshserve

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// ServeOptions say which server Serve builds and where it listens.
type ServeOptions struct {
	Options
	// Addr is the host:port to listen on.
	Addr string
	// Grace is how long sessions get, once ctx ends, before they are
	// closed (DefaultShutdownGrace when 0).
	Grace time.Duration
}

// Serve builds a server from o, listens on o.Addr, prints where and with
// which host key to out, and serves until ctx ends; then it says so,
// tells the sessions and shuts down within the grace period.
func Serve(ctx context.Context, o ServeOptions, out io.Writer) error {
	srv, err := New(o.Options)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("ssh server: %w", err)
	}
	printBanner(out, ln.Addr(), o.Options)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("ssh server: %w", err)
	case <-ctx.Done():
	}
	grace := o.Grace
	if grace <= 0 {
		grace = DefaultShutdownGrace
	}
	fmt.Fprintf(out, "Shutting down: %d session(s) get %s to finish…\n", srv.Sessions(), grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err = srv.Shutdown(sctx)
	<-served
	return err
}

// printBanner says where the server listens, in which mode, and its host
// key's fingerprint (for visitors to check on first connect).
func printBanner(out io.Writer, addr net.Addr, o Options) {
	mode := "demo: every session gets a sandbox of its own"
	if o.Live {
		mode = "support desk: profile " + strconv.Quote(o.Creds.Profile.Name)
	}
	if o.ReadOnly || o.Live && o.Creds.Profile.ReadOnly {
		mode += ", read-only"
	}
	who := "any SSH key (--open-demo)"
	if o.Allowlist != nil {
		who = fmt.Sprintf("%d authorized key(s)", o.Allowlist.Len())
	}
	host, port, _ := net.SplitHostPort(addr.String())
	fmt.Fprintf(out, "Serving the console over SSH on %s (%s)\n", addr, mode)
	fmt.Fprintf(out, "Who gets in: %s\n", who)
	fmt.Fprintf(out, "Host key:    %s\n", gossh.FingerprintSHA256(o.HostKey.PublicKey()))
	fmt.Fprintf(out, "Connect:     ssh -t -p %s %s\n", port, host)
}
