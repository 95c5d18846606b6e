package sandbox

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// BenchmarkFactorCreateWebhook measures the API latency of a factor
// creation (which queues a factor.created delivery) with no webhook, with
// a receiver that answers at once and with one that takes 200 ms: the
// answer must not wait for the delivery.
func BenchmarkFactorCreateWebhook(b *testing.B) {
	for _, tc := range []struct {
		name  string
		delay time.Duration
		hook  bool
	}{{"none", 0, false}, {"fast", 0, true}, {"slow200ms", 200 * time.Millisecond, true}} {
		b.Run(tc.name, func(b *testing.B) {
			e := newEnv(b, Options{WebhookTimeout: time.Second})
			rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { time.Sleep(tc.delay) }))
			b.Cleanup(rc.Close)
			if tc.hook {
				if _, err := e.v.CreateWebhook(e.demo, (&verify.CreateWebhookParams{}).SetFriendlyName("bench").
					SetEventTypes([]string{"factor.created"}).SetWebhookUrl(rc.URL+"/h")); err != nil {
					b.Fatal(err)
				}
			}
			p := (&verify.CreateNewFactorParams{}).SetFriendlyName("Phone").SetFactorType("totp")
			i := 0
			for b.Loop() {
				i++
				if _, err := e.v.CreateNewFactor(e.demo, fmt.Sprintf("bench-%08d", i), p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
