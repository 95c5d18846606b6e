// Package common holds what every screen of one program shares: the
// per-program Common (styles, keymap, size, client, clock, logger), the
// theme, addressed async calls and shared widgets. Nothing here is a
// package-level mutable value: two SSH sessions build two Commons.
//
// View convention. Each view lives in views/<name> and exports a concrete
// Model with:
//
//	New(c *common.Common) Model
//	Init() tea.Cmd
//	Update(msg tea.Msg) (Model, tea.Cmd)   // concrete type, no assertions
//	View() string                          // sized by SetSize
//	SetSize(width, height int) Model
//	ShortHelp() []key.Binding; FullHelp() [][]key.Binding
//	Capturing() bool   // a text input has focus: global single-letter keys go to the view
//	Busy() bool        // a call is in flight (status line spinner)
//	Pending() bool     // a verification is pending (quit asks first)
//
// Async calls go through Common.Call, whose result comes back as a
// ResultMsg addressed to a view and request; the shell delivers every
// ResultMsg to the view it names even when another view is shown, and the
// view drops results whose request it no longer waits for.
//
// Shared pieces for views:
//
//   - Styles (NewStyles(Theme)): every style, built from DarkTheme,
//     LightTheme or PlainTheme. The shell swaps the contents of
//     *Common.Styles when the terminal reports its background, so read
//     styles through Common at render time, never copy them.
//   - KeyMap (DefaultKeyMap, Rebind): global, list, action, form and
//     dialog bindings, and each view's own keys. Use key.Matches(msg, c.Keys.X); never match literal
//     key strings, so the config `[keys]` table works everywhere.
//   - Form and Field: labelled text/bool/choice fields with inline errors,
//     validation before any call, and Twilio errors placed on the field
//     they name (SetError); input is never lost.
//   - Mask and MaskSID for secrets and account SIDs on screen.
//   - NewSpinner, Copy (OSC 52 + flash), Truncate, PadRight and Fit (make a
//     block exactly w×h so a view always fills its area).
//   - Package tmuxtest drives the built binary in tmux for e2e tests.
package common

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// ViewID names a view, for addressing results.
type ViewID string

// The views of the console.
const (
	ViewServices ViewID = "services"
	ViewSessions ViewID = "sessions"
	ViewTOTP     ViewID = "totp"
	ViewGuard    ViewID = "guard"
	ViewAttempts ViewID = "attempts"
)

// Clock tells the time; tests inject a fixed or stepped one.
type Clock func() time.Time

// Common is what one program shares among its screens. Build one per
// program (per SSH session).
type Common struct {
	// Ctx is cancelled when the program ends.
	Ctx    context.Context
	Width  int
	Height int
	Styles *Styles
	Keys   *KeyMap
	Client *twilioapi.Client
	Clock  Clock
	Logger *slog.Logger
	// Operator is the person this program acts for (the OS user, or the
	// SSH user and key).
	Operator Operator
	// ReadOnly refuses dangerous and mutating actions.
	ReadOnly bool
	// Sandbox is true when Client talks to a sandbox (show the badge and
	// the outbox).
	Sandbox bool
	// Profile is the profile name shown in the status line ("" for env or
	// sandbox); AccountSID is shown masked.
	Profile string
	// DefaultRegion is the ISO country used to read national phone numbers
	// ("US" when empty).
	DefaultRegion string
	// DefaultRiskCheck is the profile's default RiskCheck ("" = service
	// default).
	DefaultRiskCheck string
	// DefaultServiceSID is the profile's preferred service: the Services
	// view selects it as the current service once it is loaded (the first
	// service otherwise).
	DefaultServiceSID string
	// CallTimeout bounds every call started with Call.
	CallTimeout time.Duration
	// nextID numbers requests; per program, never global.
	nextID uint64
}

// Now is the program's current time.
func (c *Common) Now() time.Time {
	if c.Clock == nil {
		return time.Now()
	}
	return c.Clock()
}

// Who names whom the program acts for, in history lines and the status
// line: the profile, else "sandbox", else "env" (credentials from the
// environment).
func (c *Common) Who() string {
	switch {
	case c.Profile != "":
		return c.Profile
	case c.Sandbox:
		return "sandbox"
	}
	return "env"
}

// RequestID identifies one call of one view.
type RequestID uint64

// ResultMsg carries the result of a call back to the view that asked.
type ResultMsg struct {
	View  ViewID
	ID    RequestID
	Value any
	Err   error
}

// NextRequestID returns a new request ID, unique within the program. It is
// only called from Update, so it needs no lock.
func (c *Common) NextRequestID() RequestID {
	c.nextID++
	return RequestID(c.nextID)
}

// Call runs fn off the UI goroutine with the program's call timeout and
// returns its result as a ResultMsg addressed to view and id. Each call's
// outcome and duration go to the debug log (which masks secrets), so
// --log shows what the console asked and how long Twilio took.
func (c *Common) Call(view ViewID, id RequestID, fn func(ctx context.Context) (any, error)) tea.Cmd {
	return c.call(view, id, fn, true)
}

// Poll is Call for a request repeated on a timer (the outbox, a pending
// verification's status): only its failures are logged, so a poll every
// second or two does not bury the log.
func (c *Common) Poll(view ViewID, id RequestID, fn func(ctx context.Context) (any, error)) tea.Cmd {
	return c.call(view, id, fn, false)
}

// call is Call and Poll; logOK says whether successes are logged.
func (c *Common) call(view ViewID, id RequestID, fn func(ctx context.Context) (any, error), logOK bool) tea.Cmd {
	parent := c.Ctx
	if parent == nil {
		parent = context.Background()
	}
	timeout := c.CallTimeout
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	logger := c.Logger
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, timeout)
		defer cancel()
		start := time.Now()
		v, err := callSafely(ctx, view, logger, fn)
		if logger != nil {
			took := time.Since(start).Round(time.Millisecond)
			if err != nil {
				logger.Warn("call failed", "view", string(view), "request", uint64(id), "took", took, "err", err.Error())
			} else if logOK {
				logger.Debug("call", "view", string(view), "request", uint64(id), "took", took)
			}
		}
		return ResultMsg{View: view, ID: id, Value: v, Err: err}
	}
}

// callSafely runs fn, turning a panic into an error result: Bubble Tea
// would otherwise end the whole program for a panic in a command.
func callSafely(ctx context.Context, view ViewID, logger *slog.Logger, fn func(ctx context.Context) (any, error)) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			if logger != nil {
				logger.Error("call panicked", "view", string(view), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			}
			v, err = nil, fmt.Errorf("internal error in a %s call: %v (details are in the --log file)", view, r)
		}
	}()
	return fn(ctx)
}

// ServiceSelectedMsg tells every view that the current service changed.
type ServiceSelectedMsg struct {
	Service twilioapi.Service
}

// FlashLevel is the severity of a status-line message.
type FlashLevel int

// Flash levels.
const (
	FlashInfo FlashLevel = iota
	FlashWarn
	FlashError
)

// FlashMsg asks the shell to show a short message in the status line.
type FlashMsg struct {
	Level FlashLevel
	Text  string
}

// Flash returns a command that shows text in the status line.
func Flash(level FlashLevel, text string) tea.Cmd {
	return func() tea.Msg { return FlashMsg{Level: level, Text: text} }
}

// ShowErrorMsg asks the shell to open the error details dialog.
type ShowErrorMsg struct {
	Title string
	Err   error
}

// ConfirmMsg asks the shell to open a confirm dialog. When the user
// confirms, the shell sends OnConfirm's message back (to the view that
// asked, by its own addressing). TypeToConfirm, when set, must be typed
// exactly (e.g. a service name before deleting it).
type ConfirmMsg struct {
	Title         string
	Body          string
	TypeToConfirm string
	OnConfirm     tea.Msg
}
