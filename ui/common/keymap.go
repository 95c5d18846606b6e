package common

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds the key bindings of one program: the shell's global keys
// and the list/form keys every view reuses, so that one `[keys]` table in
// the config file rebinds them everywhere and help always shows the keys
// actually bound. Build one per program with DefaultKeyMap.
type KeyMap struct {
	// Global (handled by the shell).
	Tabs      [5]key.Binding // 1–5: Services, Sessions, TOTP, Guard, Attempts
	NextTab   key.Binding
	PrevTab   key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	Back      key.Binding

	// Lists.
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Select   key.Binding
	Filter   key.Binding
	Refresh  key.Binding

	// Actions.
	New    key.Binding
	Edit   key.Binding
	Delete key.Binding
	Copy   key.Binding

	// Forms.
	NextField key.Binding
	PrevField key.Binding
	Toggle    key.Binding
	Submit    key.Binding
	Cancel    key.Binding

	// Dialogs.
	Confirm key.Binding
	Deny    key.Binding
}

// DefaultKeyMap returns the default bindings.
func DefaultKeyMap() *KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	km := &KeyMap{
		NextTab:   b([]string{"tab"}, "tab", "next view"),
		PrevTab:   b([]string{"shift+tab"}, "shift+tab", "previous view"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit now"),
		Back:      b([]string{"esc"}, "esc", "back"),

		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+d"}, "pgdn", "page down"),
		Home:     b([]string{"home", "g"}, "g/home", "first"),
		End:      b([]string{"end", "G"}, "G/end", "last"),
		Select:   b([]string{"enter"}, "enter", "select"),
		Filter:   b([]string{"/"}, "/", "filter"),
		Refresh:  b([]string{"r"}, "r", "refresh"),

		New:    b([]string{"n"}, "n", "new"),
		Edit:   b([]string{"e"}, "e", "edit"),
		Delete: b([]string{"d"}, "d", "delete"),
		Copy:   b([]string{"c"}, "c", "copy"),

		NextField: b([]string{"tab", "down"}, "tab/↓", "next field"),
		PrevField: b([]string{"shift+tab", "up"}, "shift+tab/↑", "previous field"),
		Toggle:    b([]string{"space"}, "space", "toggle/cycle"),
		Submit:    b([]string{"ctrl+s"}, "ctrl+s", "save"),
		Cancel:    b([]string{"esc"}, "esc", "cancel"),

		Confirm: b([]string{"y", "enter"}, "y/enter", "confirm"),
		Deny:    b([]string{"n", "esc"}, "n/esc", "cancel"),
	}
	names := [5]string{"services", "sessions", "totp", "guard", "attempts"}
	for i := range km.Tabs {
		k := fmt.Sprint(i + 1)
		km.Tabs[i] = b([]string{k}, k, names[i])
	}
	return km
}

// bindings maps config names (the `[keys]` table) to the bindings.
func (km *KeyMap) bindings() map[string]*key.Binding {
	m := map[string]*key.Binding{
		"next_tab": &km.NextTab, "prev_tab": &km.PrevTab, "help": &km.Help,
		"quit": &km.Quit, "force_quit": &km.ForceQuit, "back": &km.Back,
		"up": &km.Up, "down": &km.Down, "page_up": &km.PageUp, "page_down": &km.PageDown,
		"home": &km.Home, "end": &km.End, "select": &km.Select, "filter": &km.Filter,
		"refresh": &km.Refresh, "new": &km.New, "edit": &km.Edit, "delete": &km.Delete,
		"copy": &km.Copy, "next_field": &km.NextField, "prev_field": &km.PrevField,
		"toggle": &km.Toggle, "submit": &km.Submit, "cancel": &km.Cancel,
		"confirm": &km.Confirm, "deny": &km.Deny,
	}
	for i := range km.Tabs {
		m[fmt.Sprintf("tab_%d", i+1)] = &km.Tabs[i]
	}
	return m
}

// BindingNames lists the names Rebind accepts, sorted.
func (km *KeyMap) BindingNames() []string {
	var names []string
	for n := range km.bindings() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Rebind applies the config file's `[keys]` table: each name (e.g. "quit",
// "tab_2", "refresh") gets the listed keys ("ctrl+q", "x"), and its help
// text shows them. Unknown names and empty key lists are reported
// together; valid entries are still applied so one typo does not undo the
// rest. ctrl+c can be given more keys but never loses ctrl+c, so the user
// can always leave.
func (km *KeyMap) Rebind(keys map[string][]string) error {
	all := km.bindings()
	var bad []string
	for name, ks := range keys {
		b, ok := all[strings.ToLower(name)]
		if !ok || len(ks) == 0 {
			bad = append(bad, name)
			continue
		}
		if b == &km.ForceQuit && !slices.Contains(ks, "ctrl+c") {
			ks = append([]string{"ctrl+c"}, ks...)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("[keys]: unknown binding name or no keys: %s (known: %s)",
			strings.Join(bad, ", "), strings.Join(km.BindingNames(), ", "))
	}
	return nil
}

// GlobalHelp is the shell's own bindings, shown after a view's in full help.
func (km *KeyMap) GlobalHelp() []key.Binding {
	return []key.Binding{km.Tabs[0], km.Tabs[1], km.Tabs[2], km.Tabs[3], km.Tabs[4],
		km.NextTab, km.PrevTab, km.Help, km.Quit, km.ForceQuit}
}

// ListHelp is the list-navigation bindings, for views' full help.
func (km *KeyMap) ListHelp() []key.Binding {
	return []key.Binding{km.Up, km.Down, km.PageUp, km.PageDown, km.Home, km.End, km.Filter, km.Refresh}
}

// FormHelp is the form bindings, for views' help while a form is open.
func (km *KeyMap) FormHelp() []key.Binding {
	return []key.Binding{km.NextField, km.PrevField, km.Toggle, km.Submit, km.Cancel}
}

// WithDesc is b with another help description and the same keys: a view
// names what a shared key does there ("use service" for select).
func WithDesc(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}
