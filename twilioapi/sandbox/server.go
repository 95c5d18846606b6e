package sandbox

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Server serves a Sandbox over HTTP.
type Server struct {
	ln   net.Listener
	srv  *http.Server
	done chan struct{}
}

// Listen serves s on addr ("127.0.0.1:0", a free loopback port, when
// empty) in a background goroutine until Shutdown or Close.
func Listen(s *Sandbox, addr string) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &Server{
		ln:   ln,
		srv:  &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute},
		done: make(chan struct{}),
	}
	go func() {
		defer close(srv.done)
		// Serve returns ErrServerClosed after Shutdown/Close; any other
		// error means the listener died, which Close then reports too.
		_ = srv.srv.Serve(ln)
	}()
	return srv, nil
}

// URL is the base URL clients point at, e.g. "http://127.0.0.1:8089".
func (srv *Server) URL() string { return "http://" + srv.ln.Addr().String() }

// Addr is the address the server listens on.
func (srv *Server) Addr() net.Addr { return srv.ln.Addr() }

// Shutdown stops accepting connections and waits for in-flight requests
// to finish, or for ctx to end.
func (srv *Server) Shutdown(ctx context.Context) error {
	err := srv.srv.Shutdown(ctx)
	select {
	case <-srv.done:
	case <-ctx.Done():
	}
	return err
}

// Close stops the server at once, closing all connections.
func (srv *Server) Close() error {
	err := srv.srv.Close()
	<-srv.done
	return err
}
