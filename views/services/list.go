package services

import (
	"strconv"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// newList is the view's list of services: named by SID, filtered by
// name and SID.
func newList() common.List[twilioapi.Service] {
	return common.NewList(
		func(s twilioapi.Service) string { return s.SID },
		func(s twilioapi.Service) string { return s.FriendlyName + " " + s.SID },
		"filter by name or SID")
}

// settingsFlags is the short "which settings are on" column.
func settingsFlags(s twilioapi.Service) string {
	var on []string
	add := func(b bool, name string) {
		if b {
			on = append(on, name)
		}
	}
	add(s.LookupEnabled, "lookup")
	add(s.PSD2Enabled, "psd2")
	add(s.SkipSMSToLandlines, "skip-landline")
	add(s.DTMFInputRequired, "dtmf")
	add(s.CustomCodeEnabled, "custom-code")
	add(s.DoNotShareWarningEnabled, "no-share")
	add(s.VerifyEventSubscriptionEnabled, "events")
	add(s.WhatsApp.From != "" || s.WhatsApp.MsgServiceSID != "", "whatsapp")
	add(s.Push.APNCredentialSID != "" || s.Push.FCMCredentialSID != "", "push")
	if len(on) == 0 {
		return "—"
	}
	return strings.Join(on, " ")
}

// listColumns are the widths of the list's columns for w cells.
type listColumns struct {
	name, sid, n int
	showSID      bool
}

func columnsFor(w int) listColumns {
	c := listColumns{name: min(max(w/4, 14), 32), sid: 34, n: 4}
	c.showSID = w >= c.name+c.sid+c.n+10
	return c
}

// row is one line of the list: mark, name, SID (when it fits), code
// length and the settings that are on.
func (c listColumns) row(mark, name, sid, n, flags string) string {
	var b strings.Builder
	b.WriteString(mark)
	b.WriteString(common.PadRight(name, c.name))
	b.WriteByte(' ')
	if c.showSID {
		b.WriteString(common.PadRight(sid, c.sid))
		b.WriteByte(' ')
	}
	b.WriteString(common.PadRight(n, c.n))
	b.WriteByte(' ')
	b.WriteString(flags)
	return b.String()
}

// renderList draws the list pane's content, w cells wide: the header and
// the visible services (★ marks the current one), or the list's state.
func (m Model) renderList(w int) ([]string, bool) {
	c := columnsFor(w)
	texts := common.ListTexts{Noun: "services", Retry: common.KeyName(m.c.Keys.Refresh),
		Empty: "No services yet. Press " + common.KeyName(m.c.Keys.New) + " to create one."}
	if m.c.ReadOnly {
		texts.Empty = "No services in this account."
	}
	return m.list.Rows(m.c.Styles, w, texts, c.row("  ", "NAME", "SID", "LEN", "SETTINGS ON"),
		func(sv twilioapi.Service, _ bool) string {
			mark := "  "
			if sv.SID == m.current {
				mark = "★ "
			}
			return c.row(mark, sv.FriendlyName, sv.SID, strconv.Itoa(sv.CodeLength), settingsFlags(sv))
		}, !m.list.Filtering())
}
