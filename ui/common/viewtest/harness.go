package viewtest

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Timer is what a timer started with Common.After becomes under a
// Harness: a message that says what would have fired, and after how long.
// Run never sleeps on one; Fire delivers it by hand.
type Timer struct {
	After time.Duration
	Msg   tea.Msg
}

// Harness drives one view as the shell would: every command is run and
// its messages fed back (addressed results, ToView, ServiceSelectedMsg),
// timers are recorded instead of slept on, and what the shell would show
// (flashes, confirm dialogs, error dialogs) is recorded for assertions.
type Harness[M common.View] struct {
	t testing.TB
	// M is the view under test (its concrete type), as its last Update
	// left it; tests read and set its fields directly.
	M M
	// Flashes, Confirm and Errors are what the shell was asked to show.
	Flashes []common.FlashMsg
	Confirm *common.ConfirmMsg
	Errors  []common.ShowErrorMsg
	// Current is the last current service a view announced.
	Current twilioapi.Service
	// Timers are the timers started and not fired, oldest first.
	Timers []Timer
	// Other is every other message the view's commands produced.
	Other []tea.Msg
	// Out is every message the harness did not route back to the view
	// (flashes, dialogs, clipboard writes, …), in order.
	Out []tea.Msg
}

// NewHarness builds the view of entry on c at w×h, runs its Init and
// shows it (ShownMsg). It sets c.Timer, so the view's timers are
// recorded, never slept on.
func NewHarness[M common.View](t testing.TB, c *common.Common, entry common.ViewEntry, w, h int) *Harness[M] {
	t.Helper()
	c.Keys.Define(entry.Keys...)
	c.Timer = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return Timer{After: d, Msg: msg} }
	}
	v, ok := entry.New(c).SetSize(w, h).(M)
	if !ok {
		t.Fatalf("viewtest: the %s entry does not build a %T", entry.ID, v)
	}
	hs := &Harness[M]{t: t, M: v}
	hs.Loop(hs.M.Init())
	hs.Send(common.ShownMsg{}) // as the shell does for the tab on screen
	return hs
}

// T is the test the harness reports to.
func (h *Harness[M]) T() testing.TB { return h.t }

// Send delivers msg to the view and runs what follows.
func (h *Harness[M]) Send(msg tea.Msg) {
	h.t.Helper()
	v, cmd := h.M.Update(msg)
	m, ok := v.(M)
	if !ok {
		h.t.Fatalf("viewtest: Update returned a %T, not a %T", v, h.M)
	}
	h.M = m
	h.Loop(cmd)
}

// Loop runs cmd and feeds its messages back as the shell routes them.
func (h *Harness[M]) Loop(cmd tea.Cmd) {
	h.t.Helper()
	for _, msg := range Run(h.t, cmd) {
		switch msg.(type) {
		case common.FlashMsg, common.ConfirmMsg, common.ShowErrorMsg:
			h.Out = append(h.Out, msg)
		}
		switch msg := msg.(type) {
		case common.FlashMsg:
			h.Flashes = append(h.Flashes, msg)
		case common.ConfirmMsg:
			h.Confirm = &msg
		case common.ShowErrorMsg:
			h.Errors = append(h.Errors, msg)
		case common.ServiceSelectedMsg:
			h.Current = msg.Service
			h.Send(msg)
		case Timer:
			h.Timers = append(h.Timers, msg)
		case common.ToView:
			if msg.View == h.M.ID() {
				h.Send(msg.Msg)
			}
		case common.Addressed:
			if msg.Addressee() == h.M.ID() {
				h.Send(msg)
			}
		default:
			h.Other = append(h.Other, msg)
			h.Out = append(h.Out, msg)
		}
	}
}

// ConfirmYes answers the open confirm dialog with yes, as the shell does.
func (h *Harness[M]) ConfirmYes() {
	h.t.Helper()
	if h.Confirm == nil {
		h.t.Fatal("viewtest: no confirm dialog is open")
	}
	on := h.Confirm.OnConfirm
	h.Confirm = nil
	h.Loop(func() tea.Msg { return on })
}

// Fire delivers the oldest recorded timer whose message match accepts
// and reports whether there was one.
func (h *Harness[M]) Fire(match func(tea.Msg) bool) bool {
	h.t.Helper()
	for i, tm := range h.Timers {
		if match(tm.Msg) {
			h.Timers = append(h.Timers[:i:i], h.Timers[i+1:]...)
			h.Send(tm.Msg)
			return true
		}
	}
	return false
}

// Key presses one key by name ("enter", "n", "ctrl+s").
func (h *Harness[M]) Key(k string) {
	h.t.Helper()
	h.Send(Key(k))
}

// Type types text one key at a time.
func (h *Harness[M]) Type(text string) {
	h.t.Helper()
	for _, k := range Type(text) {
		h.Send(k)
	}
}

// LastFlash is the newest flash text ("" when none).
func (h *Harness[M]) LastFlash() string {
	if len(h.Flashes) == 0 {
		return ""
	}
	return h.Flashes[len(h.Flashes)-1].Text
}

// Screen is the view's text without styling.
func (h *Harness[M]) Screen() string { return ansi.Strip(h.M.View()) }

// WantScreen fails the test unless the screen holds every one of subs.
func (h *Harness[M]) WantScreen(subs ...string) {
	h.t.Helper()
	scr := h.Screen()
	for _, s := range subs {
		if !strings.Contains(scr, s) {
			h.t.Fatalf("screen lacks %q:\n%s", s, scr)
		}
	}
}
