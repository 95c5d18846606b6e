package services

import (
	"strings"
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

// TestUnknownConfigCountryIsRefusedOnTheField: "xx" is two letters but no
// country; the form says so on the field, before any call, input kept.
func TestUnknownConfigCountryIsRefusedOnTheField(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.Key("m")
	s.Key("n")
	s.Type("xx")
	s.Key("tab")
	s.Type("MG" + strings.Repeat("a", 32))
	s.Key("ctrl+s")
	f := s.model().integ.form
	if !s.model().integ.formOpen || f.Get(fMCCountry) != "xx" || !strings.Contains(f.Field(fMCCountry).Err, "XX is not a country") {
		t.Fatalf("form open %v, country %q, field error %q, form error %q", s.model().integ.formOpen, f.Get(fMCCountry), f.Field(fMCCountry).Err, f.Err)
	}
}
