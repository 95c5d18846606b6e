package services

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// openForm opens the create or edit form, pre-filled from base.
func (m *Model) openForm(mode formMode, base twilioapi.Service) tea.Cmd {
	m.formOpen = true
	m.formMode = mode
	m.formBase = base
	m.form = newServiceForm(base)
	return m.form.FocusKey(fName)
}

// updateForm handles keys while the form is open. Nothing is sent until
// every field validates; while a save is in flight, input is ignored so
// the answer applies to what was sent.
func (m Model) updateForm(msg tea.Msg) (Model, tea.Cmd) {
	if m.reqs.Any(is(reqSave)) {
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.c.Keys.Cancel) {
			// Leave; the call is cancelled and its late answer dropped
			// (and the list refreshed now, since the change may have
			// happened).
			m.reqs.Cancel(m.c, is(reqSave))
			m.formOpen = false
			after := tea.Batch(common.Flash(common.FlashWarn, "save canceled: it may still have been made; reloading"), m.refresh())
			return m, after
		}
		return m, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.c.Keys.Cancel) && !(m.form.Capturing() && common.Typed(k)) {
		if m.formChanged() {
			// Edits are never thrown away silently.
			return m, askDiscard(m.formMode)
		}
		m.formOpen = false
		return m, nil
	}
	var cmd tea.Cmd
	var submit bool
	m.form, cmd, submit = m.form.Update(msg, m.c.Keys)
	if !submit {
		return m, cmd
	}
	m.form.Err = ""
	if !m.form.Validate() {
		return m, common.Flash(common.FlashWarn, "fix the highlighted fields")
	}
	settings := settingsFrom(m.form, m.formBase, m.formMode)
	cl := m.c.Client
	if m.formMode == modeCreate {
		id := m.reqs.Start(m.c, request{kind: reqSave})
		return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.Service, error) {
			return cl.CreateService(ctx, settings)
		})
	}
	if settings == (twilioapi.ServiceSettings{}) {
		m.formOpen = false
		return m, common.Flash(common.FlashInfo, "nothing changed")
	}
	sid := m.formBase.SID
	id := m.reqs.Start(m.c, request{kind: reqSave})
	return m, common.Call(m.c, ID, id, func(ctx context.Context) (twilioapi.Service, error) {
		return cl.UpdateService(ctx, sid, settings)
	})
}

// onSaved applies a create or update answer. An error stays in the form,
// on the field it is about, with every input kept.
func (m Model) onSaved(r common.Result[twilioapi.Service]) (Model, tea.Cmd) {
	if r.Err != nil {
		if !m.formOpen {
			return m, common.Flash(common.FlashError, "saving the service failed: "+r.Err.Error())
		}
		cmd, placed := m.form.PlaceError(r.Err, errorPlaces())
		if !placed {
			m.form.Err = common.ErrorText(r.Err)
		}
		return m, tea.Batch(cmd, common.Flash(common.FlashError, "Twilio refused the change; see the form"))
	}
	s := r.Value
	created := m.formMode == modeCreate
	m.formOpen = false
	var cmds []tea.Cmd
	if created {
		m.list.Insert(s)
		cmds = append(cmds, common.Flash(common.FlashInfo, "created service "+s.FriendlyName+" ("+s.SID+")"))
		if m.current == "" {
			cmds = append(cmds, selectCmd(s))
		}
	} else {
		m.list.Replace(s)
		cmds = append(cmds, common.Flash(common.FlashInfo, "saved service "+s.FriendlyName))
		if s.SID == m.current {
			// The other views must see the new settings.
			cmds = append(cmds, selectCmd(s))
		}
	}
	return m, tea.Batch(cmds...)
}

// discardMsg comes back when the user confirmed leaving a changed form.
type discardMsg struct{}

// askDiscard asks before closing a form with changes.
func askDiscard(mode formMode) tea.Cmd {
	what := "the new service"
	if mode == modeEdit {
		what = "your changes"
	}
	confirm := common.ConfirmMsg{Title: "Discard " + what + "?",
		Body:      "The form has changes that were not saved. Discard them and close the form?",
		OnConfirm: common.ToView{View: ID, Msg: discardMsg{}}}
	return func() tea.Msg { return confirm }
}

// formChanged reports whether any field differs from what the form
// opened with.
func (m Model) formChanged() bool {
	fresh := newServiceForm(m.formBase)
	for _, f := range m.form.Fields {
		if fresh.Get(f.Key) != m.form.Get(f.Key) {
			return true
		}
	}
	return false
}
