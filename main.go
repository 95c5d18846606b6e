// Command twilio-verify is a terminal admin console for Twilio Verify, with
// an embedded Verify v2 sandbox.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// version is set with -ldflags "-X main.version=..." at release time.
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line and returns the exit code: 0 on success, 2
// on bad usage, 1 on any other failure.
func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		fmt.Fprintln(os.Stderr, "twilio-verify:", err)
	}
	return exitCode(err)
}

// exitCode maps what the command tree returned to the exit code.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

// newRootCmd builds the command tree. The root command opens the console.
// Every command, at any depth, gets its argument check wrapped by usageArgs,
// and the subcommands inherit the root's silences and flag error handler
// (cobra looks them up on the parents), so no command has to remember
// either.
func newRootCmd() *cobra.Command {
	root := newConsoleCmd()
	root.SilenceUsage = true
	root.SilenceErrors = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		fmt.Fprintln(c.ErrOrStderr(), c.UsageString())
		return usageError{err}
	})
	root.AddCommand(newVersionCmd(), newSandboxCmd(), newLoginCmd(), newProfilesCmd(), newLogoutCmd())
	wrapArgs([]*cobra.Command{root})
	return root
}

// wrapArgs applies usageArgs to cmds and all the commands below them.
func wrapArgs(cmds []*cobra.Command) {
	for _, c := range cmds {
		c.Args = usageArgs(c.Args)
		wrapArgs(c.Commands())
	}
}

// usageArgs makes an argument check's failure a usage error (exit 2), as
// cobra only does that for flags.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		return nil
	}
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			fmt.Fprintln(c.ErrOrStderr(), c.UsageString())
			return usageError{err}
		}
		return nil
	}
}

// newVersionCmd prints the version.
func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(c *cobra.Command, _ []string) {
			fmt.Fprintln(c.OutOrStdout(), "twilio-verify", version)
		},
	}
}
