// Package viewtest is what view tests share: key presses built from names,
// typed text, commands run synchronously, and a Common with a plain theme,
// the default keymap and a fixed clock. It is imported by tests only.
package viewtest

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// FixedNow is the tests' clock: golden files must not change between runs.
var FixedNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// namedKeys maps key names, as the keymap spells them, to key codes.
var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "escape": tea.KeyEscape,
	"tab": tea.KeyTab, "space": tea.KeySpace, "backspace": tea.KeyBackspace,
	"delete": tea.KeyDelete, "up": tea.KeyUp, "down": tea.KeyDown,
	"left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome,
	"end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
}

// modifiers maps modifier names to their flags.
var modifiers = map[string]tea.KeyMod{
	"ctrl": tea.ModCtrl, "alt": tea.ModAlt, "shift": tea.ModShift,
	"meta": tea.ModMeta, "super": tea.ModSuper,
}

// Key builds the key press a terminal would send for name: "enter", "esc",
// "tab", "shift+tab", "ctrl+s", "up", "space", "backspace", "?" or any
// single rune. It panics on a name it cannot read, so a typo fails loudly.
func Key(name string) tea.KeyPressMsg {
	parts := strings.Split(name, "+")
	if strings.HasSuffix(name, "++") || name == "+" { // the "+" key itself
		parts = append(parts[:len(parts)-2], "+")
	}
	var k tea.KeyPressMsg
	for _, p := range parts[:len(parts)-1] {
		mod, ok := modifiers[p]
		if !ok {
			panic("viewtest.Key: unknown modifier in " + name)
		}
		k.Mod |= mod
	}
	last := parts[len(parts)-1]
	if code, ok := namedKeys[last]; ok {
		k.Code = code
		if code == tea.KeySpace && k.Mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(last)
	if len(r) != 1 {
		panic("viewtest.Key: unknown key " + name)
	}
	k.Code = r[0]
	if k.Mod&^tea.ModShift == 0 {
		k.Text = last
	}
	return k
}

// Type returns one key press per rune of text, as a terminal sends typing.
func Type(text string) []tea.Msg {
	out := make([]tea.Msg, 0, len(text))
	for _, r := range text {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// Timeout bounds one command in Run: long enough for a loopback call on a
// busy 2-core machine, short enough that a timer Cmd fails the test fast.
const Timeout = 10 * time.Second

// cmdSlice is the type behind tea.BatchMsg and tea.Sequence's unexported
// message: both are lists of commands to run.
var cmdSlice = reflect.TypeOf([]tea.Cmd(nil))

// Run executes cmd and every command it batches or sequences, in order,
// and returns the messages they produce (nil ones dropped). Each command
// must answer within Timeout: tests run immediate commands and calls to a
// loopback sandbox, never timers.
func Run(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(Timeout):
		t.Fatalf("viewtest.Run: command did not answer in %s (a timer?)", Timeout)
	}
	if msg == nil {
		return nil
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdSlice) {
		var out []tea.Msg
		for _, c := range v.Convert(cmdSlice).Interface().([]tea.Cmd) {
			out = append(out, Run(t, c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// Common builds a Common like the program's for tests: plain theme,
// default keymap, FixedNow, a sandbox session on client (nil for tests
// that feed results by hand), and a call timeout of Timeout. Each option
// then adjusts it (a stepped clock, read-only, a region).
func Common(client *twilioapi.Client, opts ...func(*common.Common)) *common.Common {
	c := &common.Common{
		Ctx:           context.Background(),
		Styles:        common.NewStyles(common.PlainTheme()),
		Keys:          common.DefaultKeyMap(),
		Client:        client,
		Clock:         func() time.Time { return FixedNow },
		Sandbox:       true,
		DefaultRegion: "US",
		CallTimeout:   Timeout,
	}
	for _, o := range opts {
		o(c)
	}
	return c
}
