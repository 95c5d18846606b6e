package common

import (
	"fmt"
	"slices"
	"strings"
)

// A key group is a set of bindings that are live at the same moment, so
// no key may belong to two of them: the shell's keys with the list and
// action keys and one view's own keys; a form's keys; a dialog's keys.
// Bindings that share a key by default do so on purpose (enter selects
// a service and checks a session's code) and are not reported.

// shellKeyNames are the shell's own bindings, live over every view.
var shellKeyNames = []string{"next_tab", "prev_tab", "help", "quit", "force_quit"}

// listKeyNames are the list and action keys every view reuses.
var listKeyNames = []string{"up", "down", "page_up", "page_down", "home", "end", "select", "filter", "refresh",
	"new", "edit", "delete", "copy", "back"}

// formKeyNames are live while a form has focus (with force_quit).
var formKeyNames = []string{"next_field", "prev_field", "toggle", "submit", "cancel",
	"send", "lookup_number", "prev_choice", "next_choice", "force_quit"}

// dialogKeyNames are live while a dialog is open.
var dialogKeyNames = []string{"confirm", "deny", "force_quit"}

// builtinViewKeyNames are the views' bindings that are KeyMap fields
// rather than KeyDefs, by view ID.
func builtinViewKeyNames() map[string][]string {
	return map[string][]string{
		"services": {"scroll_detail_up", "scroll_detail_down"},
		"sessions": {"check", "resend", "cancel_verification", "approve", "lookup", "close_session", "details"},
	}
}

// keyGroup is one set of bindings live together.
type keyGroup struct {
	name  string
	names []string
}

// KeySection is a named part of the keymap, for documentation: the
// shell's keys, the list and action keys, one view's own keys, the form
// keys, the dialog keys.
type KeySection struct {
	// Name is "shell", "lists and actions", a view's ID, "forms" or
	// "dialogs".
	Name string
	// Bindings are the `[keys]` names of the section, in keymap order.
	Bindings []string
}

// Sections lists the keymap by section, views in the order given (view
// IDs; the builtin and DefineView ones not given follow, sorted).
func (km *KeyMap) Sections(views ...string) []KeySection {
	shell := slices.Clone(shellKeyNames)
	for i := range km.Tabs {
		shell = append(shell, fmt.Sprintf("tab_%d", i+1))
	}
	own := km.viewKeyNames()
	var rest []string
	for v := range own {
		if !slices.Contains(views, v) {
			rest = append(rest, v)
		}
	}
	slices.Sort(rest)
	out := []KeySection{{"shell", shell}, {"lists and actions", slices.Clone(listKeyNames)}}
	for _, v := range append(slices.Clone(views), rest...) {
		if len(own[v]) > 0 {
			out = append(out, KeySection{v, own[v]})
		}
	}
	return append(out, KeySection{"forms", slices.Clone(formKeyNames)}, KeySection{"dialogs", slices.Clone(dialogKeyNames)})
}

// viewKeyNames is each view's own bindings: the builtin ones and those
// of DefineView.
func (km *KeyMap) viewKeyNames() map[string][]string {
	own := builtinViewKeyNames()
	for _, v := range km.viewKeys {
		own[v.view] = append(own[v.view], v.names...)
	}
	return own
}

// keyGroups lists the groups of km: one per view (the shell's keys, the
// list keys and the view's own), then forms and dialogs.
func (km *KeyMap) keyGroups() []keyGroup {
	secs := km.Sections()
	global := append(slices.Clone(secs[0].Bindings), secs[1].Bindings...)
	var gs []keyGroup
	for _, s := range secs[2 : len(secs)-2] {
		gs = append(gs, keyGroup{s.Name + " view", append(slices.Clone(global), s.Bindings...)})
	}
	return append(gs, keyGroup{"form", formKeyNames}, keyGroup{"dialog", dialogKeyNames})
}

// DefineView is Define for the bindings of one view: they also form, with
// the shell's and the list keys, the group Rebind checks for collisions.
func (km *KeyMap) DefineView(view string, defs ...KeyDef) {
	km.Define(defs...)
	for _, v := range km.viewKeys {
		if v.view == view {
			return
		}
	}
	names := make([]string, len(defs))
	for i, d := range defs {
		names[i] = d.Name
	}
	km.viewKeys = append(km.viewKeys, viewKeyNames{view, names})
}

// viewKeyNames records which defined bindings belong to a view.
type viewKeyNames struct {
	view  string
	names []string
}

// collision is two bindings of one group that share a key.
type collision struct {
	group, a, b, key string
}

// collisions finds the keys two bindings of a group share that they did
// not share by default.
func (km *KeyMap) collisions() []collision {
	es := km.entries()
	byName := make(map[string]entry, len(es))
	for _, e := range es {
		byName[e.name] = e
	}
	var out []collision
	for _, g := range km.keyGroups() {
		owner := map[string]string{}
		for _, n := range g.names {
			e, ok := byName[n]
			if !ok || !e.b.Enabled() {
				continue
			}
			for _, k := range e.b.Keys() {
				o, taken := owner[k]
				switch {
				case !taken:
					owner[k] = n
				case o != n && !sharesDefault(byName[o], e):
					out = append(out, collision{g.name, o, n, k})
				}
			}
		}
	}
	return out
}

// sharesDefault reports whether two bindings share a key by default (an
// overlap by design, such as enter for select and check).
func sharesDefault(a, b entry) bool {
	for _, k := range a.keys {
		if slices.Contains(b.keys, k) {
			return true
		}
	}
	return false
}

// undoCollisions puts back the default keys of the rebound bindings that
// collide, until none does, and describes each collision it undid: a
// `[keys]` entry that would shadow another binding is refused like an
// unknown name, and the rest of the table still applies.
func (km *KeyMap) undoCollisions(rebound map[string]bool) []string {
	var msgs []string
	seen := map[string]bool{}
	for range len(rebound) + 1 {
		cs := km.collisions()
		if len(cs) == 0 {
			break
		}
		undone := false
		for _, c := range cs {
			for _, n := range []string{c.b, c.a} {
				if !rebound[n] || seen[n] {
					continue
				}
				other := c.a
				if n == c.a {
					other = c.b
				}
				e := km.entry(n)
				msgs = append(msgs, fmt.Sprintf("%s = %q collides with %s in the %s (%s keeps %s)",
					n, c.key, other, c.group, n, strings.Join(e.keys, "/")))
				km.set(e, e.keys)
				seen[n], undone = true, true
				break
			}
		}
		if !undone {
			break
		}
	}
	slices.Sort(msgs)
	return msgs
}

// entry is the binding called name (it exists: names come from entries).
func (km *KeyMap) entry(name string) entry {
	for _, e := range km.entries() {
		if e.name == name {
			return e
		}
	}
	panic("keymap: no binding " + name)
}
