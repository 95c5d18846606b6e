package services

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestBackCancelsASlowRefresh: esc on the list while a refresh waits on a
// slow Twilio cancels the call (it answers at once instead of after the
// latency) and the view stops waiting: the late answer changes nothing.
func TestBackCancelsASlowRefresh(t *testing.T) {
	cl, sb := apitest.Start(t, sandbox.Options{})
	c := viewtest.Common(cl)
	s := newShell(t, c, 100, 30)
	before := s.M.list.Len()
	sb.SetFaults(sandbox.Faults{Latency: 30 * time.Second})

	v, cmd := s.M.Update(viewtest.Key("r"))
	s.M = v.(Model)
	if !s.M.Busy() || cmd == nil {
		t.Fatal("refresh started no call")
	}
	answered := make(chan []tea.Msg, 1)
	go func() { answered <- viewtest.Run(t, cmd) }()

	s.Key("esc")
	if s.M.Busy() {
		t.Fatal("esc left the refresh in flight")
	}
	if got := s.LastFlash(); got != "loading canceled" {
		t.Fatalf("flash %q", got)
	}
	select {
	case msgs := <-answered:
		var r common.Result[twilioapi.ServicePage]
		for _, m := range msgs {
			if res, ok := m.(common.Result[twilioapi.ServicePage]); ok {
				r = res
			}
		}
		var e *twilioapi.Error
		if !errors.As(r.Err, &e) || !strings.Contains(e.Message, "Canceled") {
			t.Fatalf("the cancelled call answered %v, want a cancel", r.Err)
		}
		s.Send(r)
	case <-time.After(5 * time.Second):
		t.Fatal("the cancelled call still waited for the slow answer")
	}
	if len(s.Errors) != 0 || s.M.list.Len() != before || c.InFlight() != 0 {
		t.Fatalf("after the late answer: errors %v, %d rows (had %d), %d calls in flight", s.Errors, s.M.list.Len(), before, c.InFlight())
	}
}
