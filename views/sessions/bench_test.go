package sessions

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// BenchmarkKeypressFrame200Sessions is one keypress (↓ or ↑ in the list)
// and the frame after it, with 200 open sessions, at 160×48. Target: well
// under 16 ms.
func BenchmarkKeypressFrame200Sessions(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m, _ := goldenModel(t0.Add(time.Minute), size[0], size[1])
			c := m.c
			c.Styles = common.NewStyles(common.DarkTheme())
			for i := m.list.Len(); i < 200; i++ {
				s := addSession(&m, fmt.Sprintf("+1415555%04d", 1000+i), fmt.Sprintf("VE%032d", i), twilioapi.ChannelSMS)
				s.outbox = []twilioapi.OutboxMessage{{Channel: twilioapi.ChannelSMS, Body: "Your code is 123456", Code: "123456", DateCreated: t0}}
				m.record(s, "send sms", "pending")
			}
			m.list.SetCursor(100)
			down, up := viewtest.Key("down"), viewtest.Key("up")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := down
				if i%2 == 1 {
					k = up
				}
				m, _ = m.update(k)
				_ = m.View()
			}
		})
	}
}

// benchNumber is the i-th valid US number the sandbox treats as a mobile, one per
// verification so the send limit never binds.
func benchNumber(i int) string { return fmt.Sprintf("+1212%03d%04d", 200+i/10000%800, i%10000) }

// resultOf runs a call's Cmd (the network part) and returns its result.
func resultOf(b *testing.B, cmd tea.Cmd) tea.Msg {
	b.Helper()
	if cmd == nil {
		b.Fatal("no command")
	}
	msg, ok := cmd().(interface{ Failure() error })
	if !ok {
		b.Fatalf("not a call: %T", msg)
	}
	if err := msg.Failure(); err != nil {
		b.Fatal(err)
	}
	return msg
}

// timedEnter presses enter (a send from the form or a check from the code
// field), runs the call untimed and hands its result back; it returns the
// time spent in the two Updates, the view's own share.
func timedEnter(b *testing.B, h *harness) time.Duration {
	start := time.Now()
	m, cmd := h.M.update(viewtest.Key("enter"))
	view := time.Since(start)
	res := resultOf(b, cmd)
	start = time.Now()
	h.M, _ = m.update(res)
	return view + time.Since(start)
}

// BenchmarkSendOverhead is one send from the form against the sandbox.
// ns/op includes the HTTP round trip; view-ns/op is the view's own share
// (validating and building the call, then taking in the answer), measured
// around the two Updates only.
func BenchmarkSendOverhead(b *testing.B) {
	h := newHarness(b, 160, 48)
	var view time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.M.mode = modeForm
		h.M.form.form.Field(fieldTo).Input.SetValue(benchNumber(i))
		h.M.form.refresh("US")

		view += timedEnter(b, h)
		if h.M.list.Len() > 50 {
			h.M.closeSession(h.M.list.Items()[0])
		}
	}
	b.ReportMetric(float64(view.Nanoseconds())/float64(b.N), "view-ns/op")
}

// BenchmarkCheckOverhead is one (wrong) code check against the sandbox;
// view-ns/op as in BenchmarkSendOverhead. A new verification is started,
// untimed, whenever the current one has one check left.
func BenchmarkCheckOverhead(b *testing.B) {
	h := newHarness(b, 160, 48)
	n := 0
	fresh := func() {
		n++
		h.M.mode = modeForm
		h.M.form.form.Field(fieldTo).Input.SetValue(benchNumber(n))
		h.M.form.refresh("US")
		m, cmd := h.M.update(viewtest.Key("enter"))
		h.M, _ = m.update(resultOf(b, cmd))
		if h.M.list.Len() > 50 {
			h.M.closeSession(h.M.list.Items()[0])
		}
	}
	fresh()
	var view time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if h.M.current().checksLeft() <= 1 {
			b.StopTimer()
			fresh()
			b.StartTimer()
		}
		h.M.mode = modeCode
		h.M.current().codeDraft = "000000"
		view += timedEnter(b, h)
	}
	b.ReportMetric(float64(view.Nanoseconds())/float64(b.N), "view-ns/op")
}
