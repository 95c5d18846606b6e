package common

import tea "charm.land/bubbletea/v2"

// Copy returns a command that copies text to the user's clipboard with
// OSC 52 (tea.SetClipboard: it works over SSH and in tmux with
// set-clipboard on) and confirms it in the status line. what names the
// value in the confirmation ("service SID"), never echoes it: it may be
// a secret, the selected row shows it already, and a 34-character SID
// would push the confirmation past the status line at 80 columns.
func Copy(text, what string) tea.Cmd {
	return tea.Batch(tea.SetClipboard(text), Flash(FlashInfo, "copied "+what+" to the clipboard (OSC 52)"))
}
