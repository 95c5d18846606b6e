package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// credDeps are what the credential commands touch outside the process:
// where the config lives, the keyring, the environment, and the API call
// that proves credentials work. Production uses credDefaults; tests swap
// pieces without any package-level state.
type credDeps struct {
	configDir func() (string, error)
	secrets   keyring.Secrets
	getenv    func(string) string
	// validate makes one cheap authenticated call with cfg.
	validate func(ctx context.Context, cfg twilioapi.Config) error
	// stateDir is where the audit trail lives.
	stateDir func() (string, error)
}

// credDefaults are the real dependencies.
func credDefaults() credDeps {
	return credDeps{
		configDir: keyring.ConfigDir,
		secrets:   keyring.SystemSecrets(keyring.DefaultTimeout),
		getenv:    os.Getenv,
		validate:  validateWithTwilio,
		stateDir:  stateDirFromEnv,
	}
}

// validateTimeout bounds the validation call of login.
const validateTimeout = 20 * time.Second

// validateWithTwilio lists one Verify service: the cheapest call that needs
// valid credentials and touches nothing.
func validateWithTwilio(ctx context.Context, cfg twilioapi.Config) error {
	c, err := twilioapi.New(cfg)
	if err != nil {
		return err
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(ctx, validateTimeout)
	defer cancel()
	_, err = c.ListServicesPage(ctx, 1, "")
	return err
}

// withHint appends the keyring hint of err, if any, on its own line.
func withHint(err error) error {
	if h := keyring.Hint(err); h != "" {
		return fmt.Errorf("%w\n%s", err, h)
	}
	return err
}

// recordCredEvent appends a login or logout to the audit trail (the
// client records everything else): they change who can act.
func recordCredEvent(d credDeps, cfg keyring.Config, a audit.Actor, action, accountSID, outcome string, code int) error {
	dir, err := d.stateDir()
	if err != nil {
		return err
	}
	log := audit.Open(auditOptions(dir, cfg.Audit, false))
	defer log.Close()
	return log.Event(a, action, accountSID, outcome, code)
}
