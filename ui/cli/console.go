package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
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
			return runConsole(c.Context(), f, c.ErrOrStderr())
		},
	}
	fl := c.Flags()
	fl.BoolVar(&f.sandbox, "sandbox", false, "use a built-in sandbox instead of Twilio")
	fl.StringVar(&f.profile, "profile", "", "use the saved profile `NAME`")
	fl.BoolVar(&f.readOnly, "read-only", false, "refuse every change (create, edit, delete, approve)")
	fl.BoolVar(&f.mouse, "mouse", false, "turn on mouse support (tab clicks, wheel)")
	fl.BoolVar(&f.noMouse, "no-mouse", false, "keep the mouse off (the default; native text selection works)")
	fl.StringVar(&f.logPath, "log", "", "write a debug log to `FILE` (secrets masked)")
	return c
}

// runConsole resolves the account, starts the sandbox if needed, and runs
// the program until the user quits.
func runConsole(ctx context.Context, f consoleFlags, stderr io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

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

	co := ui.CommonOptions{Ctx: ctx, ReadOnly: f.readOnly, Keys: cfg.Keys, Logger: logger}
	if os.Getenv("NO_COLOR") != "" {
		co.Theme = common.ThemePlain
	}

	useSandbox := f.sandbox
	if !useSandbox {
		if dirErr != nil {
			return dirErr
		}
		creds, err := keyring.Resolve(dir, keyring.SystemSecrets(keyring.DefaultTimeout), f.profile, os.Getenv)
		if err != nil {
			return withHint(err)
		}
		if creds.Source == keyring.SourceNone {
			useSandbox = true
			logger.Info("no credentials; opening the sandbox")
		} else if err := useCredentials(&co, creds, logger); err != nil {
			return err
		}
	}
	if useSandbox {
		stop, err := useEmbeddedSandbox(&co, logger)
		if err != nil {
			return err
		}
		defer stop()
	}

	c, keysErr := ui.NewCommon(co)
	if keysErr != nil {
		notices = append(notices, keysErr.Error())
	}
	opts := ui.Options{Mouse: f.mouse && !f.noMouse, Theme: co.Theme, Notices: notices}
	p := ui.NewProgram(ui.ProgramOptions{Common: c, Shell: opts})
	if _, err := p.Run(); failed(err) {
		logger.Error("program ended with an error", "err", err.Error())
		fmt.Fprintln(stderr, "twilio-verify: the console stopped:", err)
		return err
	}
	return nil
}

// useCredentials points the console at the resolved account, with the
// profile's console defaults. A sandbox profile keeps its BaseURL.
func useCredentials(co *ui.CommonOptions, creds keyring.Credentials, logger *slog.Logger) error {
	client, err := twilioapi.New(creds.APIConfig())
	if err != nil {
		return err
	}
	p := creds.Profile
	co.Client = client
	co.Sandbox = creds.BaseURL != ""
	co.Profile = p.Name
	co.ReadOnly = co.ReadOnly || p.ReadOnly
	co.DefaultRegion = p.DefaultCountry
	co.DefaultRiskCheck = p.DefaultRiskCheck
	co.DefaultServiceSID = p.DefaultServiceSID
	logger.Info("credentials", "source", creds.Source.String(), "profile", p.Name, "account_sid", twilioapi.MaskSID(creds.AccountSID))
	return nil
}

// useEmbeddedSandbox serves a fresh sandbox on 127.0.0.1:0 and points the
// console at it; stop closes the server.
func useEmbeddedSandbox(co *ui.CommonOptions, logger *slog.Logger) (stop func(), err error) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		return nil, fmt.Errorf("start the sandbox: %w", err)
	}
	srv, err := sandbox.Listen(sb, "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start the sandbox: %w", err)
	}
	client, err := twilioapi.New(twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	if err != nil {
		_ = srv.Close()
		return nil, err
	}
	co.Client = client
	co.Sandbox = true
	logger.Info("sandbox", "url", srv.URL())
	return func() { _ = srv.Close() }, nil
}

// failed reports whether the program's end is a failure. Being killed by
// its context (a signal) is a normal end; a panic Bubble Tea caught also
// reports "killed", but it is a crash and must not exit 0 in silence.
func failed(err error) bool {
	return err != nil && (errors.Is(err, tea.ErrProgramPanic) || !errors.Is(err, tea.ErrProgramKilled))
}
