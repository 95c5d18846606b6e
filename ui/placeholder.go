package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// placeholder stands in for a view a later issue builds: one line that
// says so, and the view convention's methods.
type placeholder struct {
	c    *common.Common
	name string
	w, h int
	// hook, when set, runs on every Update (tests use it to make a view
	// panic); nil in the program.
	hook func(tea.Msg)
}

func (p placeholder) Init() tea.Cmd                         { return nil }
func (p placeholder) Update(tea.Msg) (placeholder, tea.Cmd) { return p, nil }
func (p placeholder) SetSize(w, h int) placeholder          { p.w, p.h = w, h; return p }
func (p placeholder) ShortHelp() []key.Binding              { return nil }
func (p placeholder) FullHelp() [][]key.Binding             { return nil }
func (p placeholder) Capturing() bool                       { return false }
func (p placeholder) Busy() bool                            { return false }
func (p placeholder) Pending() bool                         { return false }
func (p placeholder) View() string {
	return common.Fit(p.c.Styles.Subtle.Render(p.name+": not built yet (a later issue adds this view)."), p.w, p.h)
}
