package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// loginFlags are login's flags.
type loginFlags struct {
	profile, sandboxURL, region, edge string
	country                           string
	apiKey, fromEnv, makeDefault      bool
	readOnly                          bool
}

// newLoginCmd checks credentials and saves them: the profile in
// config.toml, the secret in the OS keyring. (profiles and logout manage
// what it saved; creds.go holds what the three share.)
func newLoginCmd() *cobra.Command { return newLoginCmdWith(credDefaults()) }

func newLoginCmdWith(d credDeps) *cobra.Command {
	var f loginFlags
	c := &cobra.Command{
		Use:   "login",
		Short: "Check credentials with Twilio and save them (secret in the OS keyring)",
		Long: "Asks for the account SID and auth token (or, with --api-key, an API key SID and\n" +
			"secret; only the secret is typed hidden), checks them with one read-only API call, then\n" +
			"saves the profile in config.toml and the secret in the OS keyring (service \"twilio-verify\").\n" +
			"Nothing is saved when the check fails. --from-env takes TWILIO_ACCOUNT_SID with\n" +
			"TWILIO_API_KEY + TWILIO_API_SECRET or TWILIO_AUTH_TOKEN instead of prompting.\n" +
			"--region and --edge are Twilio's (where the API is reached); --country is the country\n" +
			"whose national phone numbers (typed without +) the console reads, US by default.",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runLogin(c, d, f) },
	}
	fl := c.Flags()
	fl.StringVar(&f.profile, "profile", "default", "save as profile `NAME`")
	fl.BoolVar(&f.apiKey, "api-key", false, "use an API key SID and secret instead of the auth token")
	fl.BoolVar(&f.fromEnv, "from-env", false, "take the credentials from TWILIO_* environment variables")
	fl.StringVar(&f.sandboxURL, "sandbox-url", "", "check the credentials against a sandbox at `URL` instead of Twilio")
	fl.StringVar(&f.region, "region", "", "Twilio `region` for this profile (e.g. ie1); default TWILIO_REGION with --from-env")
	fl.StringVar(&f.edge, "edge", "", "Twilio `edge` for this profile (e.g. dublin); default TWILIO_EDGE with --from-env")
	fl.StringVar(&f.country, "country", "", "in the console, read phone numbers typed without + as numbers of `CC` (ISO code, e.g. GB; default US; a later login without --country keeps it)")
	fl.BoolVar(&f.makeDefault, "default", false, "make this the default profile (the first profile always is)")
	fl.BoolVar(&f.readOnly, "read-only", false, "mark the profile read-only: the console and commands using it refuse every change ("+readOnlyRefuses+")")
	return c
}

func runLogin(c *cobra.Command, d credDeps, f loginFlags) error {
	if err := keyring.ValidateProfileName(f.profile); err != nil {
		return usageError{err}
	}
	if err := keyring.ValidateBaseURL(f.sandboxURL); err != nil {
		return usageError{fmt.Errorf("--sandbox-url: %w", err)}
	}
	f.country = strings.ToUpper(strings.TrimSpace(f.country))
	if err := keyring.ValidateCountry(f.country); err != nil {
		return usageError{fmt.Errorf("--country: %w", err)}
	}
	dir, err := d.configDir()
	if err != nil {
		return err
	}
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		return err
	}
	// Ask the keyring first: on a host without one, say so before the user
	// types a secret that could not be kept.
	if _, err := d.secrets.Get(f.profile); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return withHint(err)
	}

	creds, err := gatherCreds(c, d, f)
	if err != nil {
		return err
	}
	p := loginProfile(cfg, f, creds)
	if err := p.Validate(); err != nil {
		return usageError{err}
	}
	secret := creds.AuthToken
	if p.AuthMode == keyring.APIKey {
		secret = creds.APIKeySecret
	}

	creds.BaseURL = p.BaseURL
	where := "Twilio"
	if f.sandboxURL != "" {
		where = "the sandbox at " + f.sandboxURL
	}
	fmt.Fprintf(c.ErrOrStderr(), "Checking the credentials with %s…\n", where)
	actor := audit.Actor{Operator: common.LocalOperator().User, Profile: p.Name, Sandbox: p.BaseURL}
	apiCfg := creds.APIConfig()
	apiCfg.AuthFailureHint = "" // these are the credentials being logged in: the hint about using them does not apply
	if err := d.validate(c.Context(), apiCfg); err != nil {
		outcome, code := twilioapi.AuditOutcome(err)
		if aerr := recordCredEvent(d, cfg, actor, audit.ActionLogin, creds.AccountSID, outcome, code); aerr != nil {
			return errors.Join(loginCheckError(err), aerr)
		}
		return loginCheckError(err)
	}

	saved, err := keyring.SaveProfile(dir, d.secrets, p, secret, f.makeDefault)
	if err != nil {
		return withHint(err)
	}
	if err := recordCredEvent(d, cfg, actor, audit.ActionLogin, creds.AccountSID, "ok", 0); err != nil {
		return fmt.Errorf("profile %q was saved, but %w", p.Name, err)
	}
	printSaved(c.OutOrStdout(), dir, p, secret, saved.Default == p.Name)
	return nil
}

// loginProfile is the profile login saves for creds, merged with the one
// it replaces (keyring.Config.MergeLogin). BaseURL is remembered so that
// sandbox credentials keep going to the sandbox.
func loginProfile(cfg keyring.Config, f loginFlags, creds keyring.Credentials) keyring.Profile {
	return cfg.MergeLogin(keyring.Profile{Name: f.profile, AccountSID: creds.AccountSID, AuthMode: creds.AuthMode(),
		APIKeySID: creds.APIKeySID, Region: creds.Region, Edge: creds.Edge, ReadOnly: f.readOnly, BaseURL: f.sandboxURL,
		DefaultCountry: f.country})
}

// printSaved tells the user what login saved and where, the secret masked.
func printSaved(out io.Writer, dir string, p keyring.Profile, secret string, isDefault bool) {
	what := "auth token"
	if p.AuthMode == keyring.APIKey {
		what = "API key " + twilioapi.MaskSID(p.APIKeySID) + " secret"
	}
	fmt.Fprintf(out, "Saved profile %q: account %s, %s %s in the OS keyring (service %q, user %q).\n",
		p.Name, twilioapi.MaskSID(p.AccountSID), what, twilioapi.Mask(secret), keyring.ServiceName, p.Name)
	fmt.Fprintf(out, "Profile settings (no secrets): %s\n", keyring.ConfigPath(dir))
	if p.BaseURL != "" {
		fmt.Fprintf(out, "The profile talks to the sandbox at %s, never to Twilio (log in again without --sandbox-url to change that).\n", p.BaseURL)
	}
	if p.DefaultCountry != "" {
		fmt.Fprintf(out, "Phone numbers typed without + are read as %s numbers.\n", p.DefaultCountry)
	}
	if isDefault {
		fmt.Fprintf(out, "%q is the default profile.\n", p.Name)
	}
}

// loginCheckError explains a failed validation call; nothing was saved.
func loginCheckError(err error) error {
	var te *twilioapi.Error
	if !errors.As(err, &te) {
		return fmt.Errorf("could not check the credentials: %w; nothing was saved", err)
	}
	if te.Kind == twilioapi.KindInvalidInput {
		return usageError{fmt.Errorf("%s Nothing was saved", te.Message)}
	}
	msg := te.Message
	if te.Code != 0 {
		msg = fmt.Sprintf("Twilio error %d: %s", te.Code, te.Message)
	}
	if te.IsAuthFailure() {
		msg = "the credentials were refused (" + msg + ")"
	}
	err = fmt.Errorf("%s; nothing was saved", msg)
	if te.Hint != "" {
		err = fmt.Errorf("%w\n%s", err, te.Hint)
	}
	return err
}

// gatherCreds takes the credentials from the environment or the prompts,
// checking each value's shape as soon as it is known.
func gatherCreds(c *cobra.Command, d credDeps, f loginFlags) (keyring.Credentials, error) {
	if f.fromEnv {
		cr, ok, err := keyring.FromEnv(d.getenv)
		if err != nil {
			return cr, usageError{err}
		}
		if !ok {
			return cr, usageError{errors.New("--from-env needs TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET, or with TWILIO_AUTH_TOKEN")}
		}
		if f.apiKey && cr.APIKeySID == "" {
			return cr, usageError{errors.New("--api-key with --from-env needs TWILIO_API_KEY and TWILIO_API_SECRET")}
		}
		if f.region != "" {
			cr.Region = f.region
		}
		if f.edge != "" {
			cr.Edge = f.edge
		}
		return cr, nil
	}
	pr := newCredPrompter(c.InOrStdin(), c.ErrOrStderr())
	cr := keyring.Credentials{Region: f.region, Edge: f.edge}
	var err error
	if cr.AccountSID, err = pr.sid("Account SID"); err != nil {
		return cr, err
	}
	if err := keyring.ValidateAccountSID(cr.AccountSID); err != nil {
		return cr, usageError{err}
	}
	if f.apiKey {
		if cr.APIKeySID, err = pr.sid("API key SID"); err != nil {
			return cr, err
		}
		if err := keyring.ValidateAPIKeySID(cr.APIKeySID); err != nil {
			return cr, usageError{err}
		}
		if cr.APIKeySecret, err = pr.secret("API key secret"); err != nil {
			return cr, err
		}
		return cr, secretShape("API key secret", cr.APIKeySecret)
	}
	if cr.AuthToken, err = pr.secret("Auth token"); err != nil {
		return cr, err
	}
	return cr, secretShape("auth token", cr.AuthToken)
}

func secretShape(what, s string) error {
	if err := keyring.ValidateSecret(what, s); err != nil {
		return usageError{err}
	}
	return nil
}
