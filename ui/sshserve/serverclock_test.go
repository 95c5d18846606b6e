package sshserve

import (
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// TestSessionFollowsServerClock: a visitor's console counts down in the
// time of the server it talks to, as the local console does, not in the
// SSH host's: against a sandbox whose clock is three hours ahead (moved
// on, or a host whose clock is off), a fresh code expires in 10:00, not
// in three hours and ten minutes.
func TestSessionFollowsServerClock(t *testing.T) {
	const token = "serverClockToken1234567890abcdef"
	clk := sandbox.NewManualClock(time.Now().Add(3 * time.Hour).Truncate(time.Second))
	_, creds := deskSandbox(t, sandbox.Options{AuthToken: token, Clock: clk.Now})

	ts := startServer(t, func(o *Options) { o.Live, o.Creds = true, creds })
	c := openConsole(t, dialKey(t, ts.addr, "bob", ts.key), 110, 30)
	c.waitFor("Sandbox Demo", wait)
	c.press("2")
	c.waitFor("No sessions yet", wait)
	c.press("n")
	c.press("+14155550100\r")
	c.waitFor("expires in 10:00", wait)
}
