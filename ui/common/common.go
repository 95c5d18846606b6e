// Package common holds what every screen of one program shares: the
// per-program Common (styles, keymap, size, client, clock, logger), the
// theme, addressed async calls and shared widgets. Nothing here is a
// package-level mutable value: two SSH sessions build two Commons.
//
// Views implement View (view.go) and are listed once, in the shell's
// registry. Async calls go through Call or Poll, whose typed Result[T] is
// addressed to a view and request; the shell delivers every Addressed
// message to the view it names even when another view is shown, and the
// view drops results whose request it no longer waits for (Requests).
// Timers go through Common.After.
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
	"log/slog"
	"net/url"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// ViewID names a view, for addressing results.
type ViewID string

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
	// SandboxURL is the base URL of the running `twilio-verify sandbox` a
	// profile points at (its base_url); "" for the embedded sandbox and
	// for Twilio. See SandboxBadge.
	SandboxURL string
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
	// ConfigDir is the console's config directory (config.toml and its
	// small per-account files, such as the Safe List numbers the console
	// added); "" keeps nothing on disk (the embedded sandbox, whose
	// account is new on every run).
	ConfigDir string
	// TOTPKeeper keeps test factors' TOTP secrets (the OS keyring; tests
	// give a keyring.Memory). nil: secrets cannot be kept.
	TOTPKeeper *keyring.TOTPKeeper
	// CallTimeout bounds every call started with Call.
	CallTimeout time.Duration
	// Timer, when set, replaces tea.Tick in After (tests run or record
	// timers by hand instead of sleeping).
	Timer func(d time.Duration, msg tea.Msg) tea.Cmd
	// nextID numbers requests; per program, never global.
	nextID uint64
	// calls are the calls in flight that Cancel can end (see track).
	calls *inflight
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

// SandboxBadge is the text of the sandbox badge: "SANDBOX", and for a
// profile on an external sandbox the profile and the sandbox's address
// ("SANDBOX local 127.0.0.1:8089"), so two consoles on two sandboxes are
// told apart. "" when the program is not on a sandbox.
func (c *Common) SandboxBadge() string {
	if !c.Sandbox {
		return ""
	}
	if c.SandboxURL == "" {
		return "SANDBOX"
	}
	addr := c.SandboxURL
	if u, err := url.Parse(c.SandboxURL); err == nil && u.Host != "" {
		addr = u.Host
		if u.Scheme == "https" {
			addr = "https://" + u.Host
		}
	}
	if c.Profile == "" {
		return "SANDBOX " + addr
	}
	return "SANDBOX " + c.Profile + " " + addr
}

// ServiceSelectedMsg tells every view that the current service changed.
type ServiceSelectedMsg struct {
	Service twilioapi.Service
}

// ServiceDeletedMsg tells every view that a service was deleted (their
// sessions, factors or limits on it are gone with it).
type ServiceDeletedMsg struct {
	SID string
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
	// Mutates marks an action that changes something on Twilio or
	// reaches a person: in read-only mode the shell refuses it with the
	// read-only message instead of asking.
	Mutates bool
}

// ReadOnlyRefused tells the user, in the status line, that read-only mode
// refuses an action: the same words as the client's refusal, everywhere.
func ReadOnlyRefused() tea.Cmd {
	return Flash(FlashWarn, twilioapi.ReadOnlyMessage)
}
