package sessions

import (
	tea "charm.land/bubbletea/v2"
)

// Update implements the view convention.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) { return m, nil }
