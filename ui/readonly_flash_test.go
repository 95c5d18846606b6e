package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestReadOnlyRefusalFitsTheStatusLine: at 80 columns, beside the
// SANDBOX and READ-ONLY badges, the status line still says the action was
// refused (the wording puts the verdict first, where a cut cannot reach).
func TestReadOnlyRefusalFitsTheStatusLine(t *testing.T) {
	m, _ := newTestModel(t, 80, 24, common.ThemePlain, func(o *CommonOptions) { o.ReadOnly = true })
	m = loadFixture(t, m)
	for _, msg := range viewtest.Run(t, common.ReadOnlyRefused()) {
		m, _ = m.update(msg)
	}
	lines := strings.Split(ansi.Strip(m.Render()), "\n")
	status := lines[len(lines)-2]
	if !strings.Contains(status, twilioapi.ReadOnlyMessage) {
		t.Fatalf("status line %q does not say in full that the action was refused", status)
	}
}
