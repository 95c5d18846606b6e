package totp

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// enrolment is a new factor's one-time screen: the QR code of its
// binding URI, the URI and the Base32 secret. Verify returns the binding
// only in the answer to the creation; once this screen closes the secret
// is gone (unless kept for a test factor).
type enrolment struct {
	factor  twilioapi.Factor
	binding twilioapi.FactorBinding
	// keep is whether the secret is (being) kept in the keyring; keepErr
	// why keeping failed.
	keep    bool
	keepErr string
	// inverted swaps the QR code's light and dark characters.
	inverted bool
	// qr is the code drawn for the current size (fits false: too big,
	// with the size it needs); drawn in Update, never in View.
	qr     qrBlock
	fits   bool
	qrErr  error
	layout enrolLayout
}

// newEnrolment starts the screen for a created factor.
func newEnrolment(f twilioapi.Factor, b twilioapi.FactorBinding, keep bool) *enrolment {
	return &enrolment{factor: f, binding: b, keep: keep}
}

// enrolLayout is where the QR code goes: beside the text, above it, or
// nowhere (too small).
type enrolLayout int

const (
	layoutBeside enrolLayout = iota
	layoutAbove
	layoutNoQR
)

// minTextW and minTextH are the room the text beside or below the QR
// code needs.
const (
	minTextW = 44
	minTextH = 9
)

// render draws the QR code for the view's w×h (the title line is not
// for it) and picks the layout.
func (e *enrolment) render(st *common.Styles, w, h int) {
	colored := st.Theme.Kind != common.ThemePlain
	h-- // the title line
	// Beside the text: the code may take the full height.
	if b, fits, err := renderQR(e.binding.URI, w-minTextW-1, h, e.inverted, colored); err != nil {
		e.qrErr, e.fits, e.layout = err, false, layoutNoQR
		return
	} else if fits {
		e.qr, e.fits, e.layout, e.qrErr = b, true, layoutBeside, nil
		return
	}
	b, fits, err := renderQR(e.binding.URI, w, h-minTextH, e.inverted, colored)
	e.qr, e.fits, e.qrErr = b, fits, err
	e.layout = layoutAbove
	if !fits || err != nil {
		e.layout = layoutNoQR
	}
}

// updateEnrol handles keys on the enrolment screen.
func (m Model) updateEnrol(k tea.KeyPressMsg) (Model, tea.Cmd) {
	e := m.enrol
	km := m.c.Keys
	switch {
	case key.Matches(k, km.Back):
		if m.secretAtRisk() {
			return m, m.askLeaveEnrol()
		}
		return m.closeEnrol()
	case key.Matches(k, km.DetailDown):
		// Never past the end, so K scrolls back at once.
		if m.detailOffset < len(m.enrolLines())-m.height {
			m.detailOffset++
		}
	case key.Matches(k, km.DetailUp):
		m.detailOffset = max(m.detailOffset-1, 0)
	case key.Matches(k, m.bind(keyInvert)):
		e.inverted = !e.inverted
		e.render(m.c.Styles, m.width, m.height)
	case key.Matches(k, km.Copy):
		return m, common.Copy(e.binding.URI, "otpauth URI (it holds the secret)")
	case key.Matches(k, m.bind(keyVerify)):
		return m.openVerify(e.factor)
	case key.Matches(k, m.bind(keyKeep)):
		return m.toggleKeep()
	}
	return m, nil
}

// toggleKeep keeps the secret in the keyring, or forgets it again.
func (m Model) toggleKeep() (Model, tea.Cmd) {
	e := m.enrol
	if m.c.TOTPKeeper == nil {
		return m, common.Flash(common.FlashWarn, errNoKeeper.Error())
	}
	if m.reqs.Any(func(r request) bool { return (r.kind == reqKeep || r.kind == reqForget) && r.factor == e.factor.SID }) {
		return m, nil
	}
	e.keepErr = ""
	if e.keep {
		e.keep = false
		return m, m.forgetSecret(e.factor.SID)
	}
	e.keep = true
	return m, m.keepSecret(e.factor, e.binding.Secret)
}

// secretAtRisk reports whether leaving now loses a secret nobody can read
// again: a new factor not verified yet (so no authenticator is known to
// hold it) and not kept in the keyring.
func (m Model) secretAtRisk() bool {
	e := m.enrol
	return m.screen == screenEnrol && e != nil && e.factor.Status != twilioapi.FactorVerified && !e.keep
}

// secretWarning says what leaving the enrolment screen loses.
const secretWarning = "Verify shows a TOTP factor's secret only when it is created: once this screen closes, " +
	"nobody can read it again."

// askLeaveEnrol asks before closing the enrolment screen of a secret at
// risk; the answer comes back as a leaveEnrolMsg.
func (m Model) askLeaveEnrol() tea.Cmd {
	km := m.c.Keys
	body := secretWarning + " Scan the QR code or copy the URI (" + common.KeyName(km.Copy) + ") first"
	if m.c.TOTPKeeper != nil {
		body += ", or keep it in the keyring (" + common.KeyName(m.bind(keyKeep)) + ")"
	}
	confirm := common.ConfirmMsg{Title: "Leave the new factor's secret?", Body: body + ".",
		OnConfirm: common.ToView{View: ID, Msg: leaveEnrolMsg{factor: m.enrol.factor.SID}}}
	return func() tea.Msg { return confirm }
}

// QuitWarning implements common.QuitWarner: quitting on an enrolment
// screen loses its secret too.
func (m Model) QuitWarning() string {
	if m.secretAtRisk() {
		return "A new TOTP factor's secret is on screen. " + secretWarning
	}
	return ""
}
