// Command twilio-verify is a terminal admin console for Twilio Verify, with
// an embedded Verify v2 sandbox.
package main

import (
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
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "twilio-verify:", err)
		var ue usageError
		if asUsage(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

// newRootCmd builds the command tree. The root command opens the console.
func newRootCmd() *cobra.Command {
	root := newConsoleCmd()
	root.SilenceUsage = true
	root.SilenceErrors = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		fmt.Fprintln(c.ErrOrStderr(), c.UsageString())
		return usageError{err}
	})
	root.AddCommand(newVersionCmd(), newSandboxCmd(), newLoginCmd(), newProfilesCmd(), newLogoutCmd())
	for _, c := range root.Commands() {
		c.SilenceUsage = true
		c.SetFlagErrorFunc(root.FlagErrorFunc())
		c.Args = usageArgs(c.Args)
	}
	return root
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
