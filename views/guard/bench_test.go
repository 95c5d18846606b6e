package guard

import (
	"fmt"
	"testing"

	"github.com/twilio-verify/twilio-verify/internal/safelist"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// BenchmarkView draws each panel at 160×48, the Safe List and blocked
// sends full (200 numbers, 100 blocked attempts): what a keypress costs.
func BenchmarkView(b *testing.B) {
	for s := section(0); s < numSections; s++ {
		b.Run(s.fileName(), func(b *testing.B) {
			m := goldenModel(b, false, 160, 48)
			m.safe.entries = nil
			for i := 0; i < safelist.MaxPerAccount; i++ {
				m.safe.entries = append(m.safe.entries, safeEntry{Entry: safelist.Entry{Number: fmt.Sprintf("+1415555%04d", i), Added: viewtest.FixedNow}, status: safeOnList})
			}
			m.blocked.attempts = nil
			for i := 0; i < maxBlocked; i++ {
				m.blocked.attempts = append(m.blocked.attempts, twilioapi.Attempt{To: fmt.Sprintf("+1415555%04d", i), Country: "US", ErrorCode: 60410, DateCreated: viewtest.FixedNow})
			}
			m.sec, m.inPane = s, true
			m.cursors[s] = m.rowCount(s) / 2
			m.keepInView()
			b.ReportAllocs()
			for b.Loop() {
				m, _ = m.update(viewtest.Key("down"))
				m.keepInView()
				_ = m.View()
			}
		})
	}
}
