package attempts

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// goldenSeed is how many attempts the golden files' sandbox holds: its
// seeded history is the same at every run (seed 1, fixed clock).
const goldenSeed = 3000

// steady replaces what the sandbox makes up at each start (service and
// account SIDs; the seeded attempts' own SIDs are fixed) with fixed
// stand-ins, services in name order.
func (h *harness) steady(s string) string {
	h.T().Helper()
	page, err := h.client.ListServicesPage(context.Background(), 50, "")
	if err != nil {
		h.T().Fatal(err)
	}
	svcs := page.Services
	slices.SortFunc(svcs, func(a, b twilioapi.Service) int { return strings.Compare(a.FriendlyName, b.FriendlyName) })
	pairs := []string{twilioapi.MaskSID(h.sb.AccountSID()), "AC…0000"}
	for i, sv := range svcs {
		fixed := fmt.Sprintf("VA%032x", i+1)
		pairs = append(pairs, sv.SID, fixed, shortSID(sv.SID), shortSID(fixed))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// twilioURLs points the loaded attempts' URLs at Twilio instead of the
// sandbox's port of this run (the sandbox answers with the host it was
// reached at), before they are drawn.
func (h *harness) twilioURLs() {
	fix := func(a twilioapi.Attempt) twilioapi.Attempt {
		a.URL = strings.Replace(a.URL, h.base, "https://verify.twilio.com", 1)
		return a
	}
	for _, a := range h.M.list.Items() {
		if strings.HasPrefix(a.URL, h.base) {
			h.M.list.Replace(fix(a))
		}
	}
	if h.M.fresh != nil {
		a := fix(*h.M.fresh)
		h.M.fresh = &a
	}
}

// TestGolden draws the log (with the selected attempt below it), the
// attempt in full and the insights at 80×24 and 160×48, as text.
func TestGolden(t *testing.T) {
	states := map[string]func(h *harness){
		"log": func(h *harness) { h.keys("down", "down") },
		"detail": func(h *harness) {
			h.keys("down", "down", "enter")
		},
		"insights": func(h *harness) {
			h.Key("i")
			h.settle()
		},
		"filtered": func(h *harness) {
			h.fillFilter(fieldCountry, "NG", fieldStatus, "unconverted")
		},
	}
	for _, name := range []string{"log", "detail", "insights", "filtered"} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				h := newHarness(t, goldenSeed, size[0], size[1])
				states[name](h)
				h.twilioURLs()
				golden.RequireEqual(t, []byte(h.steady(ansi.Strip(h.M.View()))))
			})
		}
	}
}

// TestMinimumSize: every state fits 60×16 exactly.
func TestMinimumSize(t *testing.T) {
	h := newHarness(t, 500, 60, 16)
	check := func(what string) {
		t.Helper()
		lines := strings.Split(h.M.View(), "\n")
		if len(lines) != 16 {
			t.Fatalf("%s: %d lines", what, len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w != 60 {
				t.Fatalf("%s: line %d is %d wide: %q", what, i, w, ansi.Strip(l))
			}
		}
	}
	check("log")
	h.Key("i")
	h.settle()
	check("insights")
	h.keys("i", "enter")
	check("detail")
	h.keys("esc", "f")
	check("filter form")
	h.keys("esc", "x")
	check("export form")
}
