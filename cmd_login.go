package main

import "github.com/spf13/cobra"

// newLoginCmd, newProfilesCmd and newLogoutCmd manage credentials.
// (Credentials issue.)
func newLoginCmd() *cobra.Command {
	return &cobra.Command{Use: "login", Short: "Save credentials in the OS keyring", Args: cobra.NoArgs}
}

func newProfilesCmd() *cobra.Command {
	return &cobra.Command{Use: "profiles", Short: "List and manage profiles"}
}

func newLogoutCmd() *cobra.Command {
	return &cobra.Command{Use: "logout NAME", Short: "Remove a profile and its secret", Args: cobra.ExactArgs(1)}
}
