package twilioapi_test

import (
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// TestServerNowFollowsTheServerClock: the client's ServerNow is the
// local time while the server agrees, and the server's once its clock is
// elsewhere (a sandbox moved on ten minutes, or one that runs a day
// behind), learnt from the Date header of the next answer.
func TestServerNowFollowsTheServerClock(t *testing.T) {
	call := func(c *twilioapi.Client) {
		t.Helper()
		if _, err := c.ListServicesPage(t.Context(), 20, ""); err != nil {
			t.Fatal(err)
		}
	}
	near := func(what string, got, want time.Time) {
		t.Helper()
		if d := got.Sub(want); d < -2*time.Second || d > 2*time.Second {
			t.Errorf("%s: ServerNow %s, want about %s", what, got.Format(time.DateTime), want.Format(time.DateTime))
		}
	}

	clock := sandbox.NewManualClock(time.Now())
	c, _ := apitest.Start(t, sandbox.Options{Clock: clock.Now})
	call(c)
	if d := c.ServerNow().Sub(time.Now()); d < -time.Second || d > time.Second {
		t.Errorf("clocks that agree: ServerNow is %s off", d)
	}
	clock.Advance(10 * time.Minute)
	call(c)
	near("moved on", c.ServerNow(), clock.Now())

	behind := sandbox.NewManualClock(time.Now().Add(-24 * time.Hour))
	c2, _ := apitest.Start(t, sandbox.Options{Clock: behind.Now})
	near("before any answer", c2.ServerNow(), time.Now())
	call(c2)
	near("a day behind", c2.ServerNow(), behind.Now())
}
