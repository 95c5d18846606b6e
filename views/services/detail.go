package services

import (
	"fmt"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// kv is one labelled setting in the detail pane.
type kv struct{ label, value string }

// group is one titled section of the detail pane.
type group struct {
	title string
	rows  []kv
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// orDefault is v+unit, or "default (def)" when v is unset: Twilio
// returns null for TOTP settings nobody set, and 0 would be a lie.
func orDefault(v, unit, def string) string {
	if v == "" {
		return "default (" + def + ")"
	}
	return v + unit
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// groups lays out every setting the API returns, in the sections the
// Twilio console uses.
func groups(s twilioapi.Service) []group {
	return []group{
		{"General", []kv{
			{"Name", s.FriendlyName},
			{"SID", s.SID},
			{"Account", twilioapi.MaskSID(s.AccountSID)},
			{"Code length", fmt.Sprint(s.CodeLength)},
			{"Custom code", onOff(s.CustomCodeEnabled)},
			{"Created", stamp(s.DateCreated)},
			{"Updated", stamp(s.DateUpdated)},
		}},
		{"SMS and voice", []kv{
			{"Lookup", onOff(s.LookupEnabled)},
			{"Skip SMS to landlines", onOff(s.SkipSMSToLandlines)},
			{"DTMF input required", onOff(s.DTMFInputRequired)},
			{"TTS name", orNone(s.TTSName)},
			{"Do-not-share warning", onOff(s.DoNotShareWarningEnabled)},
			{"Default template", orNone(s.DefaultTemplateSID)},
		}},
		{"PSD2", []kv{
			{"PSD2 enabled", onOff(s.PSD2Enabled)},
		}},
		{"TOTP", []kv{
			{"Issuer", orNone(s.TOTP.Issuer)},
			{"Time step", orDefault(itoaSet(s.TOTP.TimeStep), " s", "30 s")},
			{"Code length", orDefault(itoaSet(s.TOTP.CodeLength), "", "6")},
			{"Skew", orDefault(totpSkewText(s), "", "1")},
		}},
		{"Push", []kv{
			{"Include date", onOff(s.Push.IncludeDate)},
			{"APN credential", orNone(s.Push.APNCredentialSID)},
			{"FCM credential", orNone(s.Push.FCMCredentialSID)},
		}},
		{"WhatsApp", []kv{
			{"Messaging service", orNone(s.WhatsApp.MsgServiceSID)},
			{"From", orNone(s.WhatsApp.From)},
		}},
		{"Events", []kv{
			{"Event subscription", onOff(s.VerifyEventSubscriptionEnabled)},
		}},
		passkeysGroup(s.Passkeys),
	}
}

// renderDetail draws the service's settings in w×h cells, scrolled by
// offset lines. When there is room for two columns, groups flow into a
// second column instead of scrolling.
func renderDetail(st *common.Styles, s twilioapi.Service, w, h, offset int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	gs := groups(s)
	labelW := 0
	for _, g := range gs {
		for _, r := range g.rows {
			labelW = max(labelW, len(r.label))
		}
	}
	var lines []string
	for i, g := range gs {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.Heading.Render(g.title))
		for _, r := range g.rows {
			val := r.value
			vs := st.Value
			switch val {
			case "on":
				vs = st.On
			case "off", "—":
				vs = st.Off
			}
			lines = append(lines, common.Truncate(
				st.Label.Render(common.PadRight(r.label, labelW+1))+" "+vs.Render(val), w))
		}
	}
	if len(lines) > h && w >= 2*(labelW+36)+2 {
		lines = twoColumns(lines, (w-2)/2)
	}
	offset = common.ClampOffset(offset, len(lines), h)
	end := min(len(lines), offset+h)
	return strings.Join(lines[offset:end], "\n")
}

// twoColumns flows lines into two columns of colW cells, split at the
// group boundary (a blank line) nearest below the middle.
func twoColumns(lines []string, colW int) []string {
	half := (len(lines) + 1) / 2
	cut := half
	for j := half; j < len(lines); j++ {
		if lines[j] == "" {
			cut = j
			break
		}
	}
	left := lines[:cut]
	right := lines[min(cut+1, len(lines)):]
	var out []string
	for j := 0; j < max(len(left), len(right)); j++ {
		var l, r string
		if j < len(left) {
			l = left[j]
		}
		if j < len(right) {
			r = right[j]
		}
		out = append(out, common.PadRight(l, colW)+"  "+common.Truncate(r, colW))
	}
	return out
}

// detailLines is the number of lines of the single-column detail (for
// scrolling bounds).
func detailLines(s twilioapi.Service) int {
	n := 0
	for i, g := range groups(s) {
		if i > 0 {
			n++
		}
		n += 1 + len(g.rows)
	}
	return n
}
