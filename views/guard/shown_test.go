package guard

import (
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestLoadsOnlyOnceShown: a program that never opens Guard makes no Guard
// call (one program per SSH visitor); the first ShownMsg loads the Safe
// List and the service chosen meanwhile.
func TestLoadsOnlyOnceShown(t *testing.T) {
	c := viewtest.Common(nil)
	m := New(c)
	if m.Init() != nil {
		t.Fatal("Init starts calls before the tab is shown")
	}
	v, cmd := m.Update(common.ServiceSelectedMsg{Service: twilioapi.Service{SID: "VA" + "0123456789abcdef0123456789abcdef"}})
	if cmd != nil {
		t.Fatal("a new service loads panels of a tab never shown")
	}
	v, cmd = v.Update(common.ShownMsg{})
	if cmd == nil || v.(Model).reqs.Len() < 2 {
		t.Fatalf("the first show loads nothing (%d requests)", v.(Model).reqs.Len())
	}
	if _, cmd = v.Update(common.ShownMsg{}); cmd != nil {
		t.Fatal("showing it again loads again")
	}
}
