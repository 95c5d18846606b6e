package guard

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// sandboxFraudNumber is the sandbox's number Fraud Guard flags from level
// basic (its README's test numbers).
const sandboxFraudNumber = "+14155550102"

// consoleState is the Console settings panel: the sandbox's simulated
// settings when on a sandbox.
type consoleState struct {
	guard   *twilioapi.SandboxGuardSettings
	err     error
	note    string
	problem *common.Problem
}

// consoleItem is one row of the panel.
type consoleItem int

// The rows: two Console-only settings, then (sandbox) the simulation.
const (
	itemFraudGuard consoleItem = iota
	itemGeo
	itemSimLevel
	itemSimCountries
)

// items are the panel's rows here.
func (m Model) consoleItems() []consoleItem {
	if m.c.Sandbox {
		return []consoleItem{itemFraudGuard, itemGeo, itemSimLevel, itemSimCountries}
	}
	return []consoleItem{itemFraudGuard, itemGeo}
}

// fraudGuardPath is where Fraud Guard is set for the current service.
func (m Model) fraudGuardPath() string {
	name := m.service.FriendlyName
	if name == "" {
		name = "<service>"
	}
	return "Console → Verify → Services → " + name + " → SMS → Fraud Guard"
}

// geoPath is where Verify's Geo Permissions are set.
func geoPath() string { return "Console → Verify → Settings → Geo permissions" }

// guardLoaded tells a load from a save.
type guardLoaded struct {
	settings twilioapi.SandboxGuardSettings
	saved    bool
}

// loadGuard fetches the sandbox's simulated settings for the service.
func (m *Model) loadGuard(bg bool) tea.Cmd {
	if !m.c.Sandbox || !m.hasService() {
		return nil
	}
	svc := m.service.SID
	m.reqs.Drop(is(reqGuard))
	return start(m, request{kind: reqGuard, service: svc, background: bg}, func(ctx context.Context, cl *twilioapi.Client) (guardLoaded, error) {
		g, err := cl.SandboxGuard(ctx, svc)
		return guardLoaded{settings: g}, err
	})
}

// guardLevels are the sandbox's levels in the form's order.
func guardLevels() []string {
	return []string{string(twilioapi.GuardOff), string(twilioapi.GuardBasic), string(twilioapi.GuardStandard), string(twilioapi.GuardMax)}
}

// guardForm edits the sandbox's simulated level and blocked countries.
func (m Model) guardForm() panelForm {
	var g twilioapi.SandboxGuardSettings
	if m.console.guard != nil {
		g = *m.console.guard
	}
	return panelForm{kind: formGuard, title: "Sandbox only: simulated Fraud Guard of " + m.service.FriendlyName, form: common.NewForm(
		common.NewChoiceField(fLevel, "Level", guardLevels(), string(g.Level)).
			WithHint("off blocks nothing; basic blocks "+sandboxFraudNumber+"; standard also high-risk prefixes; max also bursts to one prefix."),
		common.NewTextField(fCountries, "Blocked countries", strings.Join(g.BlockedCountries, ", ")).
			WithPlaceholder("e.g. CU, KP").WithValidate(validCountries).
			WithHint("ISO country codes, comma-separated: SMS and calls to them fail with 60605. Empty allows all."),
	)}
}

// validCountries checks a comma-separated list of ISO alpha-2 codes.
func validCountries(s string) error {
	for _, c := range csv(s) {
		if len(c) != 2 || !isLetters(c) {
			return fmt.Errorf("%q is not a two-letter country code (e.g. GB)", c)
		}
	}
	return nil
}

func isLetters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

// saveGuard sends the open sandbox form.
func (m *Model) saveGuard() tea.Cmd {
	svc := m.service.SID
	level := twilioapi.GuardLevel(m.form.form.Get(fLevel))
	countries := csv(strings.ToUpper(m.form.form.Get(fCountries)))
	if countries == nil {
		countries = []string{}
	}
	return start(m, request{kind: reqGuardSave, service: svc, fromForm: true}, func(ctx context.Context, cl *twilioapi.Client) (guardLoaded, error) {
		g, err := cl.SetSandboxGuard(ctx, twilioapi.SandboxGuardUpdate{ServiceSID: svc, Level: &level, BlockedCountries: &countries})
		return guardLoaded{settings: g, saved: true}, err
	})
}

// onGuard applies a load or a save.
func (m Model) onGuard(r common.Result[guardLoaded]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || m.stale(req) {
		return m, nil
	}
	if r.Err != nil {
		if req.fromForm && m.formOpen {
			return m.formFailed(r.Err, common.ErrorPlaces{Params: map[string]string{"level": fLevel, "blockedcountries": fCountries, "country": fCountries}})
		}
		m.console.err = r.Err
		return m, nil
	}
	g := r.Value.settings
	m.console.guard, m.console.err = &g, nil
	if !r.Value.saved {
		return m, nil
	}
	m.closeForm()
	m.console.note = "✓ The sandbox now simulates level " + string(g.Level) + " for " + m.service.FriendlyName + "."
	return m, common.Flash(common.FlashInfo, "sandbox Fraud Guard: "+string(g.Level))
}

// selectedItem is the row under the cursor.
func (m Model) selectedItem() consoleItem {
	items := m.consoleItems()
	return items[max(0, min(m.cursors[secConsole], len(items)-1))]
}

// updateConsole handles the Console settings panel's keys.
func (m Model) updateConsole(k tea.KeyPressMsg) (Model, tea.Cmd) {
	kmap := m.c.Keys
	item := m.selectedItem()
	switch {
	case key.Matches(k, kmap.Copy):
		switch item {
		case itemFraudGuard:
			return m, common.Copy(m.fraudGuardPath(), "Fraud Guard Console path")
		case itemGeo:
			return m, common.Copy(geoPath(), "Geo Permissions Console path")
		}
	case key.Matches(k, kmap.Edit, kmap.Select) && (item == itemSimLevel || item == itemSimCountries):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		if !m.hasService() || m.console.guard == nil {
			return m, nil
		}
		f := m.guardForm()
		after := m.openForm(f)
		if item == itemSimCountries {
			after = m.form.form.FocusKey(fCountries)
		}
		return m, after
	case key.Matches(k, kmap.Refresh):
		m.console.note = ""
		after := m.loadGuard(false)
		return m, after
	}
	return m, nil
}

// renderConsole draws the Console settings panel.
func (m Model) renderConsole(d *doc) {
	st := m.c.Styles
	cur := m.selectedItem()
	d.heading("Set in the Twilio Console only")
	d.text(st.Subtle, "Twilio's API has no call to read or change these; press "+common.KeyName(m.c.Keys.Copy)+" on one to copy its Console path.")
	d.blank()
	d.row("Fraud Guard: on/off and level (Basic, Standard, Max)", cur == itemFraudGuard)
	d.hang("  ", st.Value, m.fraudGuardPath())
	d.hang("  ", st.Subtle, "Per service, SMS only. Blocks a pumped prefix for 12 h (60410). Twilio credits pumping charges only while Max is kept on.")
	d.row("Geo Permissions: countries Verify may reach", cur == itemGeo)
	d.hang("  ", st.Value, geoPath())
	d.hang("  ", st.Subtle, "Account-wide, SMS and voice; a blocked country answers 60605 at once.")
	d.blank()
	d.text(st.Subtle, "Both are bypassed by the Safe List and by RiskCheck=disable (this view's other panels).")
	if !m.c.Sandbox {
		return
	}
	d.blank()
	d.heading("Sandbox only: simulated Fraud Guard")
	d.text(st.Subtle, "The sandbox stands in for the Console so a demo can show Fraud Guard at work. Twilio itself offers no such control.")
	switch {
	case !m.hasService():
		d.text(st.Subtle, m.c.Keys.NoService())
		return
	case m.console.err != nil && m.console.guard == nil:
		d.loadFailed(common.Explain("Loading the simulation", m.console.err, nil, m.c.Now(), ""), m.c.Keys.Refresh)
		return
	case m.console.guard == nil:
		d.text(st.Subtle, "Loading the simulation…")
		return
	}
	g := *m.console.guard
	edit := ""
	if !m.c.ReadOnly {
		edit = "  · " + common.KeyName(m.c.Keys.Edit) + " changes"
	}
	d.row("Level: "+string(g.Level)+edit, cur == itemSimLevel)
	d.hang("  ", st.Subtle, levelText(g))
	countries := "none"
	if len(g.BlockedCountries) > 0 {
		countries = strings.Join(g.BlockedCountries, ", ")
	}
	d.row("Blocked countries: "+countries+edit, cur == itemSimCountries)
	if m.console.note != "" {
		d.blank()
		d.text(st.Normal, m.console.note)
	}
}

// levelText says what the simulated level blocks.
func levelText(g twilioapi.SandboxGuardSettings) string {
	burst := fmt.Sprintf("more than %d starts within %s to numbers sharing their first %d digits block that prefix",
		g.BurstMaxStarts, g.BurstWindow, g.BurstPrefixDigits)
	prefixes := strings.Join(g.HighRiskPrefixes, " ")
	switch g.Level {
	case twilioapi.GuardOff:
		return "Blocks nothing."
	case twilioapi.GuardBasic:
		return "Blocks SMS to " + sandboxFraudNumber + " (60410)."
	case twilioapi.GuardStandard:
		return "Blocks " + sandboxFraudNumber + " and the high-risk prefixes " + prefixes + "."
	case twilioapi.GuardMax:
		return "Blocks " + sandboxFraudNumber + ", the high-risk prefixes " + prefixes + ", and bursts: " + burst + "."
	}
	return ""
}
