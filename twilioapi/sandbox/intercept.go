package sandbox

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Intercept mode lets an app that cannot be given a base URL talk to the
// sandbox unmodified: the app sets HTTPS_PROXY to the sandbox and trusts
// the sandbox's CA (InterceptEnv); the sandbox's port then also answers
// CONNECT verify.twilio.com:443 and lookups.twilio.com:443, terminates the
// TLS itself with a certificate from the CA, and serves the requests
// inside with the sandbox's own handler. It is not a proxy: it never dials
// anywhere, and every other target is refused with a 403.

// interceptor is intercept mode's state: the TLS configuration and the
// server that serves the tunnels' connections.
type interceptor struct {
	tls *tls.Config
	ln  *connListener
	srv *http.Server
}

// Intercept turns intercept mode on, with a server certificate issued
// from ca; Close turns it off with the sandbox.
func (s *Sandbox) Intercept(ca *CA) error {
	leaf, err := ca.issue(interceptHostNames)
	if err != nil {
		return err
	}
	ic := &interceptor{
		tls: &tls.Config{Certificates: []tls.Certificate{leaf}, MinVersion: tls.VersionTLS12, NextProtos: []string{"http/1.1"}},
		ln:  newConnListener(),
		// The same limits as the plain listener (Listen).
		srv: &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute},
	}
	if !s.intercept.CompareAndSwap(nil, ic) {
		return errors.New("sandbox: intercept mode is already on")
	}
	go func() { _ = ic.srv.Serve(ic.ln) }()
	return nil
}

// closeIntercept stops intercept mode and closes its tunnels.
func (s *Sandbox) closeIntercept() {
	if ic := s.intercept.Swap(nil); ic != nil {
		_ = ic.srv.Close()
	}
}

// InterceptEnv is the environment that sends an app's Twilio traffic to a
// sandbox in intercept mode at proxyURL ("http://127.0.0.1:8089") and
// makes it trust the CA certificate at caPath: HTTPS_PROXY (Go, Python,
// curl), HTTP_PROXY (twilio-node proxies HTTPS through it), and the CA
// bundle variables the official libraries read: NODE_EXTRA_CA_CERTS
// (Node, added to its roots), REQUESTS_CA_BUNDLE (Python requests) and
// SSL_CERT_FILE (Go and OpenSSL; it replaces the system roots for that
// process, which is harmless here: the sandbox refuses every other host
// anyway). Each entry is "NAME=value".
func InterceptEnv(proxyURL, caPath string) []string {
	return []string{
		"HTTPS_PROXY=" + proxyURL,
		"HTTP_PROXY=" + proxyURL,
		"NODE_EXTRA_CA_CERTS=" + caPath,
		"REQUESTS_CA_BUNDLE=" + caPath,
		"SSL_CERT_FILE=" + caPath,
	}
}

// proxied reports whether r is addressed to a proxy (CONNECT, or an
// absolute URL) and, in intercept mode, answers it. Without intercept mode
// such requests are left to the routes, as before.
func (s *Sandbox) proxied(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodConnect && r.URL.Host == "" {
		return false
	}
	ic := s.intercept.Load()
	if ic == nil {
		return false
	}
	target := strings.ToLower(r.Host)
	switch {
	case r.Method == http.MethodConnect && interceptable(target, "443"):
		ic.tunnel(w, r)
		return true
	case r.Method != http.MethodConnect && (interceptable(target, "80") || isLocal(r, target)):
		// Plain HTTP through the proxy, to an intercepted host or to the
		// sandbox itself (curl proxies even loopback URLs): the route
		// does not depend on the host.
		return false
	}
	writeError(w, errf(http.StatusForbidden, 20403, "The twilio-verify sandbox intercepts only "+
		strings.Join(interceptHostNames, " and ")+" (port 443); it does not connect anywhere else, so "+r.Host+" is refused"))
	return true
}

// hostServes reports whether the Twilio host a request came through a
// tunnel for answers the /v2 resource (the segment after "v2"): as at
// Twilio, lookups.twilio.com serves only PhoneNumbers and
// verify.twilio.com everything else, so an app with a wrong base URL
// fails here as it would live. A request to the sandbox's own address
// (no TLS: a client that rewrote the host) reaches every route.
func hostServes(r *http.Request, resource string) bool {
	if r.TLS == nil {
		return true
	}
	host := strings.ToLower(r.Host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	switch host {
	case "lookups.twilio.com":
		return resource == "PhoneNumbers"
	case "verify.twilio.com":
		return resource != "PhoneNumbers"
	}
	return true
}

// interceptable reports whether target (host:port; the port defaults to
// defaultPort) is an intercepted host on defaultPort.
func interceptable(target, defaultPort string) bool {
	host, port, err := net.SplitHostPort(target)
	if err != nil {
		host, port = target, defaultPort
	}
	return port == defaultPort && slices.Contains(interceptHostNames, host)
}

// isLocal reports whether target is the address the request reached the
// sandbox at.
func isLocal(r *http.Request, target string) bool {
	a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	return ok && a != nil && a.String() == target
}

// tunnel answers a CONNECT to an intercepted host: it takes the connection
// over, says the tunnel is established, and hands the connection, as a
// TLS server connection with the CA's certificate, to the server that
// serves the sandbox inside tunnels.
func (ic *interceptor) tunnel(w http.ResponseWriter, r *http.Request) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		writeError(w, errf(http.StatusInternalServerError, 20500, "Internal Server Error"))
		return
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		return
	}
	// The outer server's deadlines are for reading a request header; the
	// inner server sets its own.
	_ = conn.SetDeadline(time.Time{})
	if _, err := conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		_ = conn.Close()
		return
	}
	// A client may send its TLS hello right behind the CONNECT; what the
	// outer server already read of it is in rw.
	var c net.Conn = conn
	if rw.Reader.Buffered() > 0 {
		c = &bufferedConn{Conn: conn, r: rw.Reader}
	}
	if !ic.ln.push(tls.Server(c, ic.tls)) {
		_ = conn.Close()
	}
}

// bufferedConn is a connection whose first bytes were already read into r.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// connListener is a net.Listener whose connections are handed to it
// (push): the tunnels' TLS connections, for an http.Server to serve.
type connListener struct {
	ch     chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newConnListener() *connListener {
	return &connListener{ch: make(chan net.Conn), closed: make(chan struct{})}
}

// push hands c to Accept; false once the listener is closed.
func (l *connListener) push(c net.Conn) bool {
	select {
	case l.ch <- c:
		return true
	case <-l.closed:
		return false
	}
}

// Accept waits for a pushed connection.
func (l *connListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.ch:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

// Close makes Accept and push fail from now on.
func (l *connListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

// Addr is a placeholder: the connections come from the sandbox's own
// listener.
func (l *connListener) Addr() net.Addr { return tunnelAddr{} }

// tunnelAddr is connListener's address.
type tunnelAddr struct{}

func (tunnelAddr) Network() string { return "tunnel" }
func (tunnelAddr) String() string  { return "intercepted" }

// interceptWith turns intercept mode on with the CA at certPath
// (DefaultCAPath when empty), creating it on first use.
func (s *Sandbox) interceptWith(certPath string) (*CA, error) {
	if certPath == "" {
		var err error
		if certPath, err = DefaultCAPath(); err != nil {
			return nil, err
		}
	}
	ca, err := LoadOrCreateCA(certPath)
	if err != nil {
		return nil, err
	}
	return ca, s.Intercept(ca)
}

// printInterceptBanner tells the user how to send an app to the sandbox in
// intercept mode at url.
func printInterceptBanner(out io.Writer, url string, ca *CA) {
	fmt.Fprintf(out, `
Intercept mode: this port is also an HTTPS proxy for %s, and for
nothing else (other hosts are refused, never connected to). Its CA is %s
(key beside it, 0600; trust it per app, it is never installed system-wide).
Run an unmodified app with the credentials above and:

`, strings.Join(interceptHostNames, " and "), ca.CertPath)
	for _, kv := range InterceptEnv(url, ca.CertPath) {
		name, value, _ := strings.Cut(kv, "=")
		fmt.Fprintf(out, "  export %s=%s\n", name, shellQuote(value))
	}
	fmt.Fprintln(out)
}

// shellQuote quotes s for a POSIX shell when it holds anything but
// characters safe unquoted.
func shellQuote(s string) string {
	safe := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._:-+@%=,", r))
	}) < 0
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
