package common

// Styles is the per-program set of lipgloss styles, built from a theme.
// (The shell issue fills it in.)
type Styles struct{}
