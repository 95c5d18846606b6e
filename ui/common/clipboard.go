package common

import tea "charm.land/bubbletea/v2"

// Copy returns a command that copies text to the user's clipboard with
// OSC 52 (tea.SetClipboard: it works over SSH and in tmux with
// set-clipboard on) and confirms it in the status line. what names the
// value in the confirmation ("service SID"); the value itself is not
// echoed, since it may be a secret.
func Copy(text, what string) tea.Cmd {
	return tea.Batch(tea.SetClipboard(text), Flash(FlashInfo, "copied "+what+" to the clipboard (OSC 52)"))
}
