package common

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// ThemeKind names one of the built-in themes.
type ThemeKind int

// The built-in themes. Dark is the default until the terminal reports a
// light background; Plain is used when NO_COLOR is set.
const (
	ThemeDark ThemeKind = iota
	ThemeLight
	ThemePlain
)

// String names the theme (used in logs and golden file names).
func (k ThemeKind) String() string {
	switch k {
	case ThemeLight:
		return "light"
	case ThemePlain:
		return "plain"
	default:
		return "dark"
	}
}

// Theme is the palette a Styles is built from. A nil colour means "the
// terminal's own colour" (used by the plain theme).
type Theme struct {
	Kind ThemeKind
	// Fg and Subtle are the normal and the dimmed text colours.
	Fg     color.Color
	Subtle color.Color
	// Accent marks the active tab, focused panes and keys in help.
	Accent color.Color
	// AccentFg is the text colour on an Accent background.
	AccentFg color.Color
	// Border is the colour of pane borders that do not have focus.
	Border color.Color
	// SelectedBg is the background of the selected list row.
	SelectedBg color.Color
	// StatusBg is the status line's background.
	StatusBg color.Color
	// OK, Warn and Error colour states and flashes.
	OK    color.Color
	Warn  color.Color
	Error color.Color
	// Sandbox is the SANDBOX badge's background; Live the live profile's.
	Sandbox color.Color
	Live    color.Color
}

// DarkTheme is the default palette, for dark backgrounds.
func DarkTheme() Theme {
	return Theme{
		Kind:       ThemeDark,
		Fg:         lipgloss.Color("#DDDDDD"),
		Subtle:     lipgloss.Color("#8A8A8A"),
		Accent:     lipgloss.Color("#F22F46"), // Twilio red
		AccentFg:   lipgloss.Color("#FFFFFF"),
		Border:     lipgloss.Color("#4E4E4E"),
		SelectedBg: lipgloss.Color("#3A3A3A"),
		StatusBg:   lipgloss.Color("#262626"),
		OK:         lipgloss.Color("#5FD787"),
		Warn:       lipgloss.Color("#FFD75F"),
		Error:      lipgloss.Color("#FF5F5F"),
		Sandbox:    lipgloss.Color("#D7AF00"),
		Live:       lipgloss.Color("#005FD7"),
	}
}

// LightTheme is the palette for light backgrounds.
func LightTheme() Theme {
	return Theme{
		Kind:       ThemeLight,
		Fg:         lipgloss.Color("#1C1C1C"),
		Subtle:     lipgloss.Color("#6C6C6C"),
		Accent:     lipgloss.Color("#C8102E"),
		AccentFg:   lipgloss.Color("#FFFFFF"),
		Border:     lipgloss.Color("#B2B2B2"),
		SelectedBg: lipgloss.Color("#E4E4E4"),
		StatusBg:   lipgloss.Color("#EEEEEE"),
		OK:         lipgloss.Color("#008700"),
		Warn:       lipgloss.Color("#AF5F00"),
		Error:      lipgloss.Color("#D70000"),
		Sandbox:    lipgloss.Color("#FFD700"),
		Live:       lipgloss.Color("#005FD7"),
	}
}

// PlainTheme has no colours at all: NO_COLOR, screen readers and golden
// files. State is still shown with text and bold/reverse attributes.
func PlainTheme() Theme { return Theme{Kind: ThemePlain} }

// ThemeFor returns the built-in theme of a kind.
func ThemeFor(k ThemeKind) Theme {
	switch k {
	case ThemeLight:
		return LightTheme()
	case ThemePlain:
		return PlainTheme()
	default:
		return DarkTheme()
	}
}
