package main

import "github.com/spf13/cobra"

// newConsoleCmd is the root command: it opens the console. (Shell issue.)
func newConsoleCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "twilio-verify",
		Short: "A terminal admin console for Twilio Verify",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return c.Help() },
	}
}
