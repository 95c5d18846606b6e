package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// flash is the status line's message.
type flash struct {
	level common.FlashLevel
	text  string
}

// flashExpiredMsg clears flash id (if it is still the one shown).
type flashExpiredMsg struct{ id int }

// flashTTL is how long a flash stays, by level.
func flashTTL(l common.FlashLevel) time.Duration {
	switch l {
	case common.FlashError:
		return 8 * time.Second
	case common.FlashWarn:
		return 6 * time.Second
	}
	return 4 * time.Second
}

// showFlash puts msg in the status line until its time is up or a newer
// flash replaces it; errors go to the log too.
func (m *Model) showFlash(msg common.FlashMsg) tea.Cmd {
	m.flashID++
	m.flash = flash{level: msg.Level, text: msg.Text}
	id := m.flashID
	if msg.Level == common.FlashError {
		m.c.Logger.Warn("flash", "text", msg.Text)
	}
	return m.c.After(flashTTL(msg.Level), flashExpiredMsg{id})
}

// view is the flash styled by its level.
func (f flash) view(s *common.Styles) string {
	st := s.FlashInfo
	switch f.level {
	case common.FlashWarn:
		st = s.FlashWarn
	case common.FlashError:
		st = s.FlashError
	}
	return st.Render(f.text)
}
