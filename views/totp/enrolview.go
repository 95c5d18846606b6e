package totp

import (
	"fmt"
	"strings"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// viewEnrol draws the enrolment screen: the QR code beside or above the
// text, or, when the terminal is too small, how big it must be and the
// URI and secret to type instead.
func (m Model) viewEnrol() string {
	lines := m.enrolLines()
	if over := len(lines) - m.height; over > 0 {
		// Too tall: J/K scroll below the title; an open prompt is always
		// in view (the lines end with it).
		off := min(m.detailOffset, over)
		if m.prompt != nil {
			off = over
		}
		lines = append(lines[:1:1], lines[1+off:]...)
	}
	return common.Fit(strings.Join(lines, "\n"), m.width, m.height)
}

// enrolScrolls reports whether the enrolment screen is taller than the
// view, so J/K scroll it.
func (m Model) enrolScrolls() bool { return m.enrol != nil && len(m.enrolLines()) > m.height }

// enrolLines are all the lines of the enrolment screen, title first.
func (m Model) enrolLines() []string {
	st := m.c.Styles
	e := m.enrol
	title := st.Title.Render("Enrol "+e.factor.FriendlyName) + st.Subtle.Render("  scan the QR code with an authenticator app")
	lines := []string{common.Truncate(title, m.width)}
	switch e.layout {
	case layoutBeside:
		textW := m.width - e.qr.width - 2
		text := m.enrolText(textW)
		left := common.FitLines(e.qr.lines, e.qr.width, max(e.qr.height, len(text)), true)
		right := common.FitLines(text, textW, len(left), false)
		gap := make([]string, len(left))
		for i := range gap {
			gap[i] = "  "
		}
		lines = append(lines, common.JoinColumns(left, gap, right)...)
	case layoutAbove:
		lines = append(lines, e.qr.lines...)
		lines = append(lines, m.enrolText(m.width)...)
	default:
		// No QR code: the secret, shown this once, comes first so that a
		// small terminal shows it without scrolling.
		lines = append(lines, m.secretLines(m.width)...)
		lines = append(lines, m.tooSmall(m.width)...)
		lines = append(lines, m.factorLines(m.width)...)
		lines = append(lines, m.enrolRest(m.width)...)
	}
	return lines
}

// tooSmall says why there is no QR code and how big the terminal must be.
func (m Model) tooSmall(w int) []string {
	st := m.c.Styles
	e := m.enrol
	if e.qrErr != nil {
		return common.Hanging("", "The QR code could not be drawn ("+e.qrErr.Error()+"): type the secret into the app.", st.Warn.Render, w)
	}
	q := e.qr
	grow := func(cols, rows int) string {
		var parts []string
		if cols > 0 {
			parts = append(parts, fmt.Sprintf("%d columns wider", cols))
		}
		if rows > 0 {
			parts = append(parts, fmt.Sprintf("%d rows taller", rows))
		}
		return strings.Join(parts, " and ")
	}
	beside := grow(q.width+minTextW+1-m.width, q.height+1-m.height)
	above := grow(q.width-m.width, q.height+minTextH+1-m.height)
	msg := fmt.Sprintf("The QR code needs %d×%d cells: make the terminal %s (QR beside the text) or %s (QR above it). Meanwhile, type the secret above into the app.",
		q.width, q.height, beside, above)
	return common.Hanging("", msg, st.Warn.Render, w)
}

// enrolLabel is one "Label     value" line of the enrolment screen.
func (m Model) enrolLabel(label, value string, w int) string {
	return common.Truncate(m.c.Styles.Label.Render(common.PadRight(label, 10))+value, w)
}

// secretLines are the warning that the secret is shown once and the
// secret.
func (m Model) secretLines(w int) []string {
	out := common.Hanging("⚠ ", "Verify returns this secret only once, now: scan the code or type the secret into the app before leaving this screen.", m.c.Styles.Warn.Render, w)
	return append(out, m.enrolLabel("Secret", groups(m.enrol.binding.Secret, 4), w))
}

// enrolText is the text beside or below the QR code, w cells wide.
func (m Model) enrolText(w int) []string {
	out := append(m.factorLines(w), m.secretLines(w)...)
	return append(out, m.enrolRest(w)...)
}

// factorLines are the new factor's SID, identity, status and settings.
func (m Model) factorLines(w int) []string {
	f := m.enrol.factor
	return []string{m.enrolLabel("Factor", f.SID, w), m.enrolLabel("Identity", f.Identity, w), m.enrolLabel("Status", m.statusText(f), w),
		m.enrolLabel("Settings", fmt.Sprintf("%s · %d digits · %d s · skew %d", f.TOTP.Algorithm, f.TOTP.CodeLength, f.TOTP.TimeStep, f.TOTP.Skew), w)}
}

// enrolRest is the URI, the keep line, the live code and the prompt or
// the keys.
func (m Model) enrolRest(w int) []string {
	st := m.c.Styles
	e := m.enrol
	f := e.factor
	out := []string{st.Label.Render("URI")}
	for _, l := range chunks(e.binding.URI, max(w-2, 10)) {
		out = append(out, "  "+l)
	}
	out = append(out, m.keepLine(w))
	if m.live.sid == f.SID {
		out = append(out, m.codeLines(f.SID, w)...)
	}
	if m.prompt != nil {
		out = append(out, "")
		out = append(out, m.renderPrompt(w)...)
	} else {
		hint := []string{}
		if f.Status != twilioapi.FactorVerified && !m.c.ReadOnly {
			hint = append(hint, common.KeyName(m.bind(keyVerify))+": type the app's code to verify")
		}
		hint = append(hint, common.KeyName(m.bind(keyInvert))+": invert", common.KeyName(m.c.Keys.Copy)+": copy URI", common.KeyName(m.c.Keys.Back)+": done")
		out = append(out, common.Hanging("", strings.Join(hint, " · "), st.Subtle.Render, w)...)
	}
	return out
}

// keepLine says whether the secret is kept in the keyring.
func (m Model) keepLine(w int) string {
	st := m.c.Styles
	e := m.enrol
	k := common.KeyName(m.bind(keyKeep))
	var v string
	switch {
	case m.c.TOTPKeeper == nil:
		v = st.Off.Render("[ ] off") + st.Subtle.Render(" (no keyring)")
	case e.keepErr != "":
		v = st.Error.Render("[ ] not kept: " + e.keepErr)
	case e.keep && m.kept[e.factor.SID].Secret != "":
		v = st.On.Render("[x] kept") + st.Subtle.Render(" in the OS keyring ("+keyring.TOTPServiceName+") · "+k+": forget")
	case e.keep:
		v = st.On.Render("[x] keeping…")
	default:
		v = st.Off.Render("[ ] off") + st.Subtle.Render(" · "+k+": keep secret (test factors only)")
	}
	return common.Truncate(st.Label.Render(common.PadRight("Keep", 10))+v, w)
}

// groups splits s into groups of n separated by spaces (a secret typed
// by hand: authenticator apps ignore the spaces).
func groups(s string, n int) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), " ")
}

// chunks cuts s into lines of at most n bytes (a URI has no spaces to
// wrap at; it is ASCII).
func chunks(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}
