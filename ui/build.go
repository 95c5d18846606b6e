package ui

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// BuildOptions describe one console program: which account it opens (or
// a sandbox of its own), for whom, and on which terminal. The local
// console builds one per process; an SSH server builds one per session,
// with the session's operator, I/O, size and environment.
type BuildOptions struct {
	// Ctx bounds the program: when it ends, the program stops
	// (context.Background when nil).
	Ctx context.Context
	// Creds are the resolved credentials; their profile's console
	// defaults (read-only, region, RiskCheck, service) apply. Unused with
	// Sandbox.
	Creds keyring.Credentials
	// ConfigDir is the config directory: the profile's console settings
	// and the console's per-account files are kept there. It is not used
	// with the embedded sandbox, whose account is new on every run.
	ConfigDir string
	// Sandbox runs the program on an embedded sandbox of its own, served
	// on 127.0.0.1:0 and closed by the cleanup. It is implied when Creds
	// has no source (keyring.SourceNone).
	Sandbox bool
	// SandboxOptions build the embedded sandbox.
	SandboxOptions sandbox.Options
	// Operator is the person the program acts for.
	Operator common.Operator
	// Audit, when set, records every action of the program (through the
	// client's Config.Audit) as acted by Operator through the profile or
	// sandbox in use.
	Audit *audit.Log
	// ReadOnly refuses every change, in the client itself (twilioapi
	// answers ErrReadOnly before any request) and on screen. A read-only
	// profile is read-only whatever this says.
	ReadOnly bool
	// Keys is the config file's `[keys]` table (may be nil); a bad entry
	// becomes a notice and keeps its default binding.
	Keys map[string][]string
	// Logger is the debug log (nothing is logged when nil).
	Logger *slog.Logger
	// Shell are the shell's options (mouse, starting theme, notices).
	// NO_COLOR in the environment makes the theme plain.
	Shell Options
	// Input and Output are the terminal (nil: this process's).
	Input  io.Reader
	Output io.Writer
	// Width and Height, when set, are the initial size (an SSH PTY).
	Width, Height int
	// Environ is the program's environment (nil: this process's).
	Environ []string
	// Clock is the program's time source (when nil, the server's time as
	// the client learns it, Client.ServerNow).
	Clock common.Clock
	// CallTimeout bounds each call (15 s when 0).
	CallTimeout time.Duration
	// Extra options are appended last (tests: tea.WithColorProfile...).
	Extra []tea.ProgramOption
}

// Build makes a ready program from o: it starts the embedded sandbox when
// o asks for one, builds the client (read-only when the console or the
// profile is), the program's own Common (styles, keymap, logger), and the
// program on o's terminal. cleanup ends the program's context, closes the
// client and stops the sandbox; call it once the program has returned.
// Two builds share nothing mutable.
func Build(o BuildOptions) (p *tea.Program, cleanup func(), err error) {
	b, err := build(o)
	if err != nil {
		return nil, nil, err
	}
	return b.program, b.cleanup, nil
}

// built is what build made: the program, what it runs on, and how to
// release it.
type built struct {
	program *tea.Program
	common  *common.Common
	// sandboxURL is the embedded sandbox's base URL ("" without one).
	sandboxURL string
	// outboxWait waits for the embedded sandbox's next delivery.
	outboxWait func(ctx context.Context) bool
	cleanup    func()
}

// build is Build, keeping the pieces for tests.
func build(o BuildOptions) (built, error) {
	parent := o.Ctx
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	logger := o.Logger
	if logger == nil {
		logger = NewLogger(nil)
	}
	co := CommonOptions{Ctx: ctx, ReadOnly: o.ReadOnly, Keys: o.Keys, Theme: o.Shell.Theme, Logger: logger,
		Operator: o.Operator, Clock: o.Clock, CallTimeout: o.CallTimeout}
	if noColor(o.Environ) {
		co.Theme = common.ThemePlain
	}

	var b built
	stops := []func(){cancel}
	b.cleanup = func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	var cfg twilioapi.Config
	actor := audit.Actor{Operator: o.Operator.User, KeyFingerprint: o.Operator.KeyFingerprint}
	if o.Sandbox || o.Creds.Source == keyring.SourceNone {
		sb, err := sandbox.New(o.SandboxOptions)
		if err != nil {
			b.cleanup()
			return built{}, fmt.Errorf("start the sandbox: %w", err)
		}
		srv, err := sandbox.Listen(sb, "127.0.0.1:0")
		if err != nil {
			b.cleanup()
			return built{}, fmt.Errorf("start the sandbox: %w", err)
		}
		stops = append(stops, func() { _ = srv.Close() })
		deliveries, unsubscribe := sb.Notify()
		stops = append(stops, unsubscribe)
		b.outboxWait = func(ctx context.Context) bool {
			select {
			case _, ok := <-deliveries:
				return ok
			case <-ctx.Done():
				return false
			}
		}
		b.sandboxURL = srv.URL()
		cfg = twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()}
		co.Sandbox = true
		actor.Sandbox = audit.InProcessSandbox
		logger.Info("sandbox", "url", srv.URL(), "operator", o.Operator.String())
	} else {
		cr := o.Creds
		p := cr.Profile
		cfg = cr.APIConfig()
		co.Sandbox, co.SandboxURL = cr.BaseURL != "", cr.BaseURL
		co.Profile = p.Name
		actor.Profile, actor.Sandbox = p.Name, cr.BaseURL
		co.ReadOnly = co.ReadOnly || p.ReadOnly
		co.DefaultRegion = p.DefaultCountry
		co.DefaultRiskCheck = p.DefaultRiskCheck
		co.DefaultServiceSID = p.DefaultServiceSID
		co.ConfigDir = o.ConfigDir
		logger.Info("credentials", "source", cr.Source.String(), "profile", p.Name,
			"account_sid", twilioapi.MaskSID(cr.AccountSID), "operator", o.Operator.String())
	}
	cfg.ReadOnly = co.ReadOnly
	if o.Audit != nil {
		cfg.Audit = o.Audit.For(actor)
	}
	client, err := twilioapi.New(cfg)
	if err != nil {
		b.cleanup()
		return built{}, err
	}
	stops = append(stops, client.Close)
	co.Client = client
	if co.Clock == nil {
		// The server's time: countdowns and TOTP codes follow Twilio's
		// clock (or a sandbox's that was moved on), not a skewed local one.
		co.Clock = client.ServerNow
	}

	c, keysErr := NewCommon(co)
	shell := o.Shell
	shell.Theme = co.Theme
	shell.Notices = append([]string(nil), o.Shell.Notices...)
	if shell.OutboxWait == nil {
		shell.OutboxWait = b.outboxWait
	}
	if keysErr != nil {
		shell.Notices = append(shell.Notices, keysErr.Error())
	}
	b.common = c
	b.program = NewProgram(ProgramOptions{Common: c, Shell: shell, Input: o.Input, Output: o.Output,
		Width: o.Width, Height: o.Height, Environ: o.Environ, Extra: o.Extra})
	return b, nil
}

// noColor reports whether environ (nil: this process's environment) asks
// for no colour (NO_COLOR set and not empty).
func noColor(environ []string) bool {
	if environ == nil {
		return os.Getenv("NO_COLOR") != ""
	}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == "NO_COLOR" {
			return v != "" // the first one counts, as in os.Getenv
		}
	}
	return false
}
