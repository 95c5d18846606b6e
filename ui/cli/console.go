package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/ui"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// consoleFlags are the root command's flags.
type consoleFlags struct {
	sandbox  bool
	profile  string
	readOnly bool
	mouse    bool
	noMouse  bool
	logPath  string
	// auditSyslog also copies audit records to syslog.
	auditSyslog bool
}

// newConsoleCmd is the root command: it opens the console, on the
// resolved credentials or, when there are none (or with --sandbox), on an
// embedded sandbox served on 127.0.0.1:0.
func newConsoleCmd() *cobra.Command {
	var f consoleFlags
	c := &cobra.Command{
		Use:   "twilio-verify",
		Short: "A terminal admin console for Twilio Verify",
		Long: "Opens the console. Credentials come from --profile, the TWILIO_* environment,\n" +
			"or the default profile; with none (or --sandbox) it runs on a built-in sandbox.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if f.sandbox && f.profile != "" {
				return usageError{errors.New("--sandbox and --profile cannot be used together")}
			}
			if f.mouse && f.noMouse {
				return usageError{errors.New("--mouse and --no-mouse cannot be used together")}
			}
			return runConsole(c.Context(), f)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&f.sandbox, "sandbox", false, "use a built-in sandbox instead of Twilio")
	fl.StringVar(&f.profile, "profile", "", "use the saved profile `NAME`")
	fl.BoolVar(&f.readOnly, "read-only", false, "refuse every change: "+readOnlyRefuses)
	fl.BoolVar(&f.mouse, "mouse", false, "turn on the mouse: "+mouseCovers)
	fl.BoolVar(&f.noMouse, "no-mouse", false, "keep the mouse off (the default; native text selection works)")
	fl.StringVar(&f.logPath, "log", "", "write a debug log to `FILE` (secrets masked; "+logFileRule+")")
	fl.BoolVar(&f.auditSyslog, "audit-syslog", false, "also copy audit records to syslog/journald")
	return c
}

// runConsole resolves the account and runs the program (ui.Build starts
// the sandbox if needed) until the user quits.
func runConsole(ctx context.Context, f consoleFlags) error {
	var logW io.Writer
	if f.logPath != "" {
		lf, err := ui.OpenLog(f.logPath)
		if err != nil {
			return err
		}
		defer lf.Close()
		logW = lf
	}
	logger := ui.NewLogger(logW)

	var notices []string
	dir, dirErr := keyring.ConfigDir()
	var cfg keyring.Config
	if dirErr == nil {
		var err error
		cfg, err = keyring.LoadConfig(dir)
		if err != nil {
			if !f.sandbox {
				return err
			}
			notices = append(notices, err.Error())
		}
	}

	stateDir, err := stateDirFromEnv()
	if err != nil {
		return err
	}
	auditLog := audit.Open(auditOptions(stateDir, cfg.Audit, f.auditSyslog))
	defer auditLog.Close()
	bo := ui.BuildOptions{Ctx: ctx, Sandbox: f.sandbox, Operator: common.LocalOperator(), ReadOnly: f.readOnly, Audit: auditLog,
		Keys: cfg.Keys, Logger: logger, Shell: ui.Options{Mouse: f.mouse && !f.noMouse, Notices: notices}}
	if !f.sandbox {
		if dirErr != nil {
			return dirErr
		}
		creds, err := keyring.Resolve(dir, keyring.SystemSecrets(keyring.DefaultTimeout), f.profile, os.Getenv)
		if err != nil {
			return withHint(err)
		}
		if creds.Source == keyring.SourceNone {
			// ui.Build opens the sandbox for no credentials; the screen
			// says how to use an account (it does not for --sandbox).
			logger.Info("no credentials; opening the sandbox")
			bo.Shell.AccountHint = accountHint(cfg)
		}
		bo.Creds = creds
		bo.ConfigDir = dir
	}
	p, cleanup, err := ui.Build(bo)
	if err != nil {
		return err
	}
	defer cleanup()
	if _, err := p.Run(); failed(err) {
		logger.Error("program ended with an error", "err", err.Error())
		// Execute prints it, once.
		return fmt.Errorf("the console stopped: %w", err)
	}
	return nil
}

// accountHint says how to use a Twilio account when the console found no
// credentials, longest form first: log in, or, when profiles exist but
// none is the default, open one.
func accountHint(cfg keyring.Config) []string {
	if len(cfg.Profiles) == 0 {
		return []string{"no credentials found: `twilio-verify login` adds your Twilio account",
			"no credentials: `twilio-verify login` adds your account"}
	}
	return []string{"no default profile: open one with --profile NAME (`twilio-verify profiles` lists them)",
		"no default profile: open one with --profile NAME", "no default profile: use --profile NAME"}
}

// failed reports whether the program's end is a failure. Being killed by
// its context (a signal) is a normal end; a panic Bubble Tea caught also
// reports "killed", but it is a crash and must not exit 0 in silence.
func failed(err error) bool {
	return err != nil && (errors.Is(err, tea.ErrProgramPanic) || !errors.Is(err, tea.ErrProgramKilled))
}
