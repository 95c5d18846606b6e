package sessions

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Layout constants.
const (
	// minListWidth is the narrowest terminal that shows the list beside
	// the detail; below it only the detail is shown.
	minListWidth = 60
	// labelWidth is the detail's label column: "Attempts" and "Resend by"
	// fit, so values line up.
	labelWidth = 10
	// maxBodyLines caps an outbox message's body, so a long e-mail does
	// not push the history off the screen.
	maxBodyLines = 4
)

// View implements the view convention: the session list on the left, the
// selected session (or the new-session form) on the right, exactly
// width×height cells.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	st := m.c.Styles
	now := m.c.Now()
	listW := m.listWidth()
	rightW := m.detailWidth()
	var right string
	if m.mode == modeForm {
		right = m.viewForm(st, rightW, h)
	} else {
		right = m.viewDetail(st, rightW, h, now)
	}
	if listW == 0 {
		// Too narrow for the list: say where in it the user is.
		if n := m.list.Shown(); n > 1 && m.mode != modeForm {
			right = st.Subtle.Render(fmt.Sprintf("session %d of %d · ↑/↓ switch", m.list.Cursor()+1, n)) + "\n" + right
		}
		return common.Fit(right, rightW, h)
	}
	right = common.Fit(right, rightW, h)
	left := common.Fit(m.viewList(st, listW, h, now), listW, h)
	sep := st.Subtle.Render(strings.TrimSuffix(strings.Repeat(" │ \n", h), "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, sep, right)
}

// listWidth is the width of the session list (0 when the view is too
// narrow for it beside the detail).
func (m Model) listWidth() int {
	if m.width < minListWidth {
		return 0
	}
	return clamp(m.width/3, 22, 34)
}

// detailWidth is the width of the detail (or form) beside the list.
func (m Model) detailWidth() int {
	if lw := m.listWidth(); lw > 0 {
		return m.width - lw - 3
	}
	return m.width
}

// viewList renders the session list, scrolled to keep the selection
// visible; only the visible rows are rendered. The title line shows the
// filter while it is typed.
func (m Model) viewList(st *common.Styles, w, h int, now time.Time) string {
	title := fmt.Sprintf("Sessions (%d)", m.list.Len())
	if f := m.list.Filter(); f != "" {
		title = fmt.Sprintf("Sessions (%d of %d) /%s", m.list.Shown(), m.list.Len(), f)
	}
	lines := []string{st.Title.Render(common.Truncate(title, w))}
	if m.list.Filtering() {
		lines[0] = common.Truncate(st.Title.Render("Sessions ")+m.list.FilterView(st, w-9), w)
	}
	switch {
	case m.list.Len() == 0:
		empty := common.KeyName(m.c.Keys.New) + ": new session"
		if m.c.ReadOnly {
			empty = "read-only: no sends" // n is refused: the list must not offer it
		}
		lines = append(lines, "", st.Subtle.Render(common.Truncate(empty, w)))
		return strings.Join(lines, "\n")
	case m.list.Shown() == 0:
		lines = append(lines, st.Subtle.Render(common.Truncate("no session matches", w)))
		return strings.Join(lines, "\n")
	}
	rows, cursor := m.list.Visible()
	for i, s := range rows {
		short := shortStatus(s, now)
		labelW := max(w-2-ansi.StringWidth(short)-1, 1)
		if label := s.recipient.Label(); ansi.StringWidth(label) > labelW {
			// The customer's number matters more than the status word.
			short = compactStatus(s, now)
			labelW = max(w-2-ansi.StringWidth(short)-1, 1)
		}
		row := common.PadRight(s.recipient.Label(), labelW) + " " + short
		if i == cursor {
			lines = append(lines, st.Selected.Render(common.PadRight("› "+row, w)))
			continue
		}
		lines = append(lines, statusStyle(st, s, now).Render(common.Truncate("  "+row, w)))
	}
	if note := m.list.MoreNote(); note != "" {
		lines = append(lines, st.Subtle.Render(common.Truncate("  "+note, w)))
	}
	return strings.Join(lines, "\n")
}

// shortStatus is the list's status column: the countdown while pending.
func shortStatus(s *session, now time.Time) string {
	switch st := s.statusAt(now); {
	case s.problem != nil && st == twilioapi.StatusPending && !s.gone:
		return "! " + countdown(s.expiresAt().Sub(now))
	case s.gone && st == twilioapi.StatusPending:
		return "removed"
	case st == twilioapi.StatusPending:
		return countdown(s.expiresAt().Sub(now))
	case st == twilioapi.StatusApproved:
		return "APPROVED"
	case st == twilioapi.StatusMaxAttemptsReached:
		return "max att."
	default:
		return string(st)
	}
}

// compactStatus is shortStatus in as few cells as it can be, for a list
// too narrow for both the number and the word.
func compactStatus(s *session, now time.Time) string {
	switch st := s.statusAt(now); {
	case st == twilioapi.StatusPending && !s.gone:
		return shortStatus(s, now)
	case st == twilioapi.StatusApproved:
		return "✔"
	}
	return "✗"
}

// statusStyle colours a session by its status.
func statusStyle(st *common.Styles, s *session, now time.Time) lipgloss.Style {
	switch s.statusAt(now) {
	case twilioapi.StatusApproved:
		return st.OK
	case twilioapi.StatusPending:
		if s.gone {
			return st.Error
		}
		return st.Normal
	}
	return st.Error
}

// field renders one "Label  value" line.
func field(st *common.Styles, label, value string, w int) string {
	return common.Truncate(st.Label.Render(common.PadRight(label, labelWidth))+value, w)
}

// wrappedField renders a "Label  value" field whose value wraps under
// itself.
func wrappedField(st *common.Styles, label, value string, w int) []string {
	return common.Hanging(st.Label.Render(common.PadRight(label, labelWidth)), value, plain, w)
}

// plain renders text as it is.
func plain(s ...string) string { return strings.Join(s, "") }

// hanging renders text wrapped to w cells: the first line after prefix
// (already styled, pw cells wide), the others indented under it, each

// serviceLine names the current service, or says to pick one.
func (m Model) serviceLine(st *common.Styles, w int) string {
	if !m.hasService() {
		return st.Warn.Render(common.Truncate(m.c.Keys.NoService(), w))
	}
	return common.Truncate(st.Label.Render("Service ")+m.service.FriendlyName+" · "+twilioapi.MaskSID(m.service.SID), w)
}
