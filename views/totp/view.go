package totp

import (
	"time"

	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// panes is where the main screen's panes go for the current size.
type panes struct {
	wide         bool
	listW, listH int // entity list content (inside the border)
	rightW       int // factor pane content
	rightH       int
	factorRows   int // factor rows below the factor header
}

// layout splits the area: side by side from 100 columns, stacked below.
func (m Model) layout() panes {
	h := m.height - 1 // title line
	var p panes
	if m.width >= 100 {
		lw := max(m.width*2/5, 50)
		p = panes{wide: true, listW: lw - 2, listH: h - 2, rightW: m.width - lw - 2, rightH: h - 2}
	} else {
		lh := max(h/3, 5)
		p = panes{listW: m.width - 2, listH: lh - 2, rightW: m.width - 2, rightH: h - lh - 2}
	}
	// The factors take up to a third of their pane (an entity has few);
	// the selected factor's details go below.
	p.factorRows = max(min(p.rightH/3, 6), 1)
	return p
}

// pane draws lines in a bordered box of exactly (w+2)×(h+2) cells.
func pane(st lipgloss.Style, lines []string, w, h int, exact bool) []string {
	return common.Box(st, common.FitLines(lines, w, h, exact), w, h)
}

// View implements common.View.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	switch m.screen {
	case screenForm:
		return m.viewForm()
	case screenEnrol:
		if m.enrol != nil {
			return m.viewEnrol()
		}
	}
	return m.viewMain()
}

// viewMain draws the title, the entity list and the factor pane.
func (m Model) viewMain() string {
	st := m.c.Styles
	l := m.layout()
	if m.service.SID == "" {
		msg := []string{st.Title.Render(Title), "", st.Subtle.Render(m.c.Keys.NoService())}
		return common.Fit(strings.Join(msg, "\n"), m.width, m.height)
	}
	entSt, facSt := st.PaneFocused, st.Pane
	if m.focus == focusFactors {
		entSt, facSt = st.Pane, st.PaneFocused
	}
	list, exact := m.renderEntities(l.listW)
	left := pane(entSt, list, l.listW, l.listH, exact)
	right := pane(facSt, m.renderFactorPane(l.rightW, l.rightH), l.rightW, l.rightH, false)
	var body []string
	if l.wide {
		body = common.JoinColumns(left, right)
	} else {
		body = append(left, right...)
	}
	lines := append([]string{common.PadRight(m.title(), m.width)}, body...)
	return strings.Join(common.FitLines(lines, m.width, m.height, false), "\n")
}

// title is the line above the panes.
func (m Model) title() string {
	st := m.c.Styles
	switch {
	case m.entities.Filtering():
		return st.Title.Render("Entities ") + m.entities.FilterView(st, m.width-30)
	case m.factors.Filtering():
		return st.Title.Render("Factors ") + m.factors.FilterView(st, m.width-30)
	}
	pos := m.entities.Position()
	if m.reqs.Any(is(reqEntities)) || m.reqs.Any(is(reqEntitiesPage)) {
		pos = strings.TrimPrefix(pos+" · loading…", " · ")
	}
	return common.Truncate(st.Title.Render(Title)+"  "+st.Bold.Render(m.service.FriendlyName)+" "+
		st.Subtle.Render(m.service.SID+"  "+pos), m.width)
}

// renderEntities draws the entity list pane's content.
func (m Model) renderEntities(w int) ([]string, bool) {
	texts := common.ListTexts{Noun: "entities", Retry: common.KeyName(m.c.Keys.Refresh),
		Empty: "No entities yet. Press " + common.KeyName(m.c.Keys.New) + " to enrol a TOTP factor for an identity."}
	if m.c.ReadOnly {
		texts.Empty = "No entities on this service."
	}
	lines, exact := m.entities.Rows(m.c.Styles, w, texts, entityHeader(w),
		func(e twilioapi.Entity, _ bool) string { return entityRow(e, w) }, m.focus == focusEntities && !m.entities.Filtering())
	if !exact {
		lines = wrapLines(lines, w)
	}
	return lines, exact
}

// wrapLines wraps the lines a list shows in place of rows (empty, no
// match, an error with its hint) so a narrow pane cuts none of them.
func wrapLines(lines []string, w int) []string {
	var out []string
	for _, l := range lines {
		out = append(out, common.Wrap(l, w)...)
	}
	return out
}

// renderFactorPane draws the selected entity's factors and the selected
// factor's details, challenges and (for a kept secret) live code.
func (m Model) renderFactorPane(w, h int) []string {
	out, detail := m.factorPaneParts(w)
	if detail == nil {
		return out
	}
	off := min(m.detailOffset, maxDetailOffset(out, detail, h))
	return append(append(out, ""), detail[off:]...)
}

// maxDetailOffset is how far the details below the factor rows (head)
// can scroll in a pane h lines high: to their last line, no further.
func maxDetailOffset(head, detail []string, h int) int {
	return max(len(detail)-(h-len(head)-1), 0)
}

// factorPaneParts are the factor pane's lines w cells wide: the heading
// and factor rows, then the selected factor's details (nil when none is
// shown) that go below them after a blank line.
func (m Model) factorPaneParts(w int) (head, detail []string) {
	st := m.c.Styles
	e, ok := m.entities.Selected()
	if !ok {
		return nil, nil
	}
	out := []string{st.Heading.Render(common.Truncate("Factors of "+e.Identity, w))}
	if identityLooksPersonal(e.Identity) {
		out = append(out, st.Warn.Render(common.Truncate("⚠ this identity looks like a phone number (PII)", w)))
	}
	if m.factorsOf != e.Identity {
		return append(out, st.Subtle.Render("Loading factors…")), nil
	}
	c := factorColumnsFor(w)
	texts := common.ListTexts{Noun: "factors", Retry: common.KeyName(m.c.Keys.Refresh),
		Empty: "No factors yet. Press " + common.KeyName(m.c.Keys.New) + " to enrol a TOTP factor for this identity."}
	if m.c.ReadOnly {
		texts.Empty = "No factors for this identity."
	}
	rows, exact := m.factors.Rows(st, w, texts, c.row("TYPE", "NAME", "STATUS", "CREATED"),
		func(f twilioapi.Factor, _ bool) string { return c.factorRow(f) }, m.focus == focusFactors && !m.factors.Filtering())
	if !exact {
		rows = wrapLines(rows, w)
	}
	// The list pads its rows to its height; an entity has few factors.
	for len(rows) > 1 && strings.TrimSpace(ansi.Strip(rows[len(rows)-1])) == "" {
		rows = rows[:len(rows)-1]
	}
	out = append(out, rows...)
	if f, ok := m.shownFactor(); ok {
		return out, m.factorDetail(f, w)
	}
	return out, nil
}

// scrollDetail moves the factor's details by d lines, never past their
// end, so scrolling back answers at once.
func (m *Model) scrollDetail(d int) {
	l := m.layout()
	head, detail := m.factorPaneParts(l.rightW)
	m.detailOffset = max(min(m.detailOffset+d, maxDetailOffset(head, detail, l.rightH)), 0)
}

// factorDetail is the selected factor's details, w cells wide.
func (m Model) factorDetail(f twilioapi.Factor, w int) []string {
	st := m.c.Styles
	var out []string
	add := func(label, value string) {
		out = append(out, common.Truncate(st.Label.Render(common.PadRight(label, 11))+value, w))
	}
	if m.prompt != nil && m.prompt.factor.SID == f.SID {
		out = append(out, m.renderPrompt(w)...)
		out = append(out, "")
	}
	if m.problem != nil {
		out = append(out, m.problem.Render(st, w, "")...)
	}
	add("Factor", f.SID)
	add("Type", string(f.Type))
	add("Status", m.statusText(f))
	add("Created", dateTime(f.DateCreated))
	switch f.Type {
	case twilioapi.FactorTOTP:
		t := f.TOTP
		add("Settings", fmt.Sprintf("%s · %d digits · %d s · skew %d", t.Algorithm, t.CodeLength, t.TimeStep, t.Skew))
		out = append(out, m.codeLines(f.SID, w)...)
		out = append(out, m.challengeLines(f, w)...)
	case twilioapi.FactorPush:
		p := f.Push
		add("App", p.AppID)
		add("Platform", p.NotificationPlatform)
		add("SDK", p.SDKVersion)
		out = append(out, common.Hanging("", "Push factors are created and answered by the app's SDK; here they can be inspected and deleted.", st.Subtle.Render, w)...)
	default:
		out = append(out, common.Hanging("", "Passkey factors are registered in a browser; here they can be inspected and deleted.", st.Subtle.Render, w)...)
	}
	return out
}

// statusText is a factor's status with what to do next.
func (m Model) statusText(f twilioapi.Factor) string {
	st := m.c.Styles
	if f.Status == twilioapi.FactorVerified {
		return st.OK.Render("verified")
	}
	s := st.Warn.Render("unverified")
	if f.Type == twilioapi.FactorTOTP {
		left := twilioapi.MaxTOTPAttempts - m.wrong[f.SID]
		s += st.Subtle.Render(" · " + attemptsLeft(left))
		if !m.c.ReadOnly {
			s += st.Subtle.Render(" · " + common.KeyName(m.bind(keyVerify)) + ": verify")
		}
	}
	return s
}

// codeLines is the live code of a kept secret with its countdown bar.
func (m Model) codeLines(sid string, w int) []string {
	st := m.c.Styles
	if m.live.sid != sid {
		return nil
	}
	if m.live.err != nil {
		return []string{st.Error.Render(common.Truncate("Code      "+m.live.err.Error(), w))}
	}
	return []string{m.timerLine(w)}
}

// timerLine is "Code now   123456  ▕██████░░░░▏ 17 s": the one line that
// changes every second.
func (m Model) timerLine(w int) string {
	st := m.c.Styles
	left := m.live.remaining(m.c.Now())
	const barW = 20
	filled := barW * left / m.live.period
	bar := "▕" + strings.Repeat("█", filled) + strings.Repeat("░", barW-filled) + "▏"
	return common.Truncate(st.Label.Render(common.PadRight("Code now", 11))+st.Bold.Render(m.live.code)+"  "+
		st.Subtle.Render(fmt.Sprintf("%s %2d s (test factor: secret kept)", bar, left)), w)
}

// challengeLines lists a factor's newest challenges.
func (m Model) challengeLines(f twilioapi.Factor, w int) []string {
	st := m.c.Styles
	chs, loaded := m.challenges[f.SID]
	out := []string{"", st.Heading.Render("Challenges (newest first)")}
	switch {
	case !loaded:
		return append(out, st.Subtle.Render("Loading challenges…"))
	case len(chs) == 0 && canChallenge(f) && !m.c.ReadOnly:
		return append(out, common.Hanging("", "None yet. "+common.KeyName(m.bind(keyChallenge))+": create one with the current code.", st.Subtle.Render, w)...)
	case len(chs) == 0:
		return append(out, st.Subtle.Render("None yet."))
	}
	now := m.c.Now()
	for _, ch := range chs {
		head, status := m.challengeText(ch, now)
		if line := head + "  " + status; ansi.StringWidth(line) <= w {
			out = append(out, line)
			continue
		}
		// A narrow pane: the SID and time fill the line, the status
		// goes below rather than being cut to a letter.
		out = append(out, common.Truncate(head, w))
		out = append(out, common.Truncate("  "+status, w))
	}
	return out
}

// challengeStatus is a challenge's status, expired when its time is up
// though Verify has not said so yet.
func challengeStatus(ch twilioapi.Challenge, now time.Time) twilioapi.ChallengeStatus {
	if ch.Status == twilioapi.ChallengePending && !now.Before(ch.ExpirationDate) {
		return twilioapi.ChallengeExpired
	}
	return ch.Status
}

// challengeText is one challenge: its SID and time (head), and its
// status with attempts left or when it was answered.
func (m Model) challengeText(ch twilioapi.Challenge, now time.Time) (head, status string) {
	st := m.c.Styles
	head = ch.SID + "  " + common.ClockTime(ch.DateCreated)
	switch s := challengeStatus(ch, now); s {
	case twilioapi.ChallengeApproved:
		return head, st.OK.Render("approved") + st.Subtle.Render(" at "+common.ClockTime(ch.DateResponded))
	case twilioapi.ChallengePending:
		return head, st.Warn.Render("pending") + st.Subtle.Render(" · "+attemptsLeft(twilioapi.MaxTOTPAttempts-m.wrong[ch.SID])+
			" · expires "+common.ClockTime(ch.ExpirationDate))
	default:
		return head, st.Error.Render(string(s))
	}
}

// renderPrompt draws the code prompt.
func (m Model) renderPrompt(w int) []string {
	st := m.c.Styles
	p := m.prompt
	in := p.input
	in.SetStyles(st.Input)
	in.SetWidth(max(min(w-4, 40), 8))
	out := common.Hanging("", p.title(), st.Bold.Render, w)
	out = append(out, in.View())
	if p.note != "" {
		out = append(out, common.Hanging("  ", p.note, st.Warn.Render, w)...)
	}
	if p.problem != nil {
		out = append(out, p.problem.Render(st, w, "")...)
	}
	return out
}

// viewForm draws the new factor form over the whole view.
func (m Model) viewForm() string {
	st := m.c.Styles
	w, h := m.width-2, m.height-3
	var top []string
	if id := m.form.Get(fieldIdentity); identityLooksPersonal(id) {
		top = append(top, common.Hanging("⚠ ", "This identity looks like a phone number: Twilio takes it, but identities must not be PII.", st.Warn.Render, w)...)
	}
	if m.formProblem != nil {
		top = append(top, m.formProblem.Render(st, w, "")...)
	}
	f := m.form
	body := append(top, strings.Split(f.View(st, w, max(h-len(top), 1)), "\n")...)
	lines := append([]string{common.Truncate(st.Title.Render(m.formTitle()), m.width)}, pane(st.PaneFocused, body, w, h, false)...)
	return common.Fit(strings.Join(lines, "\n"), m.width, m.height)
}
