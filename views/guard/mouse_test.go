package guard

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// wheeledRiskCheck is the Risk check panel at 60×12, wheeled down 30
// times: past its cursor row, to its end.
func wheeledRiskCheck(t *testing.T) *shell {
	s := newShell(t)
	s.Send(tea.WindowSizeMsg{Width: 60, Height: 12})
	s.open(secRiskCheck)
	for range 30 {
		s.Send(tea.MouseWheelMsg{X: 40, Y: 5, Button: tea.MouseWheelDown})
	}
	return s
}

// TestWheelScrollsPastTheCursorRow: the wheel over a panel reads it to
// its end, as J does, even when that takes the cursor row out of sight.
func TestWheelScrollsPastTheCursorRow(t *testing.T) {
	s := wheeledRiskCheck(t)
	wheel := s.M.offsets[secRiskCheck].Offset
	for range 30 {
		s.Key("J")
	}
	if j := s.M.offsets[secRiskCheck].Offset; wheel != j {
		t.Fatalf("the wheel stopped at line %d, J reaches %d:\n%s", wheel, j, s.Screen())
	}
}

// otherViewsTick stands for the messages the shell hands every view (a
// session's poll, a TOTP code's countdown, a cursor blink).
type otherViewsTick struct{}

// TestHandScrollSurvivesOtherViewsMessages: a panel scrolled by hand
// (the wheel, J) past its cursor row stays where the user put it when a
// message for another view arrives; it jumped back to the cursor row, so
// with a session pending the wheel seemed stuck.
func TestHandScrollSurvivesOtherViewsMessages(t *testing.T) {
	s := wheeledRiskCheck(t)
	end := s.M.offsets[secRiskCheck].Offset
	s.Send(otherViewsTick{})
	if got := s.M.offsets[secRiskCheck].Offset; got != end {
		t.Fatalf("a message for another view moved the panel from line %d to %d", end, got)
	}
	s.Key("up") // moving the cursor brings its row back into view
	if got := s.M.offsets[secRiskCheck].Offset; got == end {
		t.Fatalf("the cursor moved, the panel stayed at line %d:\n%s", got, s.Screen())
	}
}

// TestClickSelectsPanelRow: with --mouse a click on a panel's row (a
// RiskCheck choice) gives the panel the keys and puts the cursor there,
// as a click on a list row does elsewhere; it only focused the panel.
func TestClickSelectsPanelRow(t *testing.T) {
	s := newShell(t)
	s.open(secRiskCheck)
	s.Key("esc")
	for y, line := range strings.Split(s.Screen(), "\n") {
		if i := strings.Index(line, "( ) disable"); i >= 0 {
			s.Send(tea.MouseClickMsg{X: ansi.StringWidth(line[:i]), Y: y, Button: tea.MouseLeft})
			break
		}
	}
	if !s.M.inPane || riskCheckChoices()[s.M.cursors[secRiskCheck]] != "disable" {
		t.Fatalf("click on the disable choice: in pane %v, cursor %d:\n%s", s.M.inPane, s.M.cursors[secRiskCheck], s.Screen())
	}
}
