package services

import (
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestEmptyPanelSaysWhatToDoAtMinimumSize: at 60 columns an empty panel's
// note wraps in its pane instead of losing "Press n to add one" to a cut.
func TestEmptyPanelSaysWhatToDoAtMinimumSize(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"w", "POSTed to its URL."},
		{"m", "to add one."},
	} {
		s := newShell(t, viewtest.Common(startSandbox(t, false)), 60, 11)
		s.Key(tc.key)
		s.WantScreen(tc.want)
	}
}
