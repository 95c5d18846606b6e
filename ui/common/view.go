package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// View is one screen of the console (a tab). The shell holds the views
// in the order of its registry and derives from them the tab bar, the tab
// keys, help, routing of addressed results, the busy spinner, the quit
// question and sizing: a view is its package plus one registry line.
//
// Implementations are values: Update and SetSize return the changed view.
// Update must do no I/O: calls go through Call/Poll, timers through
// Common.After.
type View interface {
	// ID is the view's address for results and cross-view messages.
	ID() ViewID
	// Title is the tab's name ("Services").
	Title() string
	// Init starts the view's first loads.
	Init() tea.Cmd
	// Update handles one message: keys when the view is shown, addressed
	// results for its ID whether shown or not, and broadcasts.
	Update(msg tea.Msg) (View, tea.Cmd)
	// View draws the view in the area SetSize gave it.
	View() string
	// SetSize gives the view its drawing area.
	SetSize(width, height int) View
	// ShortHelp and FullHelp are the view's keys that work right now.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Capturing reports whether a text field has focus: then every key
	// but force-quit reaches the view (the shell's single keys are typed).
	Capturing() bool
	// Busy reports whether a call the user started is in flight.
	Busy() bool
	// Pending is how many verifications (or other costly operations) are
	// still open: quitting asks first when any are.
	Pending() int
}

// ViewEntry is one line of the shell's registry: the view's address, its
// tab title and how to build it for a program.
type ViewEntry struct {
	ID    ViewID
	Title string
	// Keys are the view's own bindings (KeyMap.Define): rebindable in
	// `[keys]` and read by the view with KeyMap.Get.
	Keys []KeyDef
	New  func(c *Common) View
}

// Addressed is a message meant for one view: the shell delivers it to
// that view whichever is shown (call results, a confirmed dialog's
// action).
type Addressed interface {
	Addressee() ViewID
}

// ToView wraps a message for one view (e.g. the action a confirm dialog
// sends back): the shell unwraps it and delivers Msg to View only.
type ToView struct {
	View ViewID
	Msg  tea.Msg
}

// Addressee implements Addressed.
func (t ToView) Addressee() ViewID { return t.View }

// ShowViewMsg asks the shell to bring a view to the front (e.g. the
// Attempts view opening a number in Sessions).
type ShowViewMsg struct {
	View ViewID
}

// ShownMsg tells a view it became the shown tab (the first view hears
// it at start). A view whose loads only matter once it is looked at
// starts them here rather than in Init, so a program (one per SSH
// visitor) starts without calls nobody asked for.
type ShownMsg struct{}

// OpenSessionMsg asks the Sessions view to open its new-session form for
// a destination (a phone number or e-mail), e.g. from a row of the
// attempts log; the view sending it also sends ShowViewMsg.
type OpenSessionMsg struct {
	To string
}

// InspectNumberMsg asks the Guard view to look up a number's risk (and
// offer the Safe List), e.g. from a blocked attempt.
type InspectNumberMsg struct {
	Number string
}

// QuitWarner is a View that would lose something else than pending
// verifications if the program ended now: the shell's quit question
// says what (QuitWarning; "" when nothing).
type QuitWarner interface {
	QuitWarning() string
}

// KeyClaimer is a View that takes some keys before the shell's global
// keys even while it is not Capturing: on a session waiting for its code,
// a digit starts typing the code instead of switching tabs. The shell
// asks ClaimsKey for every key it would otherwise handle itself.
type KeyClaimer interface {
	ClaimsKey(k tea.KeyPressMsg) bool
}
