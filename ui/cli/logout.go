package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// newLogoutCmd removes a profile and its secret.
func newLogoutCmd() *cobra.Command { return newLogoutCmdWith(credDefaults()) }

func newLogoutCmdWith(d credDeps) *cobra.Command {
	var force bool
	c := &cobra.Command{
		Use:   "logout NAME",
		Short: "Remove a profile and its secret from the OS keyring",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runLogout(c.OutOrStdout(), c.ErrOrStderr(), d, args[0], force)
		},
	}
	c.Flags().BoolVar(&force, "force", false, "remove the profile even when the keyring cannot be reached (the secret may stay there)")
	return c
}

func runLogout(out, errw io.Writer, d credDeps, name string, force bool) error {
	dir, err := d.configDir()
	if err != nil {
		return err
	}
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		return err
	}
	prof, _ := cfg.Profile(name)
	wasDefault, kerr, err := keyring.RemoveProfile(dir, d.secrets, name, force)
	if errors.Is(err, keyring.ErrUnknownProfile) {
		return usageError{err}
	}
	if err != nil {
		if keyring.Hint(err) != "" {
			return fmt.Errorf("%w\nThe profile was kept. Fix the keyring, or run `twilio-verify logout --force %s` to remove it anyway.", withHint(err), name)
		}
		return err
	}
	if kerr != nil {
		fmt.Fprintf(errw, "warning: could not remove the secret from the keyring (%v); it may still be there.\n", kerr)
	}
	actor := audit.Actor{Operator: common.LocalOperator().User, Profile: name, Sandbox: prof.BaseURL}
	if err := recordCredEvent(d, cfg, actor, audit.ActionLogout, prof.AccountSID, "ok", 0); err != nil {
		return fmt.Errorf("profile %q was removed, but %w", name, err)
	}
	fmt.Fprintf(out, "Removed profile %q and its secret.\n", name)
	if note := afterLogout(cfg.WithoutProfile(name).Profiles, wasDefault); note != "" {
		fmt.Fprintln(out, note)
	}
	return nil
}

// afterLogout says what a logout leaves: no profile at all (nothing to
// make the default), or no default among the profiles left.
func afterLogout(left []keyring.Profile, wasDefault bool) string {
	switch {
	case len(left) == 0:
		return "No profiles are left; add one with `twilio-verify login`."
	case !wasDefault:
		return ""
	case len(left) == 1:
		return fmt.Sprintf("There is no default profile now; make %q the default with `twilio-verify profiles default %s`.", left[0].Name, left[0].Name)
	}
	return "There is no default profile now; pick one with `twilio-verify profiles default NAME`."
}
