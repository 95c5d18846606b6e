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
			code := ""
			for code == "" {
				m, ok := <-msgs // delivered before the start's answer was written
				if !ok {
					b.Error("outbox subscription closed")
					return
				}
				if m.To == to {
					code = m.Code
				}
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
