package sandbox

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// ServerOptions tune how a Server treats slow and numerous clients. Zero
// fields take the defaults below.
type ServerOptions struct {
	// ReadHeaderTimeout bounds reading a request's headers (10 s).
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request, body included (30 s).
	ReadTimeout time.Duration
	// WriteTimeout bounds a request from its headers to the end of its
	// answer (90 s: above the 60 s the Faults latency may add).
	WriteTimeout time.Duration
	// IdleTimeout closes keep-alive connections idle this long (2 min).
	IdleTimeout time.Duration
	// MaxConns caps the connections served at once (256); further ones
	// wait in the listen backlog until one closes.
	MaxConns int
	// SweepInterval is how often the server sweeps the sandbox: expires
	// what is due, drops what is past Retention (1 min).
	SweepInterval time.Duration
}

// withDefaults fills the zero fields.
func (o ServerOptions) withDefaults() ServerOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.ReadHeaderTimeout, 10*time.Second)
	def(&o.ReadTimeout, 30*time.Second)
	def(&o.WriteTimeout, 90*time.Second)
	def(&o.IdleTimeout, 2*time.Minute)
	def(&o.SweepInterval, time.Minute)
	if o.MaxConns <= 0 {
		o.MaxConns = 256
	}
	return o
}

// Server serves a Sandbox over HTTP.
type Server struct {
	ln       net.Listener
	srv      *http.Server
	done     chan struct{} // closed when Serve has returned
	stop     chan struct{} // closed to stop the sweeper
	stopOnce sync.Once
	swept    chan struct{} // closed when the sweeper has returned
}

// Listen serves s on addr ("127.0.0.1:0", a free loopback port, when
// empty) with the default ServerOptions, in the background until Shutdown
// or Close.
func Listen(s *Sandbox, addr string) (*Server, error) {
	return ListenOptions(s, addr, ServerOptions{})
}

// ListenOptions is Listen with ServerOptions. Besides serving, the server
// sweeps s every SweepInterval (expired verifications, retired records)
// until it is shut down or closed.
func ListenOptions(s *Sandbox, addr string, o ServerOptions) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	o = o.withDefaults()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &Server{
		ln: newLimitListener(ln, o.MaxConns),
		srv: &http.Server{
			Handler:           s,
			ReadHeaderTimeout: o.ReadHeaderTimeout,
			ReadTimeout:       o.ReadTimeout,
			WriteTimeout:      o.WriteTimeout,
			IdleTimeout:       o.IdleTimeout,
			MaxHeaderBytes:    64 << 10, // Verify requests carry a few hundred bytes of headers
		},
		done:  make(chan struct{}),
		stop:  make(chan struct{}),
		swept: make(chan struct{}),
	}
	go func() {
		defer close(srv.done)
		// Serve returns ErrServerClosed after Shutdown/Close; any other
		// error means the listener died, which Close then reports too.
		_ = srv.srv.Serve(srv.ln)
	}()
	go srv.sweepLoop(s, o.SweepInterval)
	return srv, nil
}

// sweepLoop sweeps s every interval until stop is closed. Without it a
// sandbox nobody calls would keep expired verifications until the next
// request, and a burst's memory until the next doubling of the index.
func (srv *Server) sweepLoop(s *Sandbox, interval time.Duration) {
	defer close(srv.swept)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			s.sweep()
		case <-srv.stop:
			return
		}
	}
}

// stopSweeper stops the sweeper and waits for it.
func (srv *Server) stopSweeper() {
	srv.stopOnce.Do(func() { close(srv.stop) })
	<-srv.swept
}

// URL is the base URL clients point at, e.g. "http://127.0.0.1:8089".
func (srv *Server) URL() string { return "http://" + srv.ln.Addr().String() }

// Addr is the address the server listens on.
func (srv *Server) Addr() net.Addr { return srv.ln.Addr() }

// Shutdown stops accepting connections and waits for in-flight requests
// to finish, or for ctx to end: then it closes the remaining connections
// at once, so it returns within ctx's deadline either way (with ctx's
// error when requests were cut off).
func (srv *Server) Shutdown(ctx context.Context) error {
	srv.stopSweeper()
	err := srv.srv.Shutdown(ctx)
	if err != nil {
		_ = srv.srv.Close()
	}
	<-srv.done
	return err
}

// Close stops the server at once, closing all connections.
func (srv *Server) Close() error {
	srv.stopSweeper()
	err := srv.srv.Close()
	<-srv.done
	return err
}
