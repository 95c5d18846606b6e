package attempts

import (
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestLoadsOnlyOnceShown: the log loads when the tab is first shown, not
// at the program's start, and only once.
func TestLoadsOnlyOnceShown(t *testing.T) {
	m := New(viewtest.Common(nil))
	if m.Init() != nil || m.reqs.Len() != 0 {
		t.Fatal("calls before the tab is shown")
	}
	v, cmd := m.Update(common.ShownMsg{})
	if cmd == nil || v.(Model).reqs.Len() != 2 {
		t.Fatalf("the first show: %d requests", v.(Model).reqs.Len())
	}
	if _, cmd = v.Update(common.ShownMsg{}); cmd != nil {
		t.Fatal("showing it again loads again")
	}
}
