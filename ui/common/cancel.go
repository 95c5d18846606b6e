package common

import (
	"context"
	"sync"
)

// inflight is a program's calls in flight that can be cancelled, by
// request: Call registers each one when it is made (on the UI goroutine)
// and forgets it when it ends (on the call's), hence the lock.
type inflight struct {
	mu sync.Mutex
	m  map[RequestID]context.CancelFunc
}

// track gives request id a context under parent that Cancel can end.
// Only Update calls it (through Call), so the lazy map needs no lock of
// its own beyond the one that guards its contents.
func (c *Common) track(id RequestID, parent context.Context) context.Context {
	if c.calls == nil {
		c.calls = &inflight{m: map[RequestID]context.CancelFunc{}}
	}
	ctx, cancel := context.WithCancel(parent)
	c.calls.mu.Lock()
	c.calls.m[id] = cancel
	c.calls.mu.Unlock()
	return ctx
}

// untrack forgets request id once its call has ended (and releases its
// context).
func (f *inflight) untrack(id RequestID) {
	f.mu.Lock()
	cancel := f.m[id]
	delete(f.m, id)
	f.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// Cancel ends the call of request id if it is still in flight: its
// context is cancelled, so the HTTP request is aborted (a read stops
// retrying) and the call answers at once with a "canceled" error. It
// reports whether a call was cancelled. A view that cancels should also
// forget the request (Requests.Cancel does both), so that answer is
// dropped.
//
// A cancelled write (a send, a check, a change) may still have reached
// Twilio: say so, and offer a refresh, rather than "nothing happened".
func (c *Common) Cancel(id RequestID) bool {
	if c.calls == nil {
		return false
	}
	c.calls.mu.Lock()
	cancel, ok := c.calls.m[id]
	delete(c.calls.m, id)
	c.calls.mu.Unlock()
	if ok {
		cancel()
	}
	return ok
}

// InFlight is how many calls of the program have not ended (tests check
// that none is left behind).
func (c *Common) InFlight() int {
	if c.calls == nil {
		return 0
	}
	c.calls.mu.Lock()
	defer c.calls.mu.Unlock()
	return len(c.calls.m)
}

// Cancel forgets every request for which match is true and cancels its
// call (Common.Cancel): the view stops waiting, and the call stops
// using the network. It returns how many requests it forgot.
func (r *Requests[K]) Cancel(c *Common, match func(K) bool) int {
	n := 0
	for id, k := range r.m {
		if match(k) {
			delete(r.m, id)
			c.Cancel(id)
			n++
		}
	}
	return n
}
