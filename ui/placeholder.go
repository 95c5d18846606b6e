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
	// hook, when set, runs on every Update (tests use it to watch
	// deliveries or make a view panic); nil in the program.
	hook func(tea.Msg)
	// drawHook, when set, runs on every View (tests make drawing panic).
	drawHook func()
}

// Init implements the view convention.
func (p placeholder) Init() tea.Cmd { return nil }

// Update implements the view convention.
func (p placeholder) Update(msg tea.Msg) (placeholder, tea.Cmd) {
	if p.hook != nil {
		p.hook(msg)
	}
	return p, nil
}

// SetSize implements the view convention.
func (p placeholder) SetSize(w, h int) placeholder { p.w, p.h = w, h; return p }

// ShortHelp implements help.KeyMap.
func (p placeholder) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (p placeholder) FullHelp() [][]key.Binding { return nil }

// Capturing implements the view convention.
func (p placeholder) Capturing() bool { return false }

// Busy implements the view convention.
func (p placeholder) Busy() bool { return false }

// Pending implements the view convention.
func (p placeholder) Pending() bool { return false }

// View implements the view convention.
func (p placeholder) View() string {
	if p.drawHook != nil {
		p.drawHook()
	}
	return common.Fit(p.c.Styles.Subtle.Render(p.name+": not built yet (a later issue adds this view)."), p.w, p.h)
}
