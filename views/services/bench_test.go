package services

import (
	"fmt"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// benchServices builds n services with varied settings.
func benchServices(n int) []twilioapi.Service {
	out := make([]twilioapi.Service, n)
	for i := range out {
		out[i] = twilioapi.Service{
			SID:           fmt.Sprintf("VA%032x", i),
			AccountSID:    "AC0123456789abcdef0123456789abcdef",
			FriendlyName:  fmt.Sprintf("Service %05d", i),
			CodeLength:    4 + i%7,
			LookupEnabled: i%2 == 0, PSD2Enabled: i%3 == 0, SkipSMSToLandlines: i%5 == 0,
			TOTP:        twilioapi.TOTPSettings{TimeStep: 30, CodeLength: 6, Skew: 1},
			DateCreated: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		}
	}
	return out
}

// BenchmarkView5000 is one frame of the Services view with 5,000 loaded
// services at 200×60 (target: under 2 ms). The cursor sits mid-list so
// scrolling is exercised.
func BenchmarkView5000(b *testing.B) {
	m := New(viewtest.Common(nil)).setSize(200, 60)
	m.list.SetItems(benchServices(5000), "")
	m.list.SetCursor(2500)
	m.current = m.list.Items()[0].SID
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkFilter5000 is one filter keystroke over 5,000 services plus
// the frame after it.
func BenchmarkFilter5000(b *testing.B) {
	m := New(viewtest.Common(nil)).setSize(200, 60)
	m.list.SetItems(benchServices(5000), "")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.list.SetFilter(fmt.Sprintf("service 0%d", i%10))
		i++
		_ = m.View()
	}
}
