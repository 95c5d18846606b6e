// Package sshserve serves the console over SSH (charm.land/wish): every
// session runs its own program, built by ui.Build with the session's
// terminal, size, environment and operator. In demo mode each session
// also gets a sandbox of its own; in support desk mode every session
// opens the one live account, for visitors on an allowlist only.
//
// Security: public-key authentication only (no password, no
// keyboard-interactive, never "none"); an allowlist compared in constant
// time, re-checked when the session starts; a per-address rate limit on
// authentication attempts; a cap on sessions and an idle timeout. A panic
// ends its own session only.
package sshserve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// Server is a running SSH console server. Its zero value is not usable:
// call New.
type Server struct {
	o       Options
	srv     *ssh.Server
	limiter *authLimiter
	log     *slog.Logger

	mu sync.Mutex
	// sessions are the running sessions, by id.
	sessions map[uint64]*session
	nextID   uint64
	closing  bool
	// listeners are the ones Serve was given, closed by Shutdown.
	listeners []net.Listener
	// running counts handlers that hold a session slot, for Shutdown.
	running sync.WaitGroup
}

// New checks o (Options.Check) and builds the server; Serve starts it.
func New(o Options) (*Server, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	s := &Server{o: o, log: o.Logger, sessions: map[uint64]*session{},
		limiter: newAuthLimiter(o.AuthBurst, o.AuthEvery, o.Clock)}
	srv, err := wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(o.HostKey); return nil },
		wish.WithPublicKeyAuth(s.authorize),
		// The emulated PTY: the program writes to the session, and window
		// changes reach it as messages (an allocated PTY would take them).
		ssh.EmulatePty(),
		wish.WithMiddleware(s.handle),
	)
	if err != nil {
		return nil, err
	}
	if srv.PublicKeyHandler == nil || srv.PasswordHandler != nil || srv.KeyboardInteractiveHandler != nil {
		return nil, errors.New("sshserve: the server must authenticate by public key alone")
	}
	srv.HandshakeTimeout = handshakeTimeout
	// The connection's own idle limit is a backstop for connections that
	// never open a session; a session's visitor is timed by their input,
	// and told, first.
	srv.IdleTimeout = o.IdleTimeout + time.Minute
	srv.ServerConfigCallback = s.serverConfig
	srv.ConnCallback = s.admitConn
	srv.ConnectionFailedCallback = func(c net.Conn, err error) {
		s.log.Info("ssh connection failed", "remote", c.RemoteAddr().String(), "err", err.Error())
	}
	s.srv = srv
	return s, nil
}

// serverConfig is the handshake's configuration: public keys only, a few
// tries per connection. charm.land/ssh turns on NoClientAuth when no
// auth handler is set; with the public-key handler set it stays off, and
// this says so again so that no later change can let "none" in.
func (s *Server) serverConfig(ssh.Context) *gossh.ServerConfig {
	return &gossh.ServerConfig{
		NoClientAuth: false,
		MaxAuthTries: s.o.MaxAuthTries,
		AuthLogCallback: func(conn gossh.ConnMetadata, method string, err error) {
			if err != nil && method != "none" {
				s.log.Info("ssh auth refused", "remote", conn.RemoteAddr().String(), "user", conn.User(), "method", method)
			}
		},
	}
}

// admitConn turns away, before the handshake, an address that has used
// up its authentication attempts.
func (s *Server) admitConn(_ ssh.Context, c net.Conn) net.Conn {
	if s.limiter.Blocked(remoteIP(c.RemoteAddr())) {
		s.log.Warn("ssh connection refused: too many authentication attempts", "remote", c.RemoteAddr().String())
		_ = c.Close()
		return nil
	}
	return c
}

// authorize is the public-key check, run for every key a client offers:
// rate-limited per address, then the allowlist (or any key for an open
// demo).
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	if !s.limiter.Allow(remoteIP(ctx.RemoteAddr())) {
		s.log.Warn("ssh key refused: too many authentication attempts", "remote", ctx.RemoteAddr().String())
		return false
	}
	ok := s.keyAllowed(key)
	if !ok {
		s.log.Info("ssh key refused", "remote", ctx.RemoteAddr().String(), "user", ctx.User(),
			"key", gossh.FingerprintSHA256(key))
	}
	return ok
}

// keyAllowed is the allowlist rule alone.
func (s *Server) keyAllowed(key ssh.PublicKey) bool {
	if key == nil {
		return false
	}
	if s.o.Allowlist != nil {
		return s.o.Allowlist.Allows(key)
	}
	return s.o.OpenDemo
}

// Serve accepts connections on ln until Shutdown or Close; it returns nil
// after either.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		_ = ln.Close()
		return nil
	}
	s.listeners = append(s.listeners, ln)
	s.mu.Unlock()
	err := s.srv.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) || s.isClosing() {
		return nil
	}
	return err
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// Sessions is the number of sessions running now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Shutdown stops accepting connections, tells every session the server
// is going away, waits until they have all ended or ctx is done (the
// grace period), then ends the rest (each visitor reads "server shutting
// down") and closes every connection.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	live := make([]*session, 0, len(s.sessions))
	for _, ss := range s.sessions {
		live = append(live, ss)
	}
	// Stop accepting now (Serve returns); the connections are ended
	// below. The listeners are closed here rather than by ssh.Server's
	// Shutdown, which cannot be called while Serve may still be starting.
	for _, ln := range s.listeners {
		_ = ln.Close()
	}
	s.mu.Unlock()

	notice := "The server is shutting down: this session will close."
	if dl, ok := ctx.Deadline(); ok {
		notice = fmt.Sprintf("The server is shutting down: this session closes in %s.",
			time.Until(dl).Round(time.Second))
	}
	for _, ss := range live {
		ss.notify(notice)
	}
	s.log.Info("ssh server shutting down", "sessions", len(live))

	done := make(chan struct{})
	go func() { s.running.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		s.mu.Lock()
		for _, ss := range s.sessions {
			ss.end(errShutdown)
		}
		s.mu.Unlock()
		// The programs stop at once (their context ends); give the
		// handlers a moment to say goodbye before the connections go.
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
	}
	return s.closeAll()
}

// Close drops every connection at once, without a word to the sessions.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	return s.closeAll()
}

// closeAll closes the ssh server's listeners and connections. A listener
// this server already closed (Shutdown closes them first) is not an
// error: ssh.Server still tracks it until its Serve loop has returned.
func (s *Server) closeAll() error {
	if err := s.srv.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}
