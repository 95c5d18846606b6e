package guard

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// riskCheckChoices are the panel's options: not sent (the service
// default), enable, disable.
func riskCheckChoices() []string { return []string{"", "enable", "disable"} }

// riskCheckState is the Risk check panel.
type riskCheckState struct {
	// value is the program's default RiskCheck.
	value string
	// note says where the choice was kept, or why it was not.
	note string
	// saveNext is a choice made while a save was in flight: saves go one
	// at a time, so the last choice is the last written.
	saveNext *string
}

// riskSaved is the result of keeping the choice in the profile.
type riskSaved struct{ value string }

// persistent reports whether the choice can be kept in a profile.
func (m Model) persistent() bool { return m.c.Profile != "" && m.c.ConfigDir != "" }

// setRiskCheck makes v the default RiskCheck: at once for this program
// (every view hears RiskCheckChangedMsg), and in the profile when there
// is one.
func (m Model) setRiskCheck(v string) (Model, tea.Cmd) {
	if v == m.riskCheck.value {
		return m, nil
	}
	m.riskCheck.value = v
	changed := func() tea.Msg { return common.RiskCheckChangedMsg{RiskCheck: v} }
	if !m.persistent() {
		m.riskCheck.note = "Kept for this program only: " + m.c.Who() + " has no saved profile to keep it in."
		return m, tea.Batch(changed, common.Flash(common.FlashInfo, "default RiskCheck: "+riskCheckName(v)))
	}
	m.riskCheck.note = "Saving in profile " + m.c.Profile + "…"
	if m.reqs.Any(is(reqRiskSave)) {
		m.riskCheck.saveNext = &v // saved when the one in flight is done
		return m, changed
	}
	return m, tea.Batch(changed, m.saveRiskCheck(v))
}

// saveRiskCheck keeps v in the profile.
func (m *Model) saveRiskCheck(v string) tea.Cmd {
	dir, profile := m.c.ConfigDir, m.c.Profile
	return start(m, request{kind: reqRiskSave}, func(context.Context, *twilioapi.Client) (riskSaved, error) {
		return riskSaved{value: v}, keyring.SetDefaultRiskCheck(dir, profile, v)
	})
}

// onRiskSaved says whether the profile keeps the choice.
func (m Model) onRiskSaved(r common.Result[riskSaved]) (Model, tea.Cmd) {
	if _, ok := m.reqs.Take(r.ID); !ok {
		return m, nil
	}
	if next := m.riskCheck.saveNext; next != nil {
		m.riskCheck.saveNext = nil
		if *next != r.Value.value || r.Err != nil {
			return m, m.saveRiskCheck(*next)
		}
	}
	if r.Err != nil {
		m.riskCheck.note = "Used for this program, but not saved in profile " + m.c.Profile + ": " + r.Err.Error()
		return m, common.Flash(common.FlashError, "default RiskCheck not saved")
	}
	m.riskCheck.note = "Saved in profile " + m.c.Profile + " (default_risk_check in " + keyring.ConfigPath(m.c.ConfigDir) + ")."
	return m, common.Flash(common.FlashInfo, "default RiskCheck: "+riskCheckName(r.Value.value))
}

// riskCheckName is how the panel names a choice.
func riskCheckName(v string) string {
	if v == "" {
		return "service default"
	}
	return v
}

// updateRiskCheck handles the Risk check panel's keys: the cursor picks
// an option, select or toggle makes it the default.
func (m Model) updateRiskCheck(k tea.KeyPressMsg) (Model, tea.Cmd) {
	kmap := m.c.Keys
	if key.Matches(k, kmap.Select, kmap.Toggle) {
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		return m.setRiskCheck(riskCheckChoices()[m.cursors[secRiskCheck]])
	}
	return m, nil
}

// renderRiskCheck draws the Risk check panel.
func (m Model) renderRiskCheck(d *doc) {
	st := m.c.Styles
	d.heading("Default RiskCheck of this console's sends")
	d.text(st.Normal, "RiskCheck is a parameter of each verification start (SMS only). The Sessions view sends the default chosen here; its new-session form can still change it for one send.")
	d.blank()
	label := map[string]string{"": "service default", "enable": "enable", "disable": "disable"}
	desc := map[string]string{
		"":        "RiskCheck is not sent: Fraud Guard and Geo Permissions screen the send.",
		"enable":  "Sends RiskCheck=enable: the same screening, said explicitly.",
		"disable": "Sends RiskCheck=disable: Fraud Guard and Geo Permissions do not screen the send.",
	}
	for i, v := range riskCheckChoices() {
		mark := "( ) "
		if v == m.riskCheck.value {
			mark = "(•) "
		}
		d.row(mark+label[v], i == m.cursors[secRiskCheck])
		d.hang("    ", st.Subtle, desc[v])
	}
	d.blank()
	if m.riskCheck.value == "disable" {
		d.hang("⚠ ", st.Warn, "RiskCheck is disabled: sends from this console bypass Fraud Guard and Geo Permissions. "+
			"SMS pumping to a premium or fraudulent number is charged to the account. Use it only to reach a number you trust, and switch back after.")
		d.blank()
	}
	note := m.riskCheck.note
	if note == "" {
		if m.persistent() {
			note = "Choosing saves it in profile " + m.c.Profile + " (default_risk_check)."
		} else {
			note = "Kept for this program only: " + m.c.Who() + " has no saved profile to keep it in."
		}
	}
	d.text(st.Subtle, note)
}
