package sandbox

import (
	"net"
	"sync"
)

// limitListener accepts at most n connections at a time (what
// golang.org/x/net/netutil.LimitListener does, without the dependency):
// Accept waits for a served connection to close before taking the next
// one, so a flood of slow clients costs at most n goroutines and buffers;
// the rest wait in the kernel's listen backlog.
type limitListener struct {
	net.Listener
	sem       chan struct{}
	done      chan struct{} // closed by Close: wakes an Accept waiting for a slot
	closeOnce sync.Once
}

func newLimitListener(ln net.Listener, n int) *limitListener {
	return &limitListener{Listener: ln, sem: make(chan struct{}, n), done: make(chan struct{})}
}

// Accept implements net.Listener.
func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.sem <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &serverConn{Conn: c, release: func() { <-l.sem }}, nil
}

// Close implements net.Listener.
func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// serverConn is one accepted connection: it gives its slot back on Close
// and turns net/http's own plain-text error answers into JSON (errjson.go).
type serverConn struct {
	net.Conn
	release   func()
	closeOnce sync.Once
}

// Close implements net.Conn; the slot is released once.
func (c *serverConn) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(c.release)
	return err
}

// Write implements net.Conn.
func (c *serverConn) Write(p []byte) (int, error) {
	if j, ok := jsonForPlainError(p); ok {
		if _, err := c.Conn.Write(j); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// CloseWrite lets net/http half-close the connection after a 431 (it
// looks for this method), as it does on a bare TCP connection.
func (c *serverConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
