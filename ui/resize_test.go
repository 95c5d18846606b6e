package ui

import (
	"math/rand/v2"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// sizes is a fixed grid of edge sizes plus seeded random ones (the same
// every run).
func sizes() [][2]int {
	edges := []int{0, 1, 2, 3, 5, 15, 16, 17, 24, 59, 60, 61, 80, 110, 160, 300}
	var out [][2]int
	for _, w := range edges {
		for _, h := range edges {
			out = append(out, [2]int{w, h})
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 40; i++ {
		out = append(out, [2]int{r.IntN(250) + 1, r.IntN(100) + 1})
	}
	return out
}

// TestResizeAnySize is the property test: every view, and the shell in
// each of its states, takes a WindowSizeMsg of any size (1×1 included)
// without panicking, and the shell's frame always fits the window
// exactly.
func TestResizeAnySize(t *testing.T) {
	base, _ := newTestModel(t, 100, 30, common.ThemeDark, nil)
	base = fixtureOutbox(loadFixture(t, base))
	states := map[string]Model{"list": base}
	m, _ := base.update(viewtest.Key("n"))
	states["form"] = m
	m, _ = base.update(common.ConfirmMsg{Title: "Delete service", Body: "Really delete this?", TypeToConfirm: "Sandbox Demo"})
	states["confirm"] = m
	m, _ = base.update(viewtest.Key("?"))
	states["help"] = m
	m, _ = base.update(viewtest.Key("2"))
	states["sessions"] = m
	m, _ = base.update(common.FlashMsg{Level: common.FlashError, Text: "a long flash message that will not fit in a narrow status line"})
	states["flash"] = m

	for _, sz := range sizes() {
		w, h := sz[0], sz[1]
		msg := tea.WindowSizeMsg{Width: w, Height: h}
		for name, st := range states {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("shell %s at %d×%d panicked: %v", name, w, h, r)
					}
				}()
				m, _ := st.update(msg)
				checkFrame(t, m.Render(), w, h)
			}()
		}
		c := base.c
		for i, e := range Registry() {
			viewCheck(t, e.Title, w, h, func() {
				v, _ := e.New(c).Update(msg)
				_ = v.View()
				v2, _ := base.views[i].SetSize(w, h).Update(msg)
				_ = v2.View()
			})
		}
	}
}

func viewCheck(t *testing.T, name string, w, h int, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s view at %d×%d panicked: %v", name, w, h, r)
		}
	}()
	f()
}
