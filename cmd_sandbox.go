package main

import "github.com/spf13/cobra"

// newSandboxCmd serves the Verify sandbox. (Foundation issue.)
func newSandboxCmd() *cobra.Command {
	return &cobra.Command{Use: "sandbox", Short: "Serve a local Verify v2 sandbox", Args: cobra.NoArgs}
}
