package totp

import "testing"

// TestNarrowPaneWrapsSentences: at the minimum width the factor pane and
// the form wrap their sentences instead of cutting them ("…answered by
// the app's SDK; h…").
func TestNarrowPaneWrapsSentences(t *testing.T) {
	h := newHarness(t, 60, 30)
	h.pushFactor("bob-0002-abcd", "Pixel 8")
	h.selectEntity("bob-0002-abcd")
	h.wantScreen("Push factors are created and answered by the app's SDK; here they can be inspected and deleted.")
	h.Key("esc")
	h.Key("n")
	h.M.form.Field(fieldIdentity).Input.SetValue("14155550100")
	h.wantScreen("identities must not be PII.")
}
