package twilioapi

import (
	"net/http"
	"sync/atomic"
	"time"
)

// serverClock is what the client has learnt of the server's clock from
// the Date header of its answers. Verify's times (date_created, expiry)
// are the server's: a console whose own clock is off (or a sandbox whose
// clock was moved on) would count down to the wrong moment.
type serverClock struct {
	offset atomic.Int64 // server minus local, in nanoseconds; 0 when they agree
}

// clockTolerance is the difference below which the clocks are taken to
// agree: a Date header has whole seconds, so smaller offsets are noise.
const clockTolerance = 2 * time.Second

// observe notes the Date header of an answer received at local time at.
func (sc *serverClock) observe(h http.Header, at time.Time) {
	d := h.Get("Date")
	if d == "" {
		return
	}
	server, err := http.ParseTime(d)
	if err != nil {
		return
	}
	// The header drops the fraction: on average the server was half a
	// second further on.
	off := server.Add(500 * time.Millisecond).Sub(at)
	if off > -clockTolerance && off < clockTolerance {
		off = 0
	}
	sc.offset.Store(int64(off))
}

// now is the server's time as far as the client knows.
func (sc *serverClock) now() time.Time {
	return time.Now().Add(time.Duration(sc.offset.Load()))
}

// ServerNow is the time on the server the client talks to (Twilio, or a
// sandbox whose clock was moved), as read from the Date header of its
// latest answer; the local clock until the first answer, or while the two
// agree within two seconds. Screens use it for countdowns and codes.
func (c *Client) ServerNow() time.Time { return c.rt.clock.now() }
