package common

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles is the per-program set of lipgloss styles, built from a Theme by
// NewStyles. Every program (every SSH session) has its own; views read it
// through Common.Styles and never keep a copy, so a theme switch (the
// terminal reporting a light background) reaches them on the next frame.
type Styles struct {
	Theme Theme

	// Text roles.
	Normal  lipgloss.Style
	Subtle  lipgloss.Style
	Bold    lipgloss.Style
	Title   lipgloss.Style
	Label   lipgloss.Style
	Value   lipgloss.Style
	OK      lipgloss.Style
	Warn    lipgloss.Style
	Error   lipgloss.Style
	Key     lipgloss.Style
	Heading lipgloss.Style

	// Tab bar.
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style

	// Status line and its badges.
	StatusBar    lipgloss.Style
	BadgeSandbox lipgloss.Style
	BadgeLive    lipgloss.Style
	BadgeRO      lipgloss.Style
	FlashInfo    lipgloss.Style
	FlashWarn    lipgloss.Style
	FlashError   lipgloss.Style

	// Panes: a rounded border, accent-coloured when focused.
	Pane        lipgloss.Style
	PaneFocused lipgloss.Style

	// Lists and tables.
	Header   lipgloss.Style
	Row      lipgloss.Style
	Selected lipgloss.Style
	On       lipgloss.Style
	Off      lipgloss.Style

	// Dialogs.
	Dialog      lipgloss.Style
	DialogTitle lipgloss.Style
	Button      lipgloss.Style
	ButtonFocus lipgloss.Style

	// Form fields.
	FieldLabel      lipgloss.Style
	FieldLabelFocus lipgloss.Style
	FieldError      lipgloss.Style
	FieldHint       lipgloss.Style

	// Component styles for bubbles.
	Help    help.Styles
	Input   textinput.Styles
	Spinner lipgloss.Style
}

// fg sets a foreground only when the theme has a colour for it.
func fg(s lipgloss.Style, c color.Color) lipgloss.Style {
	if c == nil {
		return s
	}
	return s.Foreground(c)
}

// bg sets a background only when the theme has a colour for it.
func bg(s lipgloss.Style, c color.Color) lipgloss.Style {
	if c == nil {
		return s
	}
	return s.Background(c)
}

// bc sets a border colour only when the theme has a colour for it.
func bc(s lipgloss.Style, c color.Color) lipgloss.Style {
	if c == nil {
		return s
	}
	return s.BorderForeground(c)
}

// NewStyles builds the styles of a theme.
func NewStyles(t Theme) *Styles {
	plain := t.Kind == ThemePlain
	n := lipgloss.NewStyle()
	s := &Styles{Theme: t}

	s.Normal = fg(n, t.Fg)
	s.Subtle = fg(n, t.Subtle)
	s.Bold = fg(n, t.Fg).Bold(true)
	s.Title = fg(n, t.Accent).Bold(true)
	s.Label = fg(n, t.Subtle)
	s.Value = fg(n, t.Fg)
	s.OK = fg(n, t.OK).Bold(true)
	s.Warn = fg(n, t.Warn).Bold(true)
	s.Error = fg(n, t.Error).Bold(true)
	s.Key = fg(n, t.Accent).Bold(true)
	s.Heading = fg(n, t.Accent).Bold(true)

	s.TabActive = bg(fg(n, t.AccentFg), t.Accent).Bold(true).Padding(0, 1)
	s.TabInactive = fg(n, t.Subtle).Padding(0, 1)
	if plain {
		// Without colour the active tab needs another mark.
		s.TabActive = n.Bold(true).Reverse(true).Padding(0, 1)
	}

	s.StatusBar = bg(fg(n, t.Fg), t.StatusBg)
	s.BadgeSandbox = bg(fg(n, lipgloss.Color("#000000")), t.Sandbox).Bold(true).Padding(0, 1)
	s.BadgeLive = bg(fg(n, lipgloss.Color("#FFFFFF")), t.Live).Bold(true).Padding(0, 1)
	s.BadgeRO = bg(fg(n, lipgloss.Color("#FFFFFF")), t.Error).Bold(true).Padding(0, 1)
	if plain {
		s.BadgeSandbox = n.Bold(true).Reverse(true).Padding(0, 1)
		s.BadgeLive = n.Bold(true).Reverse(true).Padding(0, 1)
		s.BadgeRO = n.Bold(true).Padding(0, 1)
	}
	s.FlashInfo = bg(fg(n, t.OK), t.StatusBg)
	s.FlashWarn = bg(fg(n, t.Warn), t.StatusBg).Bold(true)
	s.FlashError = bg(fg(n, t.Error), t.StatusBg).Bold(true)

	s.Pane = bc(n.Border(lipgloss.RoundedBorder()), t.Border)
	s.PaneFocused = bc(n.Border(lipgloss.RoundedBorder()), t.Accent)
	if plain {
		s.PaneFocused = n.Border(lipgloss.ThickBorder())
	}

	s.Header = fg(n, t.Subtle).Bold(true)
	s.Row = fg(n, t.Fg)
	s.Selected = bg(fg(n, t.Fg), t.SelectedBg).Bold(true)
	if plain {
		s.Selected = n.Reverse(true)
	}
	s.On = fg(n, t.OK)
	s.Off = fg(n, t.Subtle)

	s.Dialog = bc(n.Border(lipgloss.RoundedBorder()), t.Accent).Padding(0, 1)
	if plain {
		s.Dialog = n.Border(lipgloss.DoubleBorder()).Padding(0, 1)
	}
	s.DialogTitle = fg(n, t.Accent).Bold(true)
	s.Button = fg(n, t.Subtle).Padding(0, 1)
	s.ButtonFocus = bg(fg(n, t.AccentFg), t.Accent).Bold(true).Padding(0, 1)
	if plain {
		s.ButtonFocus = n.Reverse(true).Padding(0, 1)
	}

	s.FieldLabel = fg(n, t.Subtle)
	s.FieldLabelFocus = fg(n, t.Accent).Bold(true)
	s.FieldError = fg(n, t.Error)
	s.FieldHint = fg(n, t.Subtle).Italic(!plain)

	s.Help = helpStyles(t)
	s.Input = inputStyles(t)
	s.Spinner = fg(n, t.Accent)
	return s
}

// helpStyles styles bubbles/help from the theme.
func helpStyles(t Theme) help.Styles {
	n := lipgloss.NewStyle()
	return help.Styles{
		Ellipsis:       fg(n, t.Subtle),
		ShortKey:       fg(n, t.Accent),
		ShortDesc:      fg(n, t.Subtle),
		ShortSeparator: fg(n, t.Border),
		FullKey:        fg(n, t.Accent),
		FullDesc:       fg(n, t.Subtle),
		FullSeparator:  fg(n, t.Border),
	}
}

// inputStyles styles bubbles/textinput from the theme.
func inputStyles(t Theme) textinput.Styles {
	var st textinput.Styles
	switch t.Kind {
	case ThemeLight:
		st = textinput.DefaultLightStyles()
	default:
		st = textinput.DefaultDarkStyles()
	}
	n := lipgloss.NewStyle()
	st.Focused.Prompt = fg(n, t.Accent)
	st.Focused.Text = fg(n, t.Fg)
	st.Focused.Placeholder = fg(n, t.Subtle)
	st.Blurred.Prompt = fg(n, t.Subtle)
	st.Blurred.Text = fg(n, t.Fg)
	st.Blurred.Placeholder = fg(n, t.Subtle)
	// A static cursor: no blink timers (fewer frames, calmer for screen
	// readers, and tests can run every command without sleeping).
	st.Cursor.Blink = false
	if t.Kind == ThemePlain {
		st.Focused.Suggestion = n
		st.Blurred.Suggestion = n
		st.Cursor.Color = nil
	} else {
		st.Cursor.Color = t.Accent
	}
	return st
}
