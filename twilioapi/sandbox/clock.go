package sandbox

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// ManualClock is a clock that only moves when told to. Tests pass its Now
// method as Options.Clock to expire codes without sleeping.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a clock reading t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{now: t} }

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// errClockBackwards refuses a move into the past: expiry, polling windows
// and Retry-After all assume time only goes forward.
var errClockBackwards = errors.New("the sandbox clock never moves backwards")

// offsetClock is the sandbox's time: a source plus an offset that
// AdvanceClock and SetClock grow. The source is Options.Clock (time.Now by
// default), or, with Options.ManualClock, the source's reading at start
// frozen, so that time moves only when told. The offset is atomic because
// every request reads the clock; moves are serialised by mu so that two
// concurrent moves cannot combine into one that goes backwards.
type offsetClock struct {
	source func() time.Time
	offset atomic.Int64 // nanoseconds
	mu     sync.Mutex   // serialises moves
}

// newOffsetClock builds the clock for source (time.Now when nil).
func newOffsetClock(source func() time.Time, manual bool) *offsetClock {
	if source == nil {
		source = time.Now
	}
	if manual {
		start := source()
		source = func() time.Time { return start }
	}
	return &offsetClock{source: source}
}

// now is the source's reading plus the offset.
func (c *offsetClock) now() time.Time {
	return c.source().Add(time.Duration(c.offset.Load()))
}

// move moves the clock to t (or by d when t is zero) and returns the new
// reading; it refuses to go backwards. A t within the current second
// (the sandbox shows whole seconds, so a client may echo a reading back)
// is no move rather than a step back.
func (c *offsetClock) move(t time.Time, d time.Duration) (time.Time, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cur := c.now()
	if t.IsZero() {
		t = cur.Add(d)
	}
	if d < 0 || t.Before(cur.Truncate(time.Second)) {
		return cur, errClockBackwards
	}
	if t.Before(cur) {
		return cur, nil
	}
	c.offset.Add(int64(t.Sub(cur)))
	return t, nil
}

// Now is the sandbox's current time (UTC, whole seconds, as Twilio's dates).
func (s *Sandbox) Now() time.Time { return s.clock() }

// AdvanceClock moves the sandbox's clock forward by d and closes the
// verifications that expire on the way. It returns the new time.
func (s *Sandbox) AdvanceClock(d time.Duration) (time.Time, error) {
	t, err := s.clk.move(time.Time{}, d)
	if err == nil {
		s.sweep()
	}
	return t.UTC().Truncate(time.Second), err
}

// SetClock moves the sandbox's clock forward to t (never backwards) and
// closes the verifications that expire on the way. It returns the new time.
func (s *Sandbox) SetClock(t time.Time) (time.Time, error) {
	if t.IsZero() {
		return s.Now(), errClockBackwards
	}
	t, err := s.clk.move(t, 0)
	if err == nil {
		s.sweep()
	}
	return t.UTC().Truncate(time.Second), err
}
