package common

import "charm.land/bubbles/v2/spinner"

// NewSpinner returns the program's spinner: a plain line spinner (ASCII,
// no braille, so it reads well in any font and under screen readers),
// styled from the theme.
func NewSpinner(s *Styles) spinner.Model {
	return spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(s.Spinner))
}
