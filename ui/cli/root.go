// Package cli is the console's other face: the command line (cobra). The
// root command opens the console; its subcommands serve the sandbox and
// manage the saved profiles. Execute runs one command line with the
// streams it is given and returns the exit code, so main is a few lines
// and tests run the real command tree in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// Execute runs the command line args (without the program name) and
// returns the exit code: 0 on success, 1 on a Twilio/API error (or any
// other failure), 2 on bad usage or input, 3 for a check that did not
// approve, 4 when the network failed. version is what `twilio-verify
// version` prints. The error, if any, is printed once on stderr, with the
// Twilio code and hint when it has them.
func Execute(ctx context.Context, version string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := runRoot(ctx, newRootCmd(version), args, stdin, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "twilio-verify:", errorText(err))
	}
	return exitCode(err)
}

// exitCode maps what the command tree returned to the exit code.
func exitCode(err error) int {
	var (
		ue usageError
		na notApproved
		cr codeRefused
		te *twilioapi.Error
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &na), errors.As(err, &cr):
		return exitNotApproved
	case errors.As(err, &te):
		return apiExitCode(te)
	}
	return exitAPI
}

// newRootCmd builds the command tree. The root command opens the console.
// Every command, at any depth, gets its argument check wrapped by usageArgs,
// and the subcommands inherit the root's silences and flag error handler
// (cobra looks them up on the parents), so no command has to remember
// either.
func newRootCmd(version string) *cobra.Command {
	root := newConsoleCmd()
	// --version, as most tools have it, prints what `version` prints.
	root.Version = version
	root.SetVersionTemplate("twilio-verify {{.Version}}\n")
	root.SilenceUsage = true
	root.SilenceErrors = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return showUsage(c, err)
	})
	d := credDefaults()
	root.AddCommand(newVersionCmd(version), newSandboxCmd(), newLoginCmd(), newProfilesCmd(), newLogoutCmd(),
		newServicesCmd(d), newSendCmd(d), newCheckCmd(d), newStatusCmd(d), newCancelCmd(d), newLookupCmd(d),
		newAttemptsCmd(d), newAuditCmd(d), newServeCmd(d))
	root.AddCommand(newTOTPCmd(totpDeps{creds: d, keeper: keyring.SystemTOTPKeeper(keyring.DefaultTimeout)}))
	wrapArgs([]*cobra.Command{root})
	return root
}

// runRoot gives root its arguments and streams and executes it. Cobra's
// `completion` command keeps the output stream it finds when it is added,
// so it is added here, after the streams are set (cobra would add it when
// executing), and then gets the same checks as the other commands.
func runRoot(ctx context.Context, root *cobra.Command, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.InitDefaultCompletionCmd(args...)
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			wrapArgs([]*cobra.Command{c})
		}
	}
	return root.ExecuteContext(ctx)
}

// wrapArgs applies usageArgs to cmds and all the commands below them, and
// makes each group of subcommands refuse a word that is none of them.
func wrapArgs(cmds []*cobra.Command) {
	for _, c := range cmds {
		if c.HasParent() && c.HasSubCommands() && !c.Runnable() {
			c.Args, c.RunE = nil, groupRun
		}
		c.Args = usageArgs(c.Args)
		wrapArgs(c.Commands())
	}
}

// groupRun runs a command group (`services`, `attempts`…) given no known
// subcommand: bare, its help; with a word, a usage error (exit 2) naming it,
// as cobra only does for the root's subcommands. Cobra shows a group's help
// and succeeds otherwise, so a script's typo would pass as success.
func groupRun(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return c.Help()
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2 // cobra's own default for the root's subcommands
	}
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		msg += " (did you mean " + strings.Join(s, " or ") + "?)"
	}
	return showUsage(c, errors.New(msg))
}

// usageArgs makes an argument check's failure a usage error (exit 2), as
// cobra only does that for flags.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		return nil
	}
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return showUsage(c, err)
		}
		return nil
	}
}

// newVersionCmd prints the version.
func newVersionCmd(version string) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(c *cobra.Command, _ []string) {
			fmt.Fprintln(c.OutOrStdout(), "twilio-verify", version)
		},
	}
}
