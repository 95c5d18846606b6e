package common

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds the key bindings of one program: the shell's global keys,
// the list/form keys every view reuses and each view's own keys, so that one `[keys]` table in
// the config file rebinds them everywhere and help always shows the keys
// actually bound. Build one per program with DefaultKeyMap.
type KeyMap struct {
	// Global (handled by the shell). Tabs has one binding per view of
	// the shell's registry, in tab order (SetViews).
	Tabs      []key.Binding
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

	// Services: scroll the detail pane of the selected service.
	DetailUp   key.Binding
	DetailDown key.Binding

	// Sessions: the actions on the selected session. CancelVerification
	// is not Cancel: that one closes forms (esc), this one cancels a
	// pending verification at Twilio (x).
	Check              key.Binding
	Resend             key.Binding
	CancelVerification key.Binding
	Approve            key.Binding
	Lookup             key.Binding
	CloseSession       key.Binding
	Details            key.Binding

	// Sessions: the new-session form and the resend channel picker.
	Send         key.Binding
	LookupNumber key.Binding
	PrevChoice   key.Binding
	NextChoice   key.Binding

	// views names the views the Tabs are for (tab_1 = views[0]).
	views []string
	// defined is the views' own bindings (Define), by name, in the
	// order they were defined.
	defined []*KeyDef
	// viewKeys says which defined bindings belong to which view
	// (DefineView), for the collision check.
	viewKeys []viewKeyNames
}

// KeyDef declares one of a view's own bindings: its `[keys]` name, its
// default keys and help. Views declare theirs in the shell's registry, so
// the config file rebinds them and help shows them like every other key.
type KeyDef struct {
	Name       string
	Keys       []string
	Help, Desc string
	binding    key.Binding
}

// entry is one binding of the keymap: its `[keys]` name, where it lives
// in the KeyMap, and its default keys and help.
type entry struct {
	name       string
	b          *key.Binding
	keys       []string
	help, desc string
}

// entries lists every binding of km once, so that a binding's default
// and its `[keys]` name cannot drift apart.
func (km *KeyMap) entries() []entry {
	es := []entry{
		// Global (handled by the shell).
		{"next_tab", &km.NextTab, []string{"tab"}, "tab", "next view"},
		{"prev_tab", &km.PrevTab, []string{"shift+tab"}, "shift+tab", "previous view"},
		{"help", &km.Help, []string{"?"}, "?", "help"},
		{"quit", &km.Quit, []string{"q"}, "q", "quit"},
		{"force_quit", &km.ForceQuit, []string{"ctrl+c"}, "ctrl+c", "quit now"},
		{"back", &km.Back, []string{"esc"}, "esc", "back"},
		// Lists and actions.
		{"up", &km.Up, []string{"up", "k"}, "↑/k", "up"},
		{"down", &km.Down, []string{"down", "j"}, "↓/j", "down"},
		{"page_up", &km.PageUp, []string{"pgup", "ctrl+u"}, "pgup", "page up"},
		{"page_down", &km.PageDown, []string{"pgdown", "ctrl+d"}, "pgdn", "page down"},
		{"home", &km.Home, []string{"home", "g"}, "g/home", "first"},
		{"end", &km.End, []string{"end", "G"}, "G/end", "last"},
		{"select", &km.Select, []string{"enter"}, "enter", "select"},
		{"filter", &km.Filter, []string{"/"}, "/", "filter"},
		{"refresh", &km.Refresh, []string{"r"}, "r", "refresh"},
		{"new", &km.New, []string{"n"}, "n", "new"},
		{"edit", &km.Edit, []string{"e"}, "e", "edit"},
		{"delete", &km.Delete, []string{"d"}, "d", "delete"},
		{"copy", &km.Copy, []string{"c"}, "c", "copy"},
		// Forms and dialogs.
		{"next_field", &km.NextField, []string{"tab", "down"}, "tab/↓", "next field"},
		{"prev_field", &km.PrevField, []string{"shift+tab", "up"}, "shift+tab/↑", "previous field"},
		{"toggle", &km.Toggle, []string{"space"}, "space", "toggle/cycle"},
		{"submit", &km.Submit, []string{"ctrl+s"}, "ctrl+s", "save"},
		{"cancel", &km.Cancel, []string{"esc"}, "esc", "cancel"},
		{"confirm", &km.Confirm, []string{"y", "enter"}, "y/enter", "confirm"},
		{"deny", &km.Deny, []string{"n", "esc"}, "n/esc", "cancel"},
		// Services.
		{"scroll_detail_up", &km.DetailUp, []string{"K", "shift+up"}, "K", "scroll details up"},
		{"scroll_detail_down", &km.DetailDown, []string{"J", "shift+down"}, "J", "scroll details down"},
		// Sessions.
		{"check", &km.Check, []string{"enter"}, "enter", "check code"},
		{"resend", &km.Resend, []string{"s"}, "s", "resend"},
		{"cancel_verification", &km.CancelVerification, []string{"x"}, "x", "cancel"},
		{"approve", &km.Approve, []string{"a"}, "a", "approve"},
		{"lookup", &km.Lookup, []string{"l"}, "l", "lookup"},
		{"close_session", &km.CloseSession, []string{"w"}, "w", "close session"},
		{"details", &km.Details, []string{"e"}, "e", "error details"},
		{"send", &km.Send, []string{"enter"}, "enter", "send"},
		{"lookup_number", &km.LookupNumber, []string{"ctrl+l"}, "ctrl+l", "lookup number"},
		{"prev_choice", &km.PrevChoice, []string{"left"}, "←", "previous choice"},
		{"next_choice", &km.NextChoice, []string{"right", "space"}, "→/space", "next choice"},
	}
	for i := range km.Tabs {
		k := fmt.Sprint(i + 1)
		es = append(es, entry{fmt.Sprintf("tab_%d", i+1), &km.Tabs[i], []string{k}, k, km.views[i]})
	}
	for _, d := range km.defined {
		es = append(es, entry{d.Name, &d.binding, d.Keys, d.Help, d.Desc})
	}
	return es
}

// DefaultKeyMap returns the default bindings (no tabs until SetViews).
func DefaultKeyMap() *KeyMap {
	km := &KeyMap{}
	km.reset()
	return km
}

// reset sets every binding to its default.
func (km *KeyMap) reset() {
	for _, e := range km.entries() {
		*e.b = key.NewBinding(key.WithKeys(e.keys...), key.WithHelp(e.help, e.desc))
	}
}

// SetViews gives the keymap one tab binding per view, in tab order: keys
// 1…9 (tab_1…tab_9 in `[keys]`), described by the view's title. Tabs
// that already exist keep their (perhaps rebound) keys. Call it before
// Rebind.
func (km *KeyMap) SetViews(titles []string) {
	tabs := make([]key.Binding, len(titles))
	km.views = make([]string, len(titles))
	for i, t := range titles {
		km.views[i] = strings.ToLower(t)
		if i < len(km.Tabs) {
			tabs[i] = km.Tabs[i]
			tabs[i].SetHelp(tabs[i].Help().Key, km.views[i])
			continue
		}
		k := fmt.Sprint(i + 1)
		tabs[i] = key.NewBinding(key.WithKeys(k), key.WithHelp(k, km.views[i]))
	}
	km.Tabs = tabs
}

// KeyName is how a sentence on screen names a binding, the same in every
// view: the first key of its help ("s", "enter", "tab" of "tab/↓", "n" of
// a rebinding to "n/ctrl+n"), so a rebinding shows up in the hints as
// well as in help.
func KeyName(b key.Binding) string {
	h := b.Help().Key
	if first, _, ok := strings.Cut(h, "/"); ok && first != "" {
		return first
	}
	return h
}

// ViewName is how a text names a view, with its tab key when the view is
// registered: "Services (1)", else just the title.
func (km *KeyMap) ViewName(title string) string {
	for i, v := range km.views {
		if v == strings.ToLower(title) && i < len(km.Tabs) {
			return title + " (" + km.Tabs[i].Help().Key + ")"
		}
	}
	return title
}

// Define adds a view's own bindings with their defaults (a name already
// defined keeps its first definition). Call it before Rebind.
func (km *KeyMap) Define(defs ...KeyDef) {
	for _, d := range defs {
		if km.Has(d.Name) {
			continue
		}
		d.binding = key.NewBinding(key.WithKeys(d.Keys...), key.WithHelp(d.Help, d.Desc))
		km.defined = append(km.defined, &d)
	}
}

// Has reports whether name is a binding of the keymap.
func (km *KeyMap) Has(name string) bool {
	_, ok := km.bindings()[name]
	return ok
}

// Get is the binding called name (a view's own, from Define). An unknown
// name gives a disabled binding that matches nothing, so a view built
// without its registry line does not act on stray keys.
func (km *KeyMap) Get(name string) key.Binding {
	for _, d := range km.defined {
		if d.Name == name {
			return d.binding
		}
	}
	return key.NewBinding(key.WithDisabled())
}

// bindings maps config names (the `[keys]` table) to the bindings.
func (km *KeyMap) bindings() map[string]*key.Binding {
	m := map[string]*key.Binding{}
	for _, e := range km.entries() {
		m[e.name] = e.b
	}
	return m
}

// ByName is the binding called name (any `[keys]` name: a shared key, a
// tab, a view's own key), for tools that drive the console by binding
// name (end-to-end scripts, the README's key table).
func (km *KeyMap) ByName(name string) (key.Binding, bool) {
	b, ok := km.bindings()[name]
	if !ok {
		return key.Binding{}, false
	}
	return *b, true
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
// text shows them. Unknown names, empty key lists and keys that collide
// with another binding live at the same time (resend = ["q"] would
// shadow quit in the Sessions view; see keyGroups) are reported
// together; a colliding entry keeps its default keys, and valid entries
// are still applied so one mistake does not undo the rest. ctrl+c can be
// given more keys but never loses ctrl+c, so the user can always leave.
func (km *KeyMap) Rebind(keys map[string][]string) error {
	all := km.bindings()
	var bad []string
	rebound := map[string]bool{}
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
		rebound[strings.ToLower(name)] = true
	}
	var problems []string
	if len(bad) > 0 {
		sort.Strings(bad)
		problems = append(problems, fmt.Sprintf("unknown binding name or no keys: %s (known: %s)",
			strings.Join(bad, ", "), strings.Join(km.BindingNames(), ", ")))
	}
	problems = append(problems, km.undoCollisions(rebound)...)
	if len(problems) > 0 {
		return fmt.Errorf("[keys]: %s", strings.Join(problems, "; "))
	}
	return nil
}

// set gives e's binding keys ks, with help showing them (or e's default
// help when ks are its defaults).
func (km *KeyMap) set(e entry, ks []string) {
	e.b.SetKeys(ks...)
	e.b.SetHelp(e.help, e.desc)
}

// GlobalHelp is the shell's own bindings, shown after a view's in full help.
func (km *KeyMap) GlobalHelp() []key.Binding {
	return append(slices.Clone(km.Tabs), km.NextTab, km.PrevTab, km.Help, km.Quit, km.ForceQuit)
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
