package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

func newProfilesCmd() *cobra.Command { return newProfilesCmdWith(credDefaults()) }

func newProfilesCmdWith(d credDeps) *cobra.Command {
	c := &cobra.Command{
		Use:   "profiles",
		Short: "List saved profiles and whether the OS keyring holds their secret",
		Long: "Lists the saved profiles and whether the OS keyring holds their secret. A profile is added\n" +
			"(or its secret replaced) with `twilio-verify login`, and removed, with its secret, with\n" +
			"`twilio-verify logout NAME`.",
		Example: "  twilio-verify profiles\n" +
			"  twilio-verify profiles default prod\n" +
			"  twilio-verify login --profile staging   # add one\n" +
			"  twilio-verify logout staging            # remove one and its secret",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runProfilesList(c.OutOrStdout(), d)
		},
	}
	c.AddCommand(&cobra.Command{
		Use:   "default NAME",
		Short: "Make NAME the default profile",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			dir, err := d.configDir()
			if err != nil {
				return err
			}
			if err := keyring.SetDefault(dir, args[0]); err != nil {
				if errors.Is(err, keyring.ErrUnknownProfile) {
					return usageError{err}
				}
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "%q is now the default profile.\n", args[0])
			return nil
		},
	})
	c.AddCommand(&cobra.Command{
		Use:   "import-twilio-cli",
		Short: "Import twilio-cli's profiles (API key secrets go to the OS keyring)",
		Long: "Reads twilio-cli's config ($TWILIO_CONFIG_DIR/config.json or ~/.twilio-cli/config.json),\n" +
			"stores each profile's API key secret in the OS keyring and the rest in config.toml.\n" +
			"twilio-cli's file is only read, never changed.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runImportTwilioCLI(c.OutOrStdout(), c.ErrOrStderr(), d)
		},
	})
	return c
}

// runProfilesList prints the profiles as a table. The KEYRING column says
// whether the keyring holds the secret: yes, no, or unavailable (the hint
// is printed once below the table); API says where the credentials go:
// Twilio, or the sandbox they were saved against.
func runProfilesList(out io.Writer, d credDeps) error {
	dir, err := d.configDir()
	if err != nil {
		return err
	}
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		return err
	}
	if len(cfg.Profiles) == 0 {
		fmt.Fprintln(out, "No profiles yet. Add one with `twilio-verify login`, or import twilio-cli's with `twilio-verify profiles import-twilio-cli`.")
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tACCOUNT\tAUTH\tDEFAULT\tKEYRING\tAPI")
	var kerr error
	for _, p := range cfg.Profiles {
		auth := "auth token"
		if p.AuthMode == keyring.APIKey {
			auth = "API key " + twilioapi.MaskSID(p.APIKeySID)
		}
		def := ""
		if p.Name == cfg.Default {
			def = "*"
		}
		api := "Twilio"
		if p.BaseURL != "" {
			api = "sandbox " + p.BaseURL
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, twilioapi.MaskSID(p.AccountSID), auth, def, keyringState(d.secrets, p.Name, &kerr), api)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if kerr != nil {
		fmt.Fprintf(out, "\nThe keyring is unavailable: %v\n%s\n", kerr, keyring.Hint(kerr))
	}
	return nil
}

// keyringState answers yes/no/unavailable for one profile. After the first
// failure it stops asking: each call may take the full timeout.
func keyringState(s keyring.Secrets, name string, kerr *error) string {
	if *kerr != nil {
		return "unavailable"
	}
	_, err := s.Get(name)
	switch {
	case err == nil:
		return "yes"
	case errors.Is(err, keyring.ErrNotFound):
		return "no"
	}
	*kerr = err
	return "unavailable"
}

func runImportTwilioCLI(out, errw io.Writer, d credDeps) error {
	path, err := keyring.TwilioCLIConfigPath(d.getenv)
	if err != nil {
		return err
	}
	tc, err := keyring.ReadTwilioCLIConfig(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no twilio-cli config at %s (set TWILIO_CONFIG_DIR if it is elsewhere)", path)
	}
	if err != nil {
		return err
	}
	dir, err := d.configDir()
	if err != nil {
		return err
	}
	res, err := keyring.ImportTwilioCLI(dir, d.secrets, tc)
	if err != nil {
		return fmt.Errorf("%w\nNothing was imported.", withHint(err))
	}
	if len(res.Imported) == 0 {
		fmt.Fprintf(out, "Nothing imported from %s.\n", path)
	} else {
		fmt.Fprintf(out, "Imported %d profile(s) from %s: %s\n", len(res.Imported), path, strings.Join(res.Imported, ", "))
		fmt.Fprintf(out, "Their API key secrets are in the OS keyring (service %q); the rest is in %s.\n", keyring.ServiceName, keyring.ConfigPath(dir))
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(out, "Skipped %q: %s\n", s.Name, s.Reason)
	}
	if res.Default != "" {
		fmt.Fprintf(out, "%q is the default profile.\n", res.Default)
	}
	if len(tc.Profiles) > 0 {
		mode := ""
		if fi, err := os.Stat(path); err == nil {
			mode = fmt.Sprintf(" (mode %04o)", fi.Mode().Perm())
		}
		fmt.Fprintf(errw, "warning: %s%s still holds these API key secrets in plain text. This command did not change it; "+
			"once you no longer need twilio-cli's copies, remove them there (e.g. `twilio profiles:remove NAME`).\n", path, mode)
	}
	return nil
}
