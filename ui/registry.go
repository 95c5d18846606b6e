package ui

import (
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/views/attempts"
	"github.com/twilio-verify/twilio-verify/views/guard"
	"github.com/twilio-verify/twilio-verify/views/services"
	"github.com/twilio-verify/twilio-verify/views/sessions"
	"github.com/twilio-verify/twilio-verify/views/totp"
)

// Registry is the console's views in tab order. The tab bar, the tab
// keys (1…n), help, the `[keys]` names and result routing all come from
// this list: adding a view is its package plus one line here.
func Registry() []common.ViewEntry {
	return []common.ViewEntry{
		services.Entry(),
		sessions.Entry(),
		totp.Entry(),
		guard.Entry(),
		attempts.Entry(),
	}
}

// newKeyMap is the default keymap for a registry: the shared bindings,
// one tab key per view and each view's own bindings.
func newKeyMap(views []common.ViewEntry) *common.KeyMap {
	km := common.DefaultKeyMap()
	prepareKeyMap(km, views)
	return km
}

// prepareKeyMap gives km the tabs and the views' own bindings of views
// (a keymap built for another registry, in tests, is brought in line).
func prepareKeyMap(km *common.KeyMap, views []common.ViewEntry) {
	if len(km.Tabs) != len(views) {
		titles := make([]string, len(views))
		for i, v := range views {
			titles[i] = v.Title
		}
		km.SetViews(titles)
	}
	for _, v := range views {
		km.DefineView(string(v.ID), v.Keys...)
	}
}
