package common

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Failed reports a failed call that no pane shows in place: title
// ("Saving failed") in the error dialog with err, and in the status line
// lower-cased, as every flash begins.
func Failed(title string, err error) tea.Cmd {
	flash := title
	if title != "" {
		flash = strings.ToLower(title[:1]) + title[1:]
	}
	return tea.Batch(Flash(FlashError, flash), func() tea.Msg { return ShowErrorMsg{Title: title, Err: err} })
}
