package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// monkeyInput is the random stream of what a user and a terminal send:
// every key bound in the keymap but quit and force-quit (those come only
// at the end), random runes, pastes, clicks, the wheel and resizes.
type monkeyInput struct {
	r *rand.Rand
	// keys are the bound keys (viewtest.Key names), each once.
	keys []string
	// quit are the keys the stream never sends.
	quit []string
}

// newMonkeyInput reads the bound keys from km, so a view added to the
// registry (and its KeyDefs) is exercised without a change here.
func newMonkeyInput(seed uint64, km *common.KeyMap) *monkeyInput {
	in := &monkeyInput{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	in.quit = append(slices.Clone(km.Quit.Keys()), km.ForceQuit.Keys()...)
	seen := map[string]bool{}
	for _, name := range km.BindingNames() {
		b, _ := km.ByName(name)
		for _, k := range b.Keys() {
			if !seen[k] && !slices.Contains(in.quit, k) {
				seen[k] = true
				in.keys = append(in.keys, k)
			}
		}
	}
	slices.Sort(in.keys)
	return in
}

// runes the stream types: letters, digits, phone-number punctuation,
// accents, wide characters and an emoji (width and grapheme handling).
var monkeyRunes = []rune("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789+-() @._/*#éüß日本語😀")

// pastes are what a user pastes: numbers in every shape, codes, e-mail
// addresses, SIDs, long lines, control characters and multi-line text.
var monkeyPastes = []string{
	"+14155550100", "+14155550101", "+14155550102", "+1 (415) 555-0100", "4155550100", "+442071838750",
	"123456", "000000", "alice@example.com", "VA00000000000000000000000000000000",
	strings.Repeat("x", 500), "line one\nline two\r\nline three", "\x1b[31mred\x1b[0m", "tab\there", "",
	"日本語のテキスト", "😀😀😀",
}

// sizes are the terminal sizes a resize picks from (with random ones).
var monkeySizes = [][2]int{{1, 1}, {300, 100}, {MinWidth, MinHeight}, {MinWidth - 1, MinHeight - 1}, {80, 24}, {200, 60}, {0, 0}}

// next is the stream's next message.
func (in *monkeyInput) next() tea.Msg {
	r := in.r
	switch p := r.IntN(100); {
	case p < 55:
		return in.key(in.keys[r.IntN(len(in.keys))])
	case p < 70:
		c := monkeyRunes[r.IntN(len(monkeyRunes))]
		if slices.Contains(in.quit, string(c)) {
			c = '0'
		}
		return tea.KeyPressMsg{Code: c, Text: string(c)}
	case p < 80:
		return in.key([]string{"enter", "esc", "tab", "backspace", "space", "left", "right"}[r.IntN(7)])
	case p < 85:
		return tea.PasteMsg{Content: monkeyPastes[r.IntN(len(monkeyPastes))]}
	case p < 92:
		x, y := r.IntN(220), r.IntN(70)
		if r.IntN(2) == 0 {
			return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
		}
		b := tea.MouseWheelUp
		if r.IntN(2) == 0 {
			b = tea.MouseWheelDown
		}
		return tea.MouseWheelMsg{X: x, Y: y, Button: b}
	default:
		if r.IntN(3) == 0 {
			s := monkeySizes[r.IntN(len(monkeySizes))]
			return tea.WindowSizeMsg{Width: s[0], Height: s[1]}
		}
		return tea.WindowSizeMsg{Width: 1 + r.IntN(300), Height: 1 + r.IntN(100)}
	}
}

// key is the press of a keymap key name.
func (in *monkeyInput) key(name string) tea.KeyPressMsg { return viewtest.Key(name) }

// describe names a message for the replay log.
func describe(msg tea.Msg) string {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		return "key " + m.String()
	case tea.PasteMsg:
		return fmt.Sprintf("paste %q", m.Content)
	case tea.WindowSizeMsg:
		return fmt.Sprintf("resize %dx%d", m.Width, m.Height)
	default:
		return fmt.Sprintf("%T%+v", msg, msg)
	}
}

// matchesAny reports whether k is one of bs's keys.
func matchesAny(k tea.KeyPressMsg, bs ...key.Binding) bool { return key.Matches(k, bs...) }
