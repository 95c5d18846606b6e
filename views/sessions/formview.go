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
	footer := common.Hanging("", keyName(km.Send)+" send · "+keyName(km.LookupNumber)+" lookup · "+keyName(km.NextField)+" next field · "+
		keyName(km.Back)+" close (input kept)", st.Subtle.Render, w)
	if rest := h - len(lines) - len(footer); rest > 0 {
		form := f.form
		lines = append(lines, form.View(st, w, rest))
	}
	lines = append(lines, footer...)
	return strings.Join(lines, "\n")
}
