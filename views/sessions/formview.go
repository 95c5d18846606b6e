package sessions

import (
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// viewForm renders the new-session form.
func (m Model) viewForm(st *common.Styles, w, h int) string {
	f := m.form
	title := "New session"
	if m.hasService() {
		title += " · " + m.service.FriendlyName
	}
	lines := []string{st.Title.Render(common.Truncate(title, w))}
	if !m.hasService() {
		lines = append(lines, m.serviceLine(st, w))
	}
	if f.note != "" {
		lines = append(lines, common.Hanging("", f.note, st.Subtle.Render, w)...)
	}
	sum := f.recipient.Summary()
	sumStyle := st.Subtle
	switch {
	case f.recipient.kind() == recipientInvalid:
		sumStyle = st.Error
	case f.recipient.Sendable():
		sumStyle = st.OK
	}
	lines = append(lines, common.Hanging(st.Label.Render("To → "), sum, sumStyle.Render, w)...)
	if f.lookup != nil && f.lookupTo == f.recipient.E164 {
		lines = append(lines, wrappedField(st, "Lookup", lookupSummary(*f.lookup), w)...)
		lines = append(lines, lookupWarnings(st, *f.lookup, twilioapi.Channel(f.form.Get(fieldChannel)), w)...)
	}
	if f.lookupErr != nil {
		lines = append(lines, f.lookupErr.Render(st, w, "")...)
	}
	if f.sending {
		lines = append(lines, st.Subtle.Render("sending…"))
	}
	if f.problem != nil {
		lines = append(lines, f.problem.Render(st, w, "")...)
	}
	lines = append(lines, "")
	km := m.c.Keys
	footer := common.Hanging("", common.KeyName(km.Send)+" send · "+common.KeyName(km.LookupNumber)+" lookup · "+common.KeyName(km.NextField)+" next field · "+
		common.KeyName(km.Back)+" close (input kept)", st.Subtle.Render, w)
	if len(footer) > 1 && h < 20 {
		footer = footer[:1] // the help line says the rest
	}
	// One scrolled pane: whatever the problem above takes, the focused
	// field (with its error) stays in sight.
	form := f.form
	fields, top, bottom := form.Lines(st, w)
	top, bottom = top+len(lines), bottom+len(lines)
	lines = append(lines, fields...)
	var sc common.Scroll
	lines = sc.Window(st, lines, w, max(h-len(footer), 1), top, bottom)
	lines = append(lines, footer...)
	return strings.Join(lines, "\n")
}
