package services

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// defaultKept is the result of keeping a service as the profile's
// default.
type defaultKept struct{ service twilioapi.Service }

// useService makes s the program's current service and, on a saved
// profile, its default service too (default_service_sid), so the next
// console and the commands open it without asking: an account with many
// services would otherwise start on the first one every time. A program
// with no profile of its own (the sandbox, the environment, an SSH
// session) keeps the choice for itself.
func (m Model) useService(s twilioapi.Service) (Model, tea.Cmd) {
	flash := common.Flash(common.FlashInfo, "current service: "+s.FriendlyName)
	if m.c.Profile == "" || m.c.ConfigDir == "" {
		return m, tea.Batch(selectCmd(s), flash)
	}
	if m.reqs.Any(func(r request) bool { return r.kind == reqKeepDefault }) {
		// One save at a time, so the last choice is the last written:
		// this one waits for the save in flight (onDefaultKept).
		m.keepNext = &s
		return m, tea.Batch(selectCmd(s), flash)
	}
	if s.SID == m.keptDefault() {
		return m, tea.Batch(selectCmd(s), flash)
	}
	return m, tea.Batch(selectCmd(s), m.keepDefault(s))
}

// keepDefault saves s as the profile's default service.
func (m *Model) keepDefault(s twilioapi.Service) tea.Cmd {
	dir, profile := m.c.ConfigDir, m.c.Profile
	id := m.reqs.Start(m.c, request{kind: reqKeepDefault})
	return common.Call(m.c, ID, id, func(context.Context) (defaultKept, error) {
		return defaultKept{service: s}, keyring.SetDefaultService(dir, profile, s.SID)
	})
}

// keptDefault is the profile's default service as last saved.
func (m Model) keptDefault() string {
	if m.savedDefault != nil {
		return *m.savedDefault
	}
	return m.c.DefaultServiceSID
}

// onDefaultKept says whether the profile keeps the new default, or saves
// the choice made meanwhile (keepNext) instead.
func (m Model) onDefaultKept(r common.Result[defaultKept]) (Model, tea.Cmd) {
	if _, ok := m.reqs.Take(r.ID); !ok {
		return m, nil
	}
	if r.Err == nil {
		sid := r.Value.service.SID
		m.savedDefault = &sid
	}
	if next := m.keepNext; next != nil {
		m.keepNext = nil
		if next.SID != m.keptDefault() {
			return m, m.keepDefault(*next)
		}
		r.Value.service, r.Err = *next, nil // kept already
	}
	name := r.Value.service.FriendlyName
	if r.Err != nil {
		return m, common.Flash(common.FlashError, "current service: "+name+" (not kept in profile "+m.c.Profile+": "+r.Err.Error()+")")
	}
	return m, common.Flash(common.FlashInfo, "current service: "+name+", now profile "+m.c.Profile+"'s default")
}
