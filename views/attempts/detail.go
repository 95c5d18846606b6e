package attempts

import (
	"strconv"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// field is one labelled line of the detail.
type field struct{ label, value string }

// detailFields are every field of an attempt: the attempt's own, then
// its channel data.
func (m Model) detailFields(a twilioapi.Attempt) (own, channel []field) {
	now := m.c.Now()
	loc := now.Location()
	when := func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.In(loc).Format("2006-01-02 15:04:05 MST") + " (" + ago(t, now) + ")"
	}
	or := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	num := func(n int) string {
		if n == 0 {
			return "—"
		}
		return strconv.Itoa(n)
	}
	outcome := string(a.Conversion)
	switch a.Conversion {
	case twilioapi.Converted:
		outcome = "✔ converted (the code was approved)"
	case twilioapi.Unconverted:
		outcome = "✗ unconverted (no approved check)"
	}
	verification := a.VerificationSID
	if verification == "" {
		verification = "— (blocked before a verification was made)"
	}
	service := or(a.ServiceSID)
	if n := m.services[a.ServiceSID]; n != "" {
		service = n + " (" + a.ServiceSID + ")"
	}
	priceText := "— (not priced yet)"
	if a.Price != "" {
		priceText = a.Price + " " + strings.ToUpper(a.PriceCurrency)
	}
	own = []field{
		{"Attempt", a.SID},
		{"Created", when(a.DateCreated)},
		{"Updated", when(a.DateUpdated)},
		{"Service", service},
		{"Verification", verification},
		{"Channel", or(string(a.Channel))},
		{"Outcome", or(outcome)},
		{"Price", priceText},
		{"Account", or(twilioapi.MaskSID(a.AccountSID))},
		{"URL", or(a.URL)},
	}
	carrier := or(a.Carrier.Name)
	if a.Carrier.MobileCountryCode != "" {
		carrier += " (MCC " + a.Carrier.MobileCountryCode + ", MNC " + a.Carrier.MobileNetworkCode + ")"
	}
	errText := "—"
	if a.ErrorCode != 0 {
		errText = strconv.Itoa(a.ErrorCode)
	}
	channel = []field{
		{"To", or(m.destination(a.To))},
		{"Country", or(a.Country)},
		{"Status", or(a.Status)},
		{"Delivery", or(a.DeliveryStatus)},
		{"Error code", errText},
		{"Carrier", carrier},
		{"Locale", or(a.Locale)},
		{"Code length", num(a.CodeLength)},
	}
	return own, channel
}

// fieldLines draws fields under a heading, w cells wide; long values wrap
// under themselves.
func fieldLines(st *common.Styles, heading string, fs []field, w int) []string {
	labelW := 0
	for _, f := range fs {
		labelW = max(labelW, common.Width(f.label))
	}
	labelW++
	out := []string{st.Heading.Render(common.Truncate(heading, w))}
	for _, f := range fs {
		wrapped := common.Wrap(f.value, max(w-labelW, 8))
		for i, l := range wrapped {
			label := strings.Repeat(" ", labelW)
			if i == 0 {
				label = st.Label.Render(common.PadRight(f.label, labelW))
			}
			out = append(out, common.Truncate(label+st.Value.Render(l), w))
		}
	}
	return out
}

// detailLines is the selected attempt's detail, w cells wide: the
// attempt and its channel data side by side when two columns of 44 fit,
// else one under the other.
func (m Model) detailLines(a twilioapi.Attempt, w int) []string {
	st := m.c.Styles
	own, channel := m.detailFields(a)
	if w >= 2*44+3 {
		lw := w * 11 / 20
		left := fieldLines(st, "Attempt", own, lw)
		right := fieldLines(st, "Channel data", channel, w-lw-3)
		n := max(len(left), len(right))
		out := make([]string, n)
		for i := range out {
			l, r := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			out[i] = common.PadRight(l, lw) + "   " + r
		}
		return out
	}
	return append(append(fieldLines(st, "Attempt", own, w), ""), fieldLines(st, "Channel data", channel, w)...)
}
