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
	if m.c.Profile == "" || m.c.ConfigDir == "" || s.SID == m.keptDefault() {
		return m, tea.Batch(selectCmd(s), flash)
	}
	dir, profile := m.c.ConfigDir, m.c.Profile
	id := m.reqs.Start(m.c, request{kind: reqKeepDefault})
	keep := common.Call(m.c, ID, id, func(context.Context) (defaultKept, error) {
		return defaultKept{service: s}, keyring.SetDefaultService(dir, profile, s.SID)
	})
	return m, tea.Batch(selectCmd(s), keep)
}

// keptDefault is the profile's default service as last saved.
func (m Model) keptDefault() string {
	if m.savedDefault != nil {
		return *m.savedDefault
	}
	return m.c.DefaultServiceSID
}

// onDefaultKept says whether the profile keeps the new default.
func (m Model) onDefaultKept(r common.Result[defaultKept]) (Model, tea.Cmd) {
	if _, ok := m.reqs.Take(r.ID); !ok {
		return m, nil
	}
	name := r.Value.service.FriendlyName
	if r.Err != nil {
		return m, common.Flash(common.FlashError, "current service: "+name+" (not kept in profile "+m.c.Profile+": "+r.Err.Error()+")")
	}
	sid := r.Value.service.SID
	m.savedDefault = &sid
	return m, common.Flash(common.FlashInfo, "current service: "+name+", now profile "+m.c.Profile+"'s default")
}
