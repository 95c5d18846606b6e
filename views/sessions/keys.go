package sessions

import "charm.land/bubbles/v2/key"

// KeyMap holds the Sessions view's bindings. Each program builds its own
// (DefaultKeyMap), so two SSH sessions never share one.
type KeyMap struct {
	Up      key.Binding
	Down    key.Binding
	New     key.Binding
	Lookup  key.Binding
	Check   key.Binding
	Resend  key.Binding
	Cancel  key.Binding
	Approve key.Binding
	Refresh key.Binding
	Copy    key.Binding
	Close   key.Binding
	Details key.Binding

	// Form, code entry and pickers.
	Send       key.Binding
	Back       key.Binding
	NextField  key.Binding
	PrevField  key.Binding
	Left       key.Binding
	Right      key.Binding
	FormLookup key.Binding
}

// DefaultKeyMap returns the default bindings of the Sessions view.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		New:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new session")),
		Lookup:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "lookup")),
		Check:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check code")),
		Resend:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "resend")),
		Cancel:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel")),
		Approve: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "approve")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Copy:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy SNA URL/SID")),
		Close:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "close session")),
		Details: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "error details")),

		Send:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextField:  key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		PrevField:  key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Left:       key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice")),
		Right:      key.NewBinding(key.WithKeys("right", "space"), key.WithHelp("→/space", "next choice")),
		FormLookup: key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "lookup number")),
	}
}
