package common

import (
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestFailedFlashesLowerCase: the dialog keeps the title as written, the
// status line begins lower-case like every other flash.
func TestFailedFlashesLowerCase(t *testing.T) {
	var flash FlashMsg
	var dialog ShowErrorMsg
	err := errors.New("boom")
	msg := Failed("Saving failed", err)()
	for _, c := range msg.(tea.BatchMsg) {
		switch m := c().(type) {
		case FlashMsg:
			flash = m
		case ShowErrorMsg:
			dialog = m
		}
	}
	if flash.Text != "saving failed" || flash.Level != FlashError {
		t.Errorf("flash = %+v", flash)
	}
	if dialog.Title != "Saving failed" || dialog.Err != err {
		t.Errorf("dialog = %+v", dialog)
	}
}
