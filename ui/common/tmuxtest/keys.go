package tmuxtest

import (
	"strings"
	"unicode/utf8"
)

// tmuxNames are tmux's names for the named keys of a keymap.
var tmuxNames = map[string]string{
	"enter": "Enter", "esc": "Escape", "tab": "Tab", "space": "Space", "backspace": "BSpace",
	"up": "Up", "down": "Down", "left": "Left", "right": "Right", "home": "Home", "end": "End",
	"pgup": "PPage", "pgdown": "NPage", "delete": "DC", "insert": "IC",
	"f1": "F1", "f2": "F2", "f3": "F3", "f4": "F4", "f5": "F5", "f6": "F6",
	"f7": "F7", "f8": "F8", "f9": "F9", "f10": "F10", "f11": "F11", "f12": "F12",
}

// tmuxKey translates a key as a keymap spells it ("enter", "ctrl+s",
// "shift+tab", "pgup", "K", "?") into a tmux send-keys argument, and
// says whether it must be sent literally (-l: a printable character).
func tmuxKey(k string) (string, bool) {
	if k == "shift+tab" {
		return "BTab", false
	}
	if utf8.RuneCountInString(k) == 1 {
		return k, true
	}
	parts := strings.Split(k, "+")
	last := parts[len(parts)-1]
	name, ok := tmuxNames[strings.ToLower(last)]
	if !ok {
		name = last
	}
	var prefix strings.Builder
	for _, mod := range parts[:len(parts)-1] {
		switch mod {
		case "ctrl":
			prefix.WriteString("C-")
		case "alt", "meta":
			prefix.WriteString("M-")
		case "shift":
			prefix.WriteString("S-")
		}
	}
	return prefix.String() + name, false
}

// Press sends one key as a keymap spells it (see tmuxKey), so a test
// can press whatever key a binding has.
func (s *Session) Press(k string) {
	s.t.Helper()
	name, literal := tmuxKey(k)
	if literal {
		s.Type(name)
		return
	}
	s.SendKeys(name)
}
