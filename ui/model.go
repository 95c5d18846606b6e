package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Minimum usable terminal size; below it the shell shows a notice
// instead of a broken layout.
const (
	MinWidth  = 60
	MinHeight = 16
)

// Options change how the shell behaves; the zero value is the default.
type Options struct {
	// Mouse turns on mouse reporting (tab clicks, wheel). Off by default
	// so the terminal's own text selection works.
	Mouse bool
	// Theme is the starting theme; ThemePlain (NO_COLOR) is never
	// replaced by the terminal's background report.
	Theme common.ThemeKind
	// OutboxEvery is the sandbox outbox polling interval (1.5 s when 0).
	OutboxEvery time.Duration
	// OutboxWait, when set (an embedded sandbox), blocks until the
	// sandbox delivers a message or ctx ends, and reports which: the
	// outbox line then follows deliveries instead of polling, so an idle
	// console (or 200 idle SSH visitors) makes no calls at all.
	OutboxWait func(ctx context.Context) bool
	// AccountHint, set when the console found no credentials and opened
	// the sandbox on its own (not --sandbox, not an SSH demo), says how to
	// use a Twilio account instead, in forms from the longest to the
	// shortest; the empty outbox line shows the longest that fits.
	AccountHint []string
	// Notices are shown together in a dialog once the program starts
	// (e.g. a bad `[keys]` entry in the config).
	Notices []string
	// Views replaces the registry (tests register fake views); nil means
	// Registry().
	Views []common.ViewEntry
}

// Model is the root model of one program.
type Model struct {
	c    *common.Common
	opts Options

	// views are the registry's views in tab order; active indexes it.
	views  []common.View
	active int

	// showHelp shows the help page (helppage.go) in place of the view.
	showHelp   bool
	helpScroll common.Scroll
	help       help.Model
	spin       spinner.Model
	spinning   bool

	flash flash
	// flashID numbers flashes; an expiry for an older one does nothing.
	flashID int
	dialog  *dialog

	current twilioapi.Service
	theme   common.ThemeKind

	outbox outboxState
	// drawPanics remembers which View panics were logged: a view that
	// panics while drawing does so on every frame, and the log must get
	// it (with its stack) once, not dozens of times a second. A pointer,
	// so View (a value method) can record; one per program.
	drawPanics map[string]bool
}

// New builds the root model for a program's Common.
func New(c *common.Common, opts Options) Model {
	if c.Styles == nil {
		c.Styles = common.NewStyles(common.ThemeFor(opts.Theme))
	}
	entries := opts.Views
	if entries == nil {
		entries = Registry()
	}
	if c.Keys == nil {
		c.Keys = common.DefaultKeyMap()
	}
	prepareKeyMap(c.Keys, entries)
	if c.Logger == nil {
		c.Logger = NewLogger(nil)
	}
	m := Model{c: c, opts: opts, theme: opts.Theme, help: help.New(), drawPanics: map[string]bool{}}
	m.help.Styles = c.Styles.Help
	m.spin = common.NewSpinner(c.Styles)
	m.views = make([]common.View, len(entries))
	for i, e := range entries {
		m.views[i] = e.New(c)
	}
	m.outbox.every = opts.OutboxEvery
	m.outbox.wait = opts.OutboxWait
	m.resize()
	return m
}

// Init starts the views and asks the terminal for its background colour
// (the reply may never come: dark stays then).
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	for i := range m.views {
		cmds = append(cmds, m.safeInit(i))
	}
	if len(m.views) > 0 {
		first := m.views[m.active].ID()
		cmds = append(cmds, func() tea.Msg { return common.ToView{View: first, Msg: common.ShownMsg{}} })
	}
	if m.c.Sandbox {
		cmds = append(cmds, m.fetchOutboxNow())
	}
	if len(m.opts.Notices) > 0 {
		// One dialog with every notice: a flash each would replace one
		// another, and a bad config line deserves more than 6 seconds.
		err := errors.New(strings.Join(m.opts.Notices, "\n"))
		cmds = append(cmds, func() tea.Msg { return common.ShowErrorMsg{Title: "Check your config file", Err: err} })
	}
	return tea.Batch(cmds...)
}

// safeInit runs a view's Init, catching a panic.
func (m Model) safeInit(i int) (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			cmd = m.panicked(i, "Init", r)
		}
	}()
	return m.views[i].Init()
}

// panicked logs a view's panic with its stack and reports it in a dialog.
func (m Model) panicked(i int, where string, r any) tea.Cmd {
	m.logPanic(i, where, r)
	err := fmt.Errorf("the %s view crashed in %s: %v (details are in the --log file)", m.views[i].Title(), where, r)
	return func() tea.Msg { return common.ShowErrorMsg{Title: "Internal error", Err: err} }
}

// logPanic logs a view's panic with the stack of the goroutine that
// recovered it (call it from the deferred recover).
func (m Model) logPanic(i int, where string, r any) {
	m.c.Logger.Error("view panicked", "view", m.views[i].Title(), "in", where, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
}

// updateView delivers msg to view i. A panic leaves the view as it was
// before the message and opens an error dialog.
func (m *Model) updateView(i int, msg tea.Msg) (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			cmd = m.panicked(i, "Update", r)
		}
	}()
	// A fresh slice: Model is a value, and an earlier copy (Bubble Tea
	// keeps none, tests do) must not see this Update's view.
	views := slices.Clone(m.views)
	views[i], cmd = m.views[i].Update(msg)
	m.views = views
	return cmd
}

// viewIndex is the tab of the view with id, or -1.
func (m Model) viewIndex(id common.ViewID) int {
	for i, v := range m.views {
		if v.ID() == id {
			return i
		}
	}
	return -1
}

// broadcast delivers msg to every view.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.views))
	for i := range m.views {
		cmds = append(cmds, m.updateView(i, msg))
	}
	return tea.Batch(cmds...)
}

// viewCapturing reports whether the active view has a focused text input.
func (m Model) viewCapturing() bool { return len(m.views) > 0 && m.views[m.active].Capturing() }

// viewClaims reports whether the active view takes k before the shell's
// global keys (common.KeyClaimer).
func (m Model) viewClaims(k tea.KeyPressMsg) bool {
	if len(m.views) == 0 {
		return false
	}
	kc, ok := m.views[m.active].(common.KeyClaimer)
	return ok && kc.ClaimsKey(k)
}

// anyBusy reports whether any view has a call in flight.
func (m Model) anyBusy() bool {
	return slices.ContainsFunc(m.views, common.View.Busy)
}

// pendingCount is how many verifications are pending across the views.
func (m Model) pendingCount() int {
	n := 0
	for _, v := range m.views {
		n += v.Pending()
	}
	return n
}

// activeHelp is the active view's help bindings.
func (m Model) activeHelp() ([]key.Binding, [][]key.Binding) {
	if len(m.views) == 0 {
		return nil, nil
	}
	v := m.views[m.active]
	return v.ShortHelp(), v.FullHelp()
}

// Active is the index of the shown tab (0 = the first view).
func (m Model) Active() int { return m.active }

// ActiveID is the address of the shown view.
func (m Model) ActiveID() common.ViewID {
	if len(m.views) == 0 {
		return ""
	}
	return m.views[m.active].ID()
}
