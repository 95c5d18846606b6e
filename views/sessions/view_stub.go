package sessions

// View implements the view convention.
func (m Model) View() string { return "Sessions" }
