package ui

import (
	"context"
	"io"
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// CommonOptions describe one program's session: who it acts for and how.
type CommonOptions struct {
	Ctx               context.Context
	Client            *twilioapi.Client
	Sandbox           bool
	SandboxURL        string // see common.Common.SandboxURL
	Profile           string
	ReadOnly          bool
	DefaultRegion     string
	DefaultRiskCheck  string
	DefaultServiceSID string
	// ConfigDir is where the console keeps its files ("" = nowhere).
	ConfigDir string
	// Views is the registry the keymap is built for (nil: Registry()), so
	// `[keys]` can rebind every view's own keys.
	Views []common.ViewEntry
	// Keys is the config file's `[keys]` table (may be nil).
	Keys map[string][]string
	// Theme is the starting theme (ThemePlain when NO_COLOR is set).
	Theme  common.ThemeKind
	Logger *slog.Logger
	Clock  common.Clock
	// Operator is the person the program acts for.
	Operator common.Operator
	// CallTimeout bounds each call (15 s when 0).
	CallTimeout time.Duration
	// TOTPKeeper keeps test factors' secrets (nil: the OS keyring, or
	// none for a remote operator).
	TOTPKeeper *keyring.TOTPKeeper
}

// NewCommon builds a program's Common: its own styles, keymap (with the
// config's rebinding applied) and request numbering, so two programs
// (two SSH sessions) share nothing mutable. A bad `[keys]` entry is
// returned as an error next to a usable Common (the defaults stay for
// that entry).
func NewCommon(o CommonOptions) (*common.Common, error) {
	views := o.Views
	if views == nil {
		views = Registry()
	}
	km := newKeyMap(views)
	var err error
	if len(o.Keys) > 0 {
		err = km.Rebind(o.Keys)
	}
	logger := o.Logger
	if logger == nil {
		logger = NewLogger(nil)
	}
	keeper := o.TOTPKeeper
	if keeper == nil && !o.Operator.Remote {
		// Over SSH the server's keyring is not the visitor's: a secret
		// kept there would sit on someone else's machine, so none is.
		keeper = keyring.SystemTOTPKeeper(keyring.DefaultTimeout)
	}
	region := o.DefaultRegion
	if region == "" {
		region = "US"
	}
	return &common.Common{
		Ctx:               o.Ctx,
		Styles:            common.NewStyles(common.ThemeFor(o.Theme)),
		Keys:              km,
		Client:            o.Client,
		Clock:             o.Clock,
		Logger:            logger,
		Operator:          o.Operator,
		ReadOnly:          o.ReadOnly,
		Sandbox:           o.Sandbox,
		SandboxURL:        o.SandboxURL,
		Profile:           o.Profile,
		DefaultRegion:     region,
		DefaultRiskCheck:  o.DefaultRiskCheck,
		DefaultServiceSID: o.DefaultServiceSID,
		ConfigDir:         o.ConfigDir,
		CallTimeout:       o.CallTimeout,
		TOTPKeeper:        keeper,
	}, err
}

// ProgramOptions say where a program reads and writes and how big it is.
// Locally Input/Output are nil (the terminal); over SSH they are the
// session and the size comes from its PTY.
type ProgramOptions struct {
	Common *common.Common
	Shell  Options
	Input  io.Reader
	Output io.Writer
	// Width and Height, when set, are the initial size (for outputs that
	// are not a TTY, e.g. an SSH session).
	Width, Height int
	// Environ is the session's environment (colour detection, NO_COLOR);
	// nil means the process's.
	Environ []string
	// Extra options are appended last (tests: tea.WithColorProfile...).
	Extra []tea.ProgramOption
}

// NewProgram builds the console program for one terminal: the root
// model on o.Common, with the given I/O, size and environment.
func NewProgram(o ProgramOptions) *tea.Program {
	var opts []tea.ProgramOption
	if o.Common.Ctx != nil {
		opts = append(opts, tea.WithContext(o.Common.Ctx))
	}
	if o.Input != nil {
		opts = append(opts, tea.WithInput(o.Input))
	}
	if o.Output != nil {
		opts = append(opts, tea.WithOutput(o.Output))
	}
	if o.Width > 0 && o.Height > 0 {
		opts = append(opts, tea.WithWindowSize(o.Width, o.Height))
		o.Common.Width, o.Common.Height = o.Width, o.Height
	}
	if o.Environ != nil {
		opts = append(opts, tea.WithEnvironment(o.Environ))
	}
	opts = append(opts, o.Extra...)
	return tea.NewProgram(handOver(New(o.Common, o.Shell)), opts...)
}

// firstModel is what Bubble Tea is given to start with. A Program keeps
// its initial model for as long as it runs; the shell's views are values,
// so that copy would pin the first version of every view (about 100 KB
// per SSH visitor). firstModel hands the model over on the first message
// and lets go of it, so only the current views stay alive.
type firstModel struct{ m *Model }

// handOver wraps m for tea.NewProgram.
func handOver(m Model) firstModel { return firstModel{m: &m} }

// Init implements tea.Model.
func (f firstModel) Init() tea.Cmd { return f.m.Init() }

// Update implements tea.Model: the shell takes over from here on.
func (f firstModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m := *f.m
	*f.m = Model{} // Bubble Tea's copy of f now holds nothing
	return m.Update(msg)
}

// View implements tea.Model (the first frame, before any message).
func (f firstModel) View() tea.View { return f.m.View() }
