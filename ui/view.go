package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// tooSmall reports whether the window is below the minimum size.
func (m Model) tooSmall() bool { return m.c.Width < MinWidth || m.c.Height < MinHeight }

// hidesView reports whether the active view is not drawn: the help page
// or the too-small notice is in its place.
func (m Model) hidesView() bool { return m.showHelp || m.tooSmall() }

// helpLines renders the help line: the keys that work right now (the
// full help is a page in place of the view, helppage.go).
func (m Model) helpLines() string {
	m.help.SetWidth(m.c.Width)
	short, _ := m.activeHelp()
	return m.shortHelpLine(short)
}

// shortHelpLine is the one-line help: the keys that work right now. On
// lists, help and quit are always kept at the end and the view's keys are
// cut to fit before them. While a dialog is open its keys replace the
// view's; while a text input has focus ? and q type, so they are not
// offered (the view's own esc is the way out there).
func (m Model) shortHelpLine(short []key.Binding) string {
	km := m.c.Keys
	switch {
	case m.dialog != nil:
		return m.help.ShortHelpView(m.dialog.help(km))
	case m.showHelp:
		return m.help.ShortHelpView(m.helpPageHelp())
	case m.viewCapturing():
		return m.help.ShortHelpView(short)
	}
	end := m.help.ShortHelpView([]key.Binding{km.Help, km.Quit})
	sep := m.help.Styles.ShortSeparator.Render(m.help.ShortSeparator)
	room := m.c.Width - lipgloss.Width(end) - lipgloss.Width(sep)
	if len(short) == 0 || room < 8 {
		return end
	}
	h := m.help
	h.SetWidth(room)
	front := h.ShortHelpView(short)
	if front == "" {
		return end
	}
	return front + sep + end
}

// chrome is the number of rows the shell takes around the view.
func (m Model) chrome() int {
	n := 2 + lipgloss.Height(m.helpLines()) // tab bar, status line, help
	if m.c.Sandbox {
		n++ // outbox line
	}
	return n
}

// contentSize is the area the active view draws in.
func (m Model) contentSize() (int, int) {
	return max(m.c.Width, 0), max(m.c.Height-m.chrome(), 0)
}

// resize gives every view the content area.
func (m *Model) resize() {
	w, h := m.contentSize()
	views := make([]common.View, len(m.views))
	for i, v := range m.views {
		views[i] = v.SetSize(w, h)
	}
	m.views = views
}

// View draws the frame.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "twilio-verify"
	if m.opts.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// Render is the frame as a string (View's content; golden tests use it).
func (m Model) Render() string {
	w, h := m.c.Width, m.c.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.tooSmall() {
		notice := m.renderTooSmall()
		if m.dialog != nil {
			// A dialog is never hidden: it is drawn over the notice, as
			// much of it as fits.
			return common.Fit(overlay(notice, m.dialog.view(m.c.Styles, m.c.Keys, w, h), w, h), w, h)
		}
		return notice
	}
	cw, ch := m.contentSize()
	var content string
	if m.showHelp {
		content = m.renderHelpPage(cw, ch)
	} else {
		content = m.viewOf(m.active)
	}
	if m.dialog != nil {
		content = overlay(common.Fit(content, cw, ch), m.dialog.view(m.c.Styles, m.c.Keys, cw, ch), cw, ch)
	}
	parts := []string{m.tabBar(w), common.Fit(content, cw, ch)}
	if m.c.Sandbox {
		parts = append(parts, m.outboxLine(w))
	}
	parts = append(parts, m.statusLine(w), m.helpLines())
	return common.Fit(strings.Join(parts, "\n"), w, h)
}

// renderTooSmall is the notice shown below the minimum size.
func (m Model) renderTooSmall() string {
	w, h := m.c.Width, m.c.Height
	s := m.c.Styles
	msg := strings.Join([]string{
		s.Warn.Render("Terminal too small"),
		fmt.Sprintf("%d×%d, need at least %d×%d.", w, h, MinWidth, MinHeight),
		s.Subtle.Render("Enlarge the window, or press " + m.c.Keys.ForceQuit.Help().Key + " to quit."),
	}, "\n")
	return common.Fit(msg, w, h)
}

// viewOf renders view i; a panic in View is caught, logged, and drawn as
// a notice in the view's place.
func (m Model) viewOf(i int) (out string) {
	defer func() {
		if r := recover(); r != nil {
			if k := m.views[i].Title() + "\x00" + fmt.Sprint(r); !m.drawPanics[k] {
				m.drawPanics[k] = true
				m.logPanic(i, "View", r)
			}
			out = m.c.Styles.Error.Render(fmt.Sprintf("The %s view crashed while drawing: %v", m.views[i].Title(), r)) +
				"\n" + m.c.Styles.Subtle.Render("Other views still work; details are in the --log file.")
		}
	}()
	return m.views[i].View()
}

// tabLabels renders each tab.
func (m Model) tabLabels() []string {
	s := m.c.Styles
	out := make([]string, len(m.views))
	for i, v := range m.views {
		label := fmt.Sprintf("%s %s", m.c.Keys.Tabs[i].Help().Key, v.Title())
		if i == m.active {
			out[i] = s.TabActive.Render(label)
		} else {
			out[i] = s.TabInactive.Render(label)
		}
	}
	return out
}

// tabBar is the top row.
func (m Model) tabBar(w int) string {
	row := strings.Join(m.tabLabels(), "")
	name := m.c.Styles.Subtle.Render("twilio-verify")
	if gap := w - lipgloss.Width(row) - lipgloss.Width(name); gap >= 1 {
		row += strings.Repeat(" ", gap) + name
	}
	return common.PadRight(row, w)
}

// tabAt is the tab under column x of the tab bar, or -1.
func (m Model) tabAt(x int) int {
	pos := 0
	for i, l := range m.tabLabels() {
		w := lipgloss.Width(l)
		if x >= pos && x < pos+w {
			return i
		}
		pos += w
	}
	return -1
}

// statusLine is: who (SANDBOX or profile + masked account), read-only,
// the current service, the spinner while calls are in flight, and the
// flash message.
func (m Model) statusLine(w int) string {
	s := m.c.Styles
	who := m.badges()
	var spin string
	if m.anyBusy() {
		spin = " " + m.spin.View()
	}
	var flashText string
	if m.flash.text != "" {
		flashText = "  " + m.flash.view(s)
	}
	// The service gives way to a flash that would not fit: the flash is
	// news, the service is also marked ★ in the list. The masked SID goes
	// first, then the whole service.
	svcs := []string{s.Subtle.Render("no service"), ""}
	if m.current.SID != "" {
		name := s.Label.Render("service ") + s.Bold.Render(m.current.FriendlyName)
		svcs = []string{name + s.Subtle.Render(" "+twilioapi.MaskSID(m.current.SID)), name, ""}
	}
	var line string
	for _, svc := range svcs {
		if svc != "" {
			svc = " " + svc
		}
		line = who + svc + spin + flashText
		if lipgloss.Width(line) <= w {
			break
		}
	}
	return s.StatusBar.Render(common.PadRight(line, w))
}

// badges say whom the console acts for: SANDBOX, or LIVE with the
// profile ("env" for environment credentials) and the masked account;
// then READ-ONLY when it is.
func (m Model) badges() string {
	s := m.c.Styles
	var out []string
	if m.c.Sandbox {
		out = append(out, s.BadgeSandbox.Render(m.c.SandboxBadge()))
	} else {
		who := m.c.Who() // the profile, or env
		acct := ""
		if m.c.Client != nil {
			acct = " " + twilioapi.MaskSID(m.c.Client.AccountSID())
		}
		out = append(out, s.BadgeLive.Render("LIVE "+who+acct))
	}
	if m.c.ReadOnly {
		out = append(out, s.BadgeRO.Render("READ-ONLY"))
	}
	return strings.Join(out, " ")
}

// overlay draws box centred over base (both at most w×h), so the view
// stays visible around a dialog.
func overlay(base, box string, w, h int) string {
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	x, y := max((w-bw)/2, 0), max((h-bh)/2, 0)
	return lipgloss.NewCompositor(
		lipgloss.NewLayer(base),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	).Render()
}
