package guard

import (
	"context"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// numberState is the Number risk panel.
type numberState struct {
	// number is the E.164 number looked up (or being looked up).
	number  string
	info    *twilioapi.PhoneInfo
	problem *common.Problem
}

// inspect looks up number's risk and shows it in the Number risk panel.
func (m *Model) inspect(number string) tea.Cmd {
	m.sec, m.inPane = secNumberRisk, true
	m.number = numberState{number: number}
	m.reqs.Drop(is(reqNumber))
	return start(m, request{kind: reqNumber, number: number}, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.PhoneInfo, error) {
		return cl.LookupPhone(ctx, number)
	})
}

// onInspectNumber handles common.InspectNumberMsg (a blocked attempt in
// another view): the panel opens on the number and looks it up.
func (m Model) onInspectNumber(msg common.InspectNumberMsg) (Model, tea.Cmd) {
	m.closeForm()
	n, err := twilioapi.NormalizePhone(msg.Number, m.c.DefaultRegion)
	if err != nil {
		m.sec, m.inPane = secNumberRisk, true
		m.number = numberState{number: msg.Number, problem: common.Explain("Looking up "+msg.Number, err, nil, m.c.Now(), "")}
		return m, nil
	}
	after := m.inspect(n)
	return m, after
}

// onLookup applies a lookup.
func (m Model) onLookup(r common.Result[twilioapi.PhoneInfo]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || req.number != m.number.number {
		return m, nil
	}
	if r.Err != nil {
		m.number.problem = common.Explain("Lookup of "+req.number, r.Err, nil, m.c.Now(), "")
		return m, nil
	}
	info := r.Value
	m.number.info = &info
	return m, nil
}

// verdict is the one-line reading of a lookup, and whether it warns.
func verdict(info twilioapi.PhoneInfo) (string, bool) {
	r := info.SMSPumpingRisk
	switch {
	case !info.Valid:
		return "Not a valid number: Verify refuses it (60200) before any risk check.", true
	case r.NumberBlocked:
		return "High risk: Twilio blocks this number for SMS pumping; Fraud Guard refuses SMS to it (60410) unless it is on the Safe List.", true
	}
	switch r.Level() {
	case twilioapi.PumpingRiskHigh:
		return "High risk of SMS pumping: Fraud Guard is likely to block SMS to it (60410).", true
	case twilioapi.PumpingRiskModerate, twilioapi.PumpingRiskMild:
		return "Some risk of SMS pumping: watch the conversion rate of sends to this prefix.", true
	case twilioapi.PumpingRiskUnknown:
		return fmt.Sprintf("Lookup could not rate this number (error %d).", r.ErrorCode), true
	}
	if info.LineType.Type == "landline" {
		return "Low pumping risk, but a landline: SMS fails on services that skip landlines (60205); a call works.", false
	}
	return "Low risk: nothing suggests SMS pumping.", false
}

// updateNumberRisk handles the Number risk panel's keys.
func (m Model) updateNumberRisk(k tea.KeyPressMsg) (Model, tea.Cmd) {
	kmap := m.c.Keys
	switch {
	case key.Matches(k, kmap.New, kmap.Edit, kmap.Select):
		after := m.openForm(panelForm{kind: formNumber, title: "Number to look up",
			form: common.NewForm(numberField("Number", m.number.number, m.c.DefaultRegion))})
		return m, after
	case key.Matches(k, m.c.Keys.Get(keySafeList)):
		if m.number.number == "" {
			return m, nil
		}
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		after := m.addToSafeList(m.number.number, false)
		return m, after
	case key.Matches(k, kmap.Copy):
		if m.number.number != "" {
			return m, common.Copy(m.number.number, m.number.number)
		}
	case key.Matches(k, kmap.Refresh):
		if m.number.number != "" {
			after := m.inspect(m.number.number)
			return m, after
		}
	}
	return m, nil
}

// renderNumberRisk draws the Number risk panel.
func (m Model) renderNumberRisk(d *doc) {
	st := m.c.Styles
	d.heading("Number risk")
	d.text(st.Subtle, "Lookup's SMS pumping risk, line type and carrier for one number.")
	d.blank()
	n := m.number
	if n.number == "" {
		d.text(st.Subtle, "Press "+common.KeyName(m.c.Keys.Select)+" to type a number.")
		return
	}
	const lw = 13
	d.kv(lw, "Number", n.number, st.Bold)
	switch {
	case n.problem != nil:
		d.blank()
		d.problem(n.problem)
		return
	case n.info == nil:
		d.text(st.Subtle, "Looking up…")
		return
	}
	info := *n.info
	text, warn := verdict(info)
	vs := st.OK
	if warn {
		vs = st.Warn
	}
	d.hang("", vs, text)
	d.blank()
	r := info.SMSPumpingRisk
	d.kv(lw, "Risk score", strconv.Itoa(r.Score)+" / 100 ("+r.Level().String()+")", st.Value)
	d.kv(lw, "Carrier risk", orDash(r.CarrierRiskCategory), st.Value)
	blocked := "no"
	if r.NumberBlocked {
		blocked = "yes: Twilio blocks SMS to it"
	}
	d.kv(lw, "Blocked", blocked, st.Value)
	d.kv(lw, "Line type", orDash(info.LineType.Type), st.Value)
	carrier := orDash(info.LineType.Name)
	if info.LineType.MobileCountryCode != "" {
		carrier += " (MCC " + info.LineType.MobileCountryCode + ", MNC " + info.LineType.MobileNetworkCode + ")"
	}
	d.kv(lw, "Carrier", carrier, st.Value)
	country := info.CountryCode
	if name := twilioapi.CountryName(country); name != "" {
		country += " · " + name
	}
	d.kv(lw, "Country", orDash(country), st.Value)
	if info.NationalFormat != "" {
		d.kv(lw, "National", info.NationalFormat, st.Value)
	}
	if !m.c.ReadOnly {
		d.blank()
		d.text(st.Subtle, "Press "+common.KeyName(m.c.Keys.Get(keySafeList))+" to put it on the Safe List.")
	}
}

// orDash is s, or "–" when empty.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
