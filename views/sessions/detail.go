package sessions

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// viewDetail renders the selected session: its facts, what can be done
// now, the last problem, the sandbox outbox and as much history as fits.
func (m Model) viewDetail(st *common.Styles, w, h int, now time.Time) string {
	s := m.current()
	if s == nil {
		return m.viewEmpty(st, w)
	}
	lines, keepTop, keepBottom := m.detailLines(st, s, w, now)
	sc := m.detail
	return strings.Join(sc.Window(st, lines, w, h, keepTop, keepBottom), "\n")
}

// detailHistory is how many history entries the detail shows (the pane
// scrolls to them).
const detailHistory = 10

// detailLines are every line of the selected session's detail, and the
// lines that must stay in sight (the code field or the resend picker
// while they have focus; keepTop is -1 otherwise).
func (m Model) detailLines(st *common.Styles, s *session, w int, now time.Time) (lines []string, keepTop, keepBottom int) {
	lines = detailFields(st, m.c.Keys, s, w, now)
	lines = append(lines, "")
	keepTop, keepBottom = -1, -1
	actions := m.actionLines(st, s, w, now)
	if m.mode == modeCode || m.mode == modeResend {
		keepTop, keepBottom = len(lines), len(lines)+len(actions)-1
	}
	lines = append(lines, actions...)
	if s.problem != nil {
		lines = append(lines, "")
		lines = append(lines, s.problem.Render(st, w, m.detailsKey())...)
	}
	if m.c.Sandbox {
		lines = append(lines, "")
		lines = append(lines, outboxLines(st, m.c.Keys, s, w)...)
	}
	if len(s.history) > 0 {
		lines = append(lines, "", st.Heading.Render("History"))
		lines = append(lines, historyLines(st, s.history, w, detailHistory)...)
	}
	return lines, keepTop, keepBottom
}

// scrollDetail moves the detail pane by d lines, within its lines.
func (m *Model) scrollDetail(d int) {
	s := m.current()
	if s == nil {
		return
	}
	lines, _, _ := m.detailLines(m.c.Styles, s, m.detailWidth(), m.c.Now())
	m.detail.Offset = common.ClampOffset(m.detail.Offset+d, len(lines), m.height)
}

// viewEmpty is the detail pane before the first session.
func (m Model) viewEmpty(st *common.Styles, w int) string {
	start := "Press " + common.KeyName(m.c.Keys.New) + " to send a code to a customer."
	if m.c.ReadOnly {
		start = "Read-only mode: sending verifications is refused."
	}
	lines := []string{st.Title.Render("No sessions yet."), ""}
	lines = append(lines, common.Hanging("", start, plain, w)...)
	lines = append(lines, "")
	lines = append(lines, m.serviceLine(st, w))
	return strings.Join(lines, "\n")
}

// detailFields are the session's facts: who, service, status, channel,
// options, attempts used, the SNA URL and the lookup.
func detailFields(st *common.Styles, km *common.KeyMap, s *session, w int, now time.Time) []string {
	title := s.recipient.Label()
	if c := strings.TrimSpace(s.recipient.Flag + " " + s.recipient.CountryName); c != "" {
		title += " · " + c
	}
	lines := []string{st.Title.Render(common.Truncate(title, w))}
	lines = append(lines, field(st, "Service", s.service.FriendlyName+" · "+twilioapi.MaskSID(s.service.SID), w))
	lines = append(lines, wrappedField(st, "Status", statusValue(st, s, now), w)...)
	chLine := string(s.channel())
	if s.ver.SID != "" {
		chLine += " · " + twilioapi.MaskSID(s.ver.SID)
	}
	if !s.created.IsZero() {
		chLine += " · started " + clockTime(s.created)
	}
	lines = append(lines, wrappedField(st, "Channel", chLine, w)...)
	if opts := optionsSummary(s.params); opts != "" {
		lines = append(lines, wrappedField(st, "Options", opts, w)...)
	}
	sends := fmt.Sprintf("%d of %d used · %d left", s.sendsUsed(), twilioapi.MaxSends, s.sendsLeft())
	if s.live(now) && s.sendsLeft() == 0 {
		// Said here, not only in the status line, where it is cut on a
		// narrow terminal and gone after a few seconds.
		sends += " " + noSendsAdvice(km, s)
	}
	lines = append(lines, wrappedField(st, "Sends", sends, w)...)
	lines = append(lines, field(st, "Checks", fmt.Sprintf("%d of %d used · %d left", min(s.checksUsed, twilioapi.MaxChecks), twilioapi.MaxChecks, s.checksLeft()), w))
	if len(s.ver.SendCodeAttempts) > 0 {
		var at []string
		for _, a := range s.ver.SendCodeAttempts {
			at = append(at, clockTime(a.Time)+" "+string(a.Channel))
		}
		lines = append(lines, wrappedField(st, "Attempts", strings.Join(at, " · "), w)...)
	}
	if s.ver.SNAURL != "" {
		lines = append(lines, wrappedField(st, "SNA URL", s.ver.SNAURL, w)...)
		if s.live(now) {
			lines = append(lines, common.Hanging(strings.Repeat(" ", labelWidth),
				common.KeyName(km.Copy)+" copies it · open it on the phone's mobile data, then "+common.KeyName(km.Check)+" checks", st.Subtle.Render, w)...)
		}
	}
	if s.lookup != nil {
		lines = append(lines, wrappedField(st, "Lookup", lookupSummary(*s.lookup), w)...)
		lines = append(lines, lookupWarnings(st, *s.lookup, s.channel(), w)...)
	}
	return lines
}

// historyLines are the last room entries of a session's history.
func historyLines(st *common.Styles, hist []historyEntry, w, room int) []string {
	lines := make([]string, 0, min(len(hist), room)+1)
	if n := len(hist) - room; n > 0 {
		hist = hist[len(hist)-room:]
		lines = append(lines, st.Subtle.Render(common.Truncate(
			"… "+strconv.Itoa(n)+" earlier, not shown (twilio-verify audit lists every action)", w)))
	}
	for _, e := range hist {
		lines = append(lines, st.Subtle.Render(common.Truncate(clockTime(e.When)+" "+e.Who+" "+e.Action+" → "+e.Outcome, w)))
	}
	return lines
}

// optionsSummary lists the start options that were set, so the agent sees
// what the customer was sent (PSD2 amount and payee above all).
func optionsSummary(p twilioapi.StartParams) string {
	var parts []string
	if p.Amount != "" || p.Payee != "" {
		parts = append(parts, "PSD2 "+p.Amount+" to "+p.Payee)
	}
	if p.Locale != "" {
		parts = append(parts, "locale "+p.Locale)
	}
	if p.CustomFriendlyName != "" {
		parts = append(parts, "name "+p.CustomFriendlyName)
	}
	if p.RiskCheck != "" {
		parts = append(parts, "RiskCheck "+p.RiskCheck)
	}
	if len(p.Tags) > 0 {
		parts = append(parts, "tags "+formatTags(p.Tags))
	}
	return strings.Join(parts, " · ")
}

// statusValue is the status with its countdown; APPROVED stands out.
func statusValue(st *common.Styles, s *session, now time.Time) string {
	switch status := s.statusAt(now); {
	case status == twilioapi.StatusApproved:
		return st.OK.Render("✔ APPROVED")
	case status == twilioapi.StatusPending && !s.gone:
		return st.Bold.Render("PENDING") + " · expires in " + countdown(s.expiresAt().Sub(now)) + " (" + clockTime(s.expiresAt()) + ")"
	default:
		return st.Error.Render("✗ " + strings.ToUpper(statusWord(s, now)))
	}
}

// actionLines are what the agent can do now (the resend picker, the code
// field) and the last check's outcome.
func (m Model) actionLines(st *common.Styles, s *session, w int, now time.Time) []string {
	var lines []string
	switch {
	case m.mode == modeResend && m.resend.session == s.id:
		lines = m.resendLines(st, w)
	case s.live(now) && s.checksLeft() == 0:
		// The note says why no code can be typed.
	case s.live(now) && s.isSNA():
		lines = append(lines, st.Subtle.Render(common.Truncate(common.KeyName(m.c.Keys.Check)+": check the SNA verification (no code)", w)))
	case s.live(now):
		lines = append(lines, m.codeLine(st, s, w))
		if s.codeErr != "" {
			lines = append(lines, common.Hanging(strings.Repeat(" ", labelWidth), "✗ "+s.codeErr+" Nothing was sent.", st.Error.Render, w)...)
		}
	}
	return append(lines, noteLines(st, m.c.Keys, s, w, now)...)
}

// resendLines are the open resend picker: the channels and what enter
// and → do now.
func (m Model) resendLines(st *common.Styles, w int) []string {
	var opts []string
	for i, c := range m.resend.choices {
		if i == m.resend.idx {
			opts = append(opts, st.ButtonFocus.Render(string(c)))
		} else {
			opts = append(opts, st.Button.Render(string(c)))
		}
	}
	lines := []string{field(st, "Resend by", strings.Join(opts, ""), w)}
	// Say what enter does now, and where → goes in the fallback order.
	km := m.c.Keys
	hint := common.KeyName(km.Send) + " resends by " + string(m.resend.chosen())
	if fb := m.resend.fallback(); fb != "" {
		hint += " · " + common.KeyName(km.NextChoice) + " falls back to " + string(fb)
	} else {
		hint += " · " + common.KeyName(km.PrevChoice) + "/" + common.KeyName(km.NextChoice) + " choose"
	}
	hint += " · " + common.KeyName(km.Back) + " cancel"
	return append(lines, common.Hanging(strings.Repeat(" ", labelWidth), hint, st.Subtle.Render, w)...)
}

// codeLine is the code field: focused, holding a half-typed code, or
// saying how to start typing.
func (m Model) codeLine(st *common.Styles, s *session, w int) string {
	label := st.Label.Render(common.PadRight("Code", labelWidth))
	if m.mode == modeCode && m.current() == s {
		in := m.code
		if in.Value() != s.codeDraft {
			in.SetValue(s.codeDraft)
		}
		in.SetStyles(st.Input)
		in.SetWidth(max(min(w-labelWidth-1, 12), 1))
		label = st.FieldLabelFocus.Render(common.PadRight("Code ›", labelWidth))
		return common.Truncate(label+in.View()+st.Subtle.Render("  "+common.KeyName(m.c.Keys.Check)+" check · "+common.KeyName(m.c.Keys.Back)+" back"), w)
	}
	if v := s.codeDraft; v != "" {
		// Typed before the agent stepped away: it is still there.
		return common.Truncate(label+v+st.Subtle.Render("  "+common.KeyName(m.c.Keys.Check)+": go on typing"), w)
	}
	return common.Truncate(label+st.Subtle.Render(common.KeyName(m.c.Keys.Check)+": type the customer's code"), w)
}

// noteLines say how the verification stands: closed, approved, or the
// last check's outcome.
func noteLines(st *common.Styles, km *common.KeyMap, s *session, w int, now time.Time) []string {
	switch {
	case s.note == "" && !s.live(now) && s.statusAt(now) != twilioapi.StatusApproved:
		// Closed without a check's word on it (expired, canceled, removed).
		text := "✗ " + closedText(s, now)
		if s.problem == nil { // else the explanation says what to do
			text += ": " + common.KeyName(km.Resend) + " sends this customer a new code"
		}
		return common.Hanging("", text, st.Warn.Render, w)
	case s.note == noteApprovedElsewhere:
		return common.Hanging("", "✔ "+noteApprovedElsewhere, st.OK.Render, w)
	case s.note == noteApprovedManually:
		return common.Hanging("", "✔ APPROVED manually: no code was checked ("+common.KeyName(km.Approve)+")", st.OK.Render, w)
	case s.note == "APPROVED" || s.statusAt(now) == twilioapi.StatusApproved:
		return common.Hanging("", "✔ APPROVED: the customer is verified", st.OK.Render, w)
	case strings.HasPrefix(s.note, "not approved"):
		return common.Hanging("", "✗ "+s.note, st.Warn.Render, w)
	case s.note != "":
		return common.Hanging("", s.note, st.Subtle.Render, w)
	}
	return nil
}

// closedText says how a verification ended ("expired at 12:10:00").
func closedText(s *session, now time.Time) string {
	if s.statusAt(now) == twilioapi.StatusExpired && !s.created.IsZero() {
		return "expired at " + clockTime(s.expiresAt())
	}
	return statusWord(s, now)
}

// outboxLines renders what the sandbox delivered for the session.
func outboxLines(st *common.Styles, km *common.KeyMap, s *session, w int) []string {
	lines := []string{st.Heading.Render(common.Truncate("Outbox (sandbox): what the customer received", w))}
	if len(s.outbox) == 0 {
		none := "nothing delivered yet · " + common.KeyName(km.Resend) + " resends, on another channel if need be"
		if s.isSNA() {
			none = "SNA sends no message: the phone opens the SNA URL"
		}
		return append(lines, common.Hanging("  ", none, st.Subtle.Render, w)...)
	}
	o := s.outbox[0]
	meta := string(o.Channel) + " · " + clockTime(o.DateCreated)
	if o.Code != "" {
		meta += " · code " + o.Code
	}
	if len(s.outbox) > 1 {
		meta += fmt.Sprintf(" · %d messages", len(s.outbox))
	}
	lines = append(lines, "  "+st.Bold.Render(common.Truncate(meta, w-2)))
	// The body's own lines (an e-mail's subject, then its text) stay
	// lines; blank ones go, to save room.
	var body []string
	for _, l := range strings.Split(o.Body, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			body = append(body, common.Wrap(l, w-2)...)
		}
	}
	if len(body) > maxBodyLines {
		body = append(body[:maxBodyLines-1], "…")
	}
	for _, l := range body {
		lines = append(lines, "  "+st.Normal.Render(l))
	}
	return lines
}

// lookupWarnings are the warnings a lookup gives for a channel.
func lookupWarnings(st *common.Styles, info twilioapi.PhoneInfo, ch twilioapi.Channel, w int) []string {
	var out []string
	if strings.EqualFold(info.LineType.Type, "landline") && (ch == twilioapi.ChannelSMS || ch == twilioapi.ChannelWhatsApp || ch == "") {
		out = append(out, common.Hanging("", "⚠ Landline: SMS would fail (Twilio 60205 on services that skip landlines). Use the call channel.", st.Warn.Render, w)...)
	}
	if info.SMSPumpingRisk.Score >= 75 || info.SMSPumpingRisk.NumberBlocked {
		out = append(out, common.Hanging("", fmt.Sprintf("⚠ High SMS pumping risk (%d/100, %s): Fraud Guard may block SMS (60410).",
			info.SMSPumpingRisk.Score, info.SMSPumpingRisk.CarrierRiskCategory), st.Warn.Render, w)...)
	}
	return out
}
