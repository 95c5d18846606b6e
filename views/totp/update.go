package totp

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Update implements common.View.
func (m Model) Update(msg tea.Msg) (common.View, tea.Cmd) { return m.update(msg) }

// update handles a message, then keeps the live code and its countdown
// timer in step with what is shown.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	m, cmd := m.handle(msg)
	m.refreshLive()
	return m, tea.Batch(cmd, m.armTick())
}

// handle is update without the live code.
func (m Model) handle(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.setSize(msg.Width, msg.Height), nil
	case common.ServiceSelectedMsg:
		return m.onService(msg.Service)
	case tickMsg:
		if msg.gen == m.tickGen {
			m.ticking = false
		}
		return m, nil
	case common.Result[twilioapi.EntityPage]:
		return m.onEntities(msg)
	case common.Result[factorList]:
		return m.onFactors(msg)
	case common.Result[twilioapi.ChallengePage]:
		return m.onChallenges(msg)
	case common.Result[created]:
		return m.onCreated(msg)
	case common.Result[verified]:
		return m.onVerified(msg)
	case common.Result[challenged]:
		return m.onChallenged(msg)
	case common.Result[deleted]:
		return m.onDeleted(msg)
	case common.Result[keptDone]:
		return m.onKept(msg)
	case deleteFactorMsg:
		return m.startDeleteFactor(msg)
	case leaveEnrolMsg:
		if m.screen == screenEnrol && m.enrol != nil && m.enrol.factor.SID == msg.factor {
			return m.closeEnrol()
		}
		return m, nil
	case deleteEntityMsg:
		return m.startDeleteEntity(msg)
	case tea.KeyPressMsg:
		switch {
		case m.prompt != nil:
			return m.updatePrompt(msg)
		case m.screen == screenForm:
			return m.updateForm(msg)
		case m.screen == screenEnrol:
			return m.updateEnrol(msg)
		case m.entities.Filtering(), m.factors.Filtering():
			return m.updateFilter(msg)
		}
		return m.updateMain(msg)
	case tea.MouseClickMsg:
		return m.click(msg)
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.PasteMsg:
		switch {
		case m.prompt != nil:
			return m.updatePrompt(msg)
		case m.screen == screenForm:
			return m.updateForm(msg)
		case m.entities.Filtering(), m.factors.Filtering():
			return m.updateFilter(msg)
		}
	}
	return m, nil
}

// onService switches to another current service: everything loaded is
// of the old one.
func (m Model) onService(s twilioapi.Service) (Model, tea.Cmd) {
	if s.SID == m.service.SID {
		m.service, m.nextService = s, nil // settings may have changed
		return m, nil
	}
	if m.secretAtRisk() || m.reqs.Any(is(reqCreate)) {
		// Switching now would drop the new factor's secret (or the
		// answer that brings it): the switch waits for the screen.
		m.nextService = &s
		return m, common.Flash(common.FlashWarn, "TOTP moves to "+s.FriendlyName+" once the new factor's secret is off screen")
	}
	m.nextService = nil
	m.service = s
	m.entities, m.factors, m.factorsOf, m.factorsErr = newEntityList(), newFactorList(), "", nil
	m = m.setSize(m.width, m.height)
	clear(m.factorCache)
	clear(m.challenges)
	m.screen, m.focus, m.prompt, m.enrol, m.problem = screenMain, focusEntities, nil, nil, nil
	m.reqs.Drop(func(request) bool { return true })
	if s.SID == "" {
		return m, nil
	}
	return m, m.loadEntities("")
}

// closeEnrol leaves the enrolment screen, for the service chosen while
// it was open if one was.
func (m Model) closeEnrol() (Model, tea.Cmd) {
	m.screen, m.enrol = screenMain, nil
	if next := m.nextService; next != nil {
		return m.onService(*next)
	}
	return m, nil
}

// selectedFactor is the factor under the cursor when the factor pane has
// focus.
func (m Model) selectedFactor() (twilioapi.Factor, bool) {
	if m.focus != focusFactors {
		return twilioapi.Factor{}, false
	}
	return m.factors.Selected()
}

// shownFactor is the factor whose details are shown: the selected one of
// the selected entity, whichever pane has focus.
func (m Model) shownFactor() (twilioapi.Factor, bool) {
	if e, ok := m.entities.Selected(); !ok || e.Identity != m.factorsOf {
		return twilioapi.Factor{}, false
	}
	return m.factors.Selected()
}

// updateMain handles keys on the entity and factor panes.
func (m Model) updateMain(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	if m.focus == focusEntities {
		if d, ok := m.entities.Step(k, km); ok {
			m.entities.Move(d)
			return m.entityMoved(true)
		}
	} else if d, ok := m.factors.Step(k, km); ok {
		m.factors.Move(d)
		return m.factorMoved()
	}
	switch {
	case key.Matches(k, km.Select) && m.focus == focusEntities:
		if _, ok := m.entities.Selected(); ok {
			m.focus = focusFactors
			return m.factorMoved()
		}
	case key.Matches(k, km.Back):
		switch {
		case m.focus == focusFactors && m.factors.Filter() != "":
			m.factors.SetFilter("")
		case m.focus == focusFactors:
			m.focus = focusEntities
		case m.entities.Filter() != "":
			m.entities.SetFilter("")
		}
		m.problem = nil
	case key.Matches(k, km.DetailDown):
		m.scrollDetail(1)
	case key.Matches(k, km.DetailUp):
		m.scrollDetail(-1)
	case key.Matches(k, km.Filter):
		if m.focus == focusFactors {
			return m, m.factors.StartFilter()
		}
		return m, m.entities.StartFilter()
	case key.Matches(k, km.Refresh):
		return m.refresh()
	case key.Matches(k, km.Copy):
		return m.copySelected()
	case key.Matches(k, km.New):
		return m.openForm()
	case key.Matches(k, km.Delete):
		return m.askDelete()
	case key.Matches(k, m.bind(keyVerify)):
		if f, ok := m.selectedFactor(); ok {
			return m.openVerify(f)
		}
	case key.Matches(k, m.bind(keyChallenge)):
		if f, ok := m.selectedFactor(); ok {
			return m.openChallenge(f)
		}
	case key.Matches(k, m.bind(keyAnswer)):
		if f, ok := m.selectedFactor(); ok {
			return m.openAnswer(f)
		}
	}
	return m, nil
}

// entityMoved shows the factors of the newly selected entity, loading
// them when they are not known yet, and more entities near the end when
// more is true: the cursor was moved. Otherwise (a filter typed, a page
// come in) a filter matching few rows would read every page.
func (m Model) entityMoved(more bool) (Model, tea.Cmd) {
	m.detailOffset = 0
	var cmds []tea.Cmd
	if (more || m.entities.Filter() == "") && m.entities.NeedsMore() && !m.reqs.Any(is(reqEntitiesPage)) && !m.reqs.Any(is(reqEntities)) {
		cmds = append(cmds, m.loadEntities(m.entities.Next()))
	}
	e, ok := m.entities.Selected()
	if !ok || e.Identity == m.factorsOf {
		return m, tea.Batch(cmds...)
	}
	m.factorsOf, m.factorsErr = e.Identity, nil
	m.factors = newFactorList()
	m = m.setSize(m.width, m.height)
	if fs, ok := m.factorCache[e.Identity]; ok {
		m.factors.SetItems(fs, "")
		var cmd tea.Cmd
		m, cmd = m.factorMoved()
		return m, tea.Batch(append(cmds, cmd)...)
	}
	return m, tea.Batch(append(cmds, m.loadFactors(e.Identity))...)
}

// factorMoved loads what the selected factor shows: its challenges and
// (for TOTP) whether the keyring keeps its secret.
func (m Model) factorMoved() (Model, tea.Cmd) {
	m.detailOffset = 0
	f, ok := m.shownFactor()
	if !ok {
		return m, nil
	}
	var cmds []tea.Cmd
	if _, loaded := m.challenges[f.SID]; !loaded && f.Type == twilioapi.FactorTOTP && !m.reqs.Any(func(r request) bool {
		return r.kind == reqChallenges && r.factor == f.SID
	}) {
		cmds = append(cmds, m.loadChallenges(f))
	}
	cmds = append(cmds, m.lookupKept(f))
	return m, tea.Batch(cmds...)
}

// updateFilter handles keys while a filter has focus.
func (m Model) updateFilter(msg tea.Msg) (Model, tea.Cmd) {
	if m.factors.Filtering() {
		cmd, _ := m.factors.UpdateFilter(msg, m.c.Keys)
		m, after := m.factorMoved()
		return m, tea.Batch(cmd, after)
	}
	cmd, _ := m.entities.UpdateFilter(msg, m.c.Keys)
	m, after := m.entityMoved(false)
	return m, tea.Batch(cmd, after)
}

// refresh reloads the entities and the selected entity's factors.
func (m Model) refresh() (Model, tea.Cmd) {
	if m.service.SID == "" {
		return m, common.Flash(common.FlashWarn, m.c.Keys.NoServiceFirst())
	}
	m.problem = nil
	cmds := []tea.Cmd{m.loadEntities("")}
	if m.factorsOf != "" {
		delete(m.factorCache, m.factorsOf)
		cmds = append(cmds, m.loadFactors(m.factorsOf))
	}
	if f, ok := m.shownFactor(); ok {
		delete(m.challenges, f.SID)
		cmds = append(cmds, m.loadChallenges(f))
	}
	return m, tea.Batch(cmds...)
}

// copySelected copies the selected factor's SID or entity's identity.
func (m Model) copySelected() (Model, tea.Cmd) {
	if f, ok := m.selectedFactor(); ok {
		return m, common.Copy(f.SID, "factor SID")
	}
	if e, ok := m.entities.Selected(); ok {
		return m, common.Copy(e.Identity, "identity")
	}
	return m, nil
}

// deleteFactorMsg and deleteEntityMsg come back from the confirm dialog.
type (
	deleteFactorMsg struct{ factor twilioapi.Factor }
	deleteEntityMsg struct{ entity twilioapi.Entity }
)

// leaveEnrolMsg comes back when the user confirmed leaving a new
// factor's secret behind (factor is the enrolment's, so a late answer
// for another screen does nothing).
type leaveEnrolMsg struct{ factor string }

// askDelete asks before deleting the selected factor (factor pane) or
// entity (entity pane); read-only mode refuses.
func (m Model) askDelete() (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	if f, ok := m.selectedFactor(); ok {
		body := fmt.Sprintf("Delete the %s factor %q (%s) of %s?\n", f.Type, f.FriendlyName, f.SID, f.Identity) +
			"Its challenges go with it; an authenticator app holding it will show codes nobody accepts. This cannot be undone."
		return m, confirm("Delete factor", body, deleteFactorMsg{f})
	}
	if m.focus != focusEntities {
		return m, nil
	}
	if e, ok := m.entities.Selected(); ok {
		n := ""
		if fs, known := m.factorCache[e.Identity]; known {
			n = fmt.Sprintf(" and its %d factor(s)", len(fs))
		}
		body := fmt.Sprintf("Delete the entity %s (%s)%s with their challenges?\nThis cannot be undone.", e.Identity, e.SID, n)
		return m, confirm("Delete entity", body, deleteEntityMsg{e})
	}
	return m, nil
}

// confirm opens the shell's confirm dialog for a change at Twilio.
func confirm(title, body string, msg tea.Msg) tea.Cmd {
	return func() tea.Msg {
		return common.ConfirmMsg{Title: title, Body: body, Mutates: true, OnConfirm: common.ToView{View: ID, Msg: msg}}
	}
}
