package services

import (
	"charm.land/bubbles/v2/key"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Every key of this view is a binding of the program's common.KeyMap
// (m.c.Keys), so the config's `[keys]` table rebinds it and help shows
// the key actually bound.

// ShortHelp implements help.KeyMap: the keys of the current mode.
func (m Model) ShortHelp() []key.Binding {
	km := m.c.Keys
	switch {
	case m.formOpen:
		// Save and cancel first: on a narrow screen they are what must
		// not be cut off.
		return []key.Binding{km.Submit, km.Cancel, km.NextField, km.Toggle}
	case m.list.Filtering():
		return []key.Binding{common.WithDesc(km.Select, "keep filter"), common.WithDesc(km.Back, "clear filter")}
	}
	return append(append([]key.Binding{common.WithDesc(km.Select, "use service"), km.Filter}, m.changeKeys()...), common.WithDesc(km.Copy, "copy SID"), km.Refresh)
}

// changeKeys are the keys that change services: none in read-only mode,
// where they are refused, so help does not offer them.
func (m Model) changeKeys() []key.Binding {
	if m.c.ReadOnly {
		return nil
	}
	km := m.c.Keys
	return []key.Binding{km.New, km.Edit, km.Delete}
}

// FullHelp implements help.KeyMap: every key of the view, in columns.
func (m Model) FullHelp() [][]key.Binding {
	km := m.c.Keys
	if m.formOpen {
		return [][]key.Binding{km.FormHelp()}
	}
	return [][]key.Binding{
		km.ListHelp(),
		append(append([]key.Binding{common.WithDesc(km.Select, "use service")}, m.changeKeys()...), common.WithDesc(km.Copy, "copy SID")),
		{km.DetailUp, km.DetailDown},
	}
}
