package sessions

import (
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestFormExampleFollowsTheProfileCountry: on a profile whose country is
// GB, the To field does not suggest a US national number (which it would
// read as a British one) nor "+44… for another" (+44 is the profile's own
// country).
func TestFormExampleFollowsTheProfileCountry(t *testing.T) {
	cl, _ := apitest.Start(t, sandbox.Options{})
	c := viewtest.Common(cl, func(c *common.Common) { c.DefaultRegion, c.Sandbox = "GB", false })
	h := viewtest.NewHarness[Model](t, c, Entry(), 100, 30)
	page, err := cl.ListServicesPage(t.Context(), 1, "")
	if err != nil || len(page.Services) == 0 {
		t.Fatalf("no demo service: %v", err)
	}
	h.Send(common.ServiceSelectedMsg{Service: page.Services[0]})
	h.Key("n")
	screen := h.Screen()
	if strings.Contains(screen, "(415) 555-0100") || strings.Contains(screen, "+44… for another") ||
		!strings.Contains(screen, "national number, +14155550100") || !strings.Contains(screen, "type +1… for") {
		t.Fatalf("form on a GB profile:\n%s", screen)
	}
}
