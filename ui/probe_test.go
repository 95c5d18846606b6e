package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
)

// probe is a fake view registered by the shell's tests: it records what
// the shell gives it and can be told to panic, be busy, hold pending
// verifications or capture keys. A pointer, so a test can reach it inside
// the shell's list and set its hooks.
type probe struct {
	c     *common.Common
	id    common.ViewID
	title string
	// width and height are the last SetSize.
	width, height int
	// got is every message Update received.
	got []tea.Msg
	// hook, when set, runs on every Update; drawHook on every View.
	hook     func(tea.Msg)
	drawHook func()
	// busy, pending and capturing are what the probe reports.
	busy      bool
	pending   int
	capturing bool
	// inits counts Init calls.
	inits int
	// claims, when set, is what ClaimsKey answers.
	claims func(tea.KeyPressMsg) bool
	// quitWarning is what QuitWarning says.
	quitWarning string
}

// probeEntry registers a probe view titled title.
func probeEntry(id common.ViewID, title string) common.ViewEntry {
	return common.ViewEntry{ID: id, Title: title,
		Keys: []common.KeyDef{{Name: string(id) + "_poke", Keys: []string{"ctrl+p"}, Help: "ctrl+p", Desc: "poke " + title}},
		New: func(c *common.Common) common.View {
			return &probe{c: c, id: id, title: title}
		}}
}

func (p *probe) ID() common.ViewID { return p.id }
func (p *probe) Title() string     { return p.title }
func (p *probe) Init() tea.Cmd     { p.inits++; return nil }
func (p *probe) Update(msg tea.Msg) (common.View, tea.Cmd) {
	p.got = append(p.got, msg)
	if p.hook != nil {
		p.hook(msg)
	}
	return p, nil
}
func (p *probe) View() string {
	if p.drawHook != nil {
		p.drawHook()
	}
	return common.Fit("probe "+p.title, p.width, p.height)
}
func (p *probe) SetSize(w, h int) common.View { p.width, p.height = w, h; return p }
func (p *probe) ShortHelp() []key.Binding {
	return []key.Binding{p.c.Keys.Get(string(p.id) + "_poke")}
}
func (p *probe) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
func (p *probe) Capturing() bool           { return p.capturing }
func (p *probe) Busy() bool                { return p.busy }
func (p *probe) Pending() int              { return p.pending }
func (p *probe) QuitWarning() string       { return p.quitWarning }
func (p *probe) ClaimsKey(k tea.KeyPressMsg) bool {
	return p.claims != nil && p.claims(k)
}

// probeViews are the test registry's fake views after the real ones.
func probeViews() []common.ViewEntry {
	return []common.ViewEntry{probeEntry("totp", "TOTP"), probeEntry("guard", "Guard"), probeEntry("attempts", "Attempts")}
}

// probes are m's probe views, in tab order.
func probes(m Model) []*probe {
	var out []*probe
	for _, v := range m.views {
		if p, ok := v.(*probe); ok {
			out = append(out, p)
		}
	}
	return out
}
