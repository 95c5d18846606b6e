package twilioapi_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// BenchmarkSendCheckPairs measures verification start + correct check
// pairs through twilioapi (twilio-go underneath) against the sandbox over
// loopback HTTP, in parallel. Each goroutine owns one number; an approved
// verification is closed, so the next start makes a new one. The code comes
// from an in-process outbox subscription (what the console's outbox pane
// uses); scanning Outbox() would copy up to 1000 messages per pair.
// Report: pairs/s (wall clock, higher is better), cpu-µs/pair and
// allocs/op (per pair, client and sandbox together: both run in this
// process).
func BenchmarkSendCheckPairs(b *testing.B) {
	c, sb := apitest.Start(b, sandbox.Options{Empty: true})
	ctx := context.Background()
	svc, err := c.CreateService(ctx, twilioapi.ServiceSettings{FriendlyName: ptr("Bench")})
	if err != nil {
		b.Fatal(err)
	}
	var worker atomic.Int64
	// 4 goroutines per core: each spends most of a pair waiting on
	// loopback, so GOMAXPROCS goroutines leave the cores idle.
	b.SetParallelism(4)
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		to := fmt.Sprintf("+1415200%04d", worker.Add(1))
		msgs, stop := sb.Subscribe()
		defer stop()
		for pb.Next() {
			if _, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc.SID, To: to, Channel: twilioapi.ChannelSMS}); err != nil {
				b.Error(err)
				return
			}
			code := nextCode(msgs, to)
			if code == "" {
				// The subscription drops messages when it falls 256
				// behind (another goroutine raced ahead): read the outbox.
				if out := sb.Outbox(to); len(out) > 0 {
					code = out[0].Code
				}
			}
			if code == "" {
				b.Error("nothing delivered to " + to)
				return
			}
			res, err := c.CheckVerification(ctx, twilioapi.CheckParams{ServiceSID: svc.SID, To: to, Code: code})
			if err != nil || !res.Valid {
				b.Errorf("check: %+v %v", res, err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	// CPU per pair (client + sandbox, both in this process): what the pair
	// costs regardless of other load; 2 cores / this = the rate the pair
	// could reach on an otherwise idle 2-core machine.
	if perPair := float64(cpuTime()-cpu0) / float64(b.N); perPair > 0 {
		b.ReportMetric(perPair/1e3, "cpu-µs/pair")
		b.ReportMetric(2e9/perPair, "pairs/s@2cores")
	}
}

// nextCode drains what the subscription holds, without waiting, and returns
// the code of the newest message to `to` ("" when none is there). The
// sandbox delivers before it answers the start, so once the start has
// returned the message is in the channel or was dropped.
func nextCode(msgs <-chan sandbox.Message, to string) string {
	code := ""
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				return code
			}
			if m.To == to {
				code = m.Code
			}
		default:
			return code
		}
	}
}
