package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mdp/qrterminal/v3"
	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// totpDeps are what the totp commands touch outside the process; tests
// swap the keyring and the environment.
type totpDeps struct {
	creds  credDeps
	keeper *keyring.TOTPKeeper
}

// totpDefaults are the real dependencies.
func totpDefaults() totpDeps {
	return totpDeps{creds: credDefaults(), keeper: keyring.SystemTOTPKeeper(keyring.DefaultTimeout)}
}

// codeRefused is an authenticator code Verify did not accept (wrong
// codes until stdin ended, or the factor's attempts ran out): exit 3,
// like a check that did not approve.
type codeRefused struct{ err error }

// Error implements error.
func (e codeRefused) Error() string { return e.err.Error() }

// Unwrap returns the reason (a Twilio 60310 keeps its code and hint).
func (e codeRefused) Unwrap() error { return e.err }

// newTOTPCmd is `twilio-verify totp`: enrol a TOTP factor from the
// command line and print a kept test factor's code.
func newTOTPCmd(d totpDeps) *cobra.Command {
	c := &cobra.Command{
		Use:   "totp",
		Short: "Enrol TOTP factors and print test factors' codes",
		Long: "Enrols a TOTP factor for an identity (QR code, URI and secret, then the code from the\n" +
			"authenticator app verifies it), and prints the current code of a test factor whose secret\n" +
			"was kept in the OS keyring. Exit codes: 0 ok, 1 Twilio error, 2 bad usage or input,\n" +
			"3 code not accepted, 4 network failure.",
	}
	c.AddCommand(newTOTPEnrollCmd(d), newTOTPCodeCmd(d))
	return c
}

// enrollFlags are the flags of `totp enroll`: the account flags every
// scripting command has (apiFlags) and the factor's.
type enrollFlags struct {
	api                     apiFlags
	identity, service, name string
	keep, invert            bool
}

func newTOTPEnrollCmd(d totpDeps) *cobra.Command {
	var f enrollFlags
	c := &cobra.Command{
		Use:   "enroll --identity ID",
		Short: "Create a TOTP factor, show its QR code and verify it with a code",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := f.validate(); err != nil {
				return showUsage(c, err)
			}
			return runEnroll(c.Context(), d, f, c.InOrStdin(), c.OutOrStdout(), c.ErrOrStderr())
		},
	}
	f.api.register(c)
	fl := c.Flags()
	fl.StringVar(&f.identity, "identity", "", "the user's `ID` (8–64 letters and digits in dash-separated groups; a GUID, never PII)")
	fl.StringVar(&f.service, "service", "", "the Verify service `SID` (VA…; default: the profile's, else the first)")
	fl.StringVar(&f.name, "name", "twilio-verify", "the factor's friendly `NAME` (the account name the app shows)")
	fl.BoolVar(&f.keep, "keep-secret", false, "keep the secret in the OS keyring (test factors only) for totp code")
	fl.BoolVar(&f.invert, "invert", false, "invert the QR code (for light terminals)")
	return c
}

// validate checks the flags before anything is reached.
func (f enrollFlags) validate() error {
	if err := twilioapi.ValidateIdentity(f.identity); err != nil {
		return fmt.Errorf("--identity: %w", err)
	}
	if f.service != "" {
		if err := twilioapi.ValidateSID("VA", f.service); err != nil {
			return fmt.Errorf("--service: %w", err)
		}
	}
	if err := twilioapi.ValidateFactorName(f.name); err != nil {
		return fmt.Errorf("--name: %w", err)
	}
	return nil
}

// factorJSON is a factor as --json prints it: the API's fields, and the
// binding in the answer to the creation.
type factorJSON struct {
	SID          string            `json:"sid"`
	AccountSID   string            `json:"account_sid"`
	ServiceSID   string            `json:"service_sid"`
	EntitySID    string            `json:"entity_sid"`
	Identity     string            `json:"identity"`
	FriendlyName string            `json:"friendly_name"`
	FactorType   string            `json:"factor_type"`
	Status       string            `json:"status"`
	Config       map[string]any    `json:"config"`
	Binding      map[string]string `json:"binding,omitempty"`
	Metadata     map[string]string `json:"metadata"`
	DateCreated  string            `json:"date_created"`
	DateUpdated  string            `json:"date_updated"`
	URL          string            `json:"url"`
}

func toJSON(f twilioapi.Factor, b *twilioapi.FactorBinding) factorJSON {
	j := factorJSON{SID: f.SID, AccountSID: f.AccountSID, ServiceSID: f.ServiceSID, EntitySID: f.EntitySID, Identity: f.Identity,
		FriendlyName: f.FriendlyName, FactorType: string(f.Type), Status: string(f.Status), Metadata: f.Metadata,
		DateCreated: apiTime(f.DateCreated), DateUpdated: apiTime(f.DateUpdated), URL: f.URL,
		Config: map[string]any{"alg": f.TOTP.Algorithm, "code_length": f.TOTP.CodeLength, "time_step": f.TOTP.TimeStep, "skew": f.TOTP.Skew}}
	if b != nil {
		j.Binding = map[string]string{"secret": b.Secret, "uri": b.URI}
	}
	return j
}

// runEnroll creates the factor, shows it and verifies it with codes read
// from stdin (one a line) until one is accepted, the attempts run out or
// stdin ends.
func runEnroll(ctx context.Context, d totpDeps, f enrollFlags, stdin io.Reader, stdout, stderr io.Writer) error {
	s, err := openSession(f.api, d.creds)
	if err != nil {
		return err
	}
	defer s.close()
	svc, err := s.serviceSID(ctx, f.service)
	if err != nil {
		return err
	}
	cl := s.client
	fa, b, err := cl.CreateTOTPFactor(ctx, twilioapi.TOTPFactorParams{ServiceSID: svc, Identity: f.identity, FriendlyName: f.name})
	if err != nil {
		return err
	}
	if f.api.json {
		if err := json.NewEncoder(stdout).Encode(toJSON(fa, &b)); err != nil {
			return err
		}
	} else {
		printEnrolment(stdout, fa, b, f.invert)
	}
	if f.keep {
		kt := keyring.KeptTOTP{Secret: b.Secret, Algorithm: fa.TOTP.Algorithm, Digits: fa.TOTP.CodeLength,
			Period: fa.TOTP.TimeStep, ServiceSID: svc, Identity: fa.Identity}
		if err := d.keeper.Keep(fa.SID, kt); err != nil {
			fmt.Fprintln(stderr, "The secret could not be kept:", err, "\n"+keyring.TOTPHint(err))
		} else {
			fmt.Fprintf(stderr, "Secret kept in the OS keyring (%s, %s): `twilio-verify totp code --factor %s` prints the code.\n",
				keyring.TOTPServiceName, fa.SID, fa.SID)
		}
	}
	return verifyFromStdin(ctx, cl, fa, stdin, stdout, stderr, f.api.json)
}

// printEnrolment prints the QR code (qrterminal half blocks), then the
// URI and the secret, and the warning that Verify shows them once.
func printEnrolment(w io.Writer, f twilioapi.Factor, b twilioapi.FactorBinding, invert bool) {
	cfg := qrterminal.Config{Level: qrterminal.M, HalfBlocks: true, QuietZone: 2,
		WhiteChar: "█", BlackChar: " ", WhiteBlackChar: "▀", BlackWhiteChar: "▄"}
	if invert {
		cfg.WhiteChar, cfg.BlackChar, cfg.WhiteBlackChar, cfg.BlackWhiteChar = " ", "█", "▄", "▀"
	}
	var buf bytes.Buffer
	cfg.Writer = &buf
	qrterminal.GenerateWithConfig(b.URI, cfg)
	fmt.Fprint(w, buf.String())
	fmt.Fprintf(w, "\nFactor  %s (%s) for %s · %s · %d digits · %d s\n", f.SID, f.Status, f.Identity,
		f.TOTP.Algorithm, f.TOTP.CodeLength, f.TOTP.TimeStep)
	fmt.Fprintf(w, "URI     %s\nSecret  %s\n", b.URI, b.Secret)
	fmt.Fprintln(w, "Verify returns this secret only once, now: scan the code (or type the secret) before going on.")
	fmt.Fprintln(w, "If the QR code does not scan, run again with --invert (light terminals).")
}

// verifyFromStdin reads codes until the factor is verified.
func verifyFromStdin(ctx context.Context, cl *twilioapi.Client, f twilioapi.Factor, stdin io.Reader, stdout, stderr io.Writer, asJSON bool) error {
	in := bufio.NewScanner(stdin)
	wrong := 0
	for {
		fmt.Fprint(stderr, "Code from the authenticator app: ")
		if !in.Scan() {
			fmt.Fprintln(stderr)
			return codeRefused{errors.New("no code accepted: the factor stays unverified (stdin ended)")}
		}
		code := strings.Join(strings.Fields(in.Text()), "")
		if err := twilioapi.ValidateTOTPCode(code); err != nil {
			fmt.Fprintln(stderr, err)
			continue
		}
		got, err := cl.VerifyFactor(ctx, f.ServiceSID, f.Identity, f.SID, code)
		if err != nil {
			if e := twilioapi.AsError(err); e != nil && e.Code == twilioapi.CodeMaxFactorAttempts {
				return codeRefused{err}
			}
			return err
		}
		if got.Status == twilioapi.FactorVerified {
			if asJSON {
				return json.NewEncoder(stdout).Encode(toJSON(got, nil))
			}
			fmt.Fprintf(stdout, "Factor %s verified.\n", got.SID)
			return nil
		}
		wrong++
		fmt.Fprintf(stderr, "Code not accepted: %d of %d attempts left. Check the phone's clock.\n",
			twilioapi.MaxTOTPAttempts-wrong, twilioapi.MaxTOTPAttempts)
	}
}

// newTOTPCodeCmd is `totp code --factor YF…`.
func newTOTPCodeCmd(d totpDeps) *cobra.Command {
	var factor string
	c := &cobra.Command{
		Use:   "code --factor YF…",
		Short: "Print the current code of a test factor whose secret is kept",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := twilioapi.ValidateSID("YF", factor); err != nil {
				return showUsage(c, fmt.Errorf("--factor: %w", err))
			}
			k, err := d.keeper.Get(factor)
			if err != nil {
				return fmt.Errorf("%w\n%s", err, keyring.TOTPHint(err))
			}
			now := time.Now()
			code, err := twilioapi.TOTPCode(k.Secret, now, k.Algorithm, k.Digits, k.Period)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.OutOrStdout(), code)
			if k.Period > 0 {
				fmt.Fprintf(c.ErrOrStderr(), "valid for %d s more\n", k.Period-int(now.Unix()%int64(k.Period)))
			}
			return nil
		},
	}
	c.Flags().StringVar(&factor, "factor", "", "the factor `SID` (YF…)")
	return c
}
