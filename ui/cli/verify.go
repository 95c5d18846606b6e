package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// The verification commands: send, check, status, cancel. Each is one
// short process: resolve the account, make one or two calls, print.

// runAPI opens a session for f and runs fn on it; the session is closed
// when fn returns.
func runAPI(c *cobra.Command, f apiFlags, d credDeps, fn func(ctx context.Context, s *apiSession, p printer) error) error {
	s, err := openSession(f, d)
	if err != nil {
		return err
	}
	defer s.close()
	return fn(c.Context(), s, newPrinter(c.OutOrStdout(), f))
}

// runOnService is runAPI for a command that acts on one service: fn gets
// the service SID that --service (the flag's value) or the account's
// defaults pick (apiSession.serviceSID).
func runOnService(c *cobra.Command, f apiFlags, d credDeps, service string,
	fn func(ctx context.Context, s *apiSession, p printer, svc string) error) error {
	return runAPI(c, f, d, func(ctx context.Context, s *apiSession, p printer) error {
		svc, err := s.serviceSID(ctx, service)
		if err != nil {
			return err
		}
		return fn(ctx, s, p, svc)
	})
}

func newSendCmd(d credDeps) *cobra.Command {
	var (
		f                               apiFlags
		to, channel, service, locale    string
		customCode, amount, payee, risk string
	)
	c := &cobra.Command{
		Use:   "send --to NUMBER [--channel sms] [--service VA…]",
		Short: "Start a verification: send a code",
		Long: "Starts a verification (sends a code) on a Verify service. The service is --service,\n" +
			"else the profile's default service, else TWILIO_VERIFY_SERVICE_SID, else the account's\n" +
			"only service. Sending again to a pending verification resends the code.",
		Example: "  twilio-verify send --to +14155550100\n" +
			"  twilio-verify send --to +14155550100 --channel call --service VAxxxxxxxx\n" +
			"  twilio-verify send --to alice@example.com --channel email --json\n" +
			"  sid=$(twilio-verify send --to +14155550100 --quiet)",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if to == "" {
				return usageError{errors.New("--to is required")}
			}
			return runOnService(c, f, d, service, func(ctx context.Context, s *apiSession, p printer, svc string) error {
				v, err := s.client.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc, To: to,
					Channel: twilioapi.Channel(channel), Locale: locale, CustomCode: customCode, Amount: amount,
					Payee: payee, RiskCheck: risk})
				if err != nil {
					return err
				}
				return p.emit(verificationToJSON(v), verificationRows(v), v.SID)
			})
		},
	}
	fl := c.Flags()
	fl.StringVar(&to, "to", "", "the phone number (E.164, e.g. +14155550100) or e-mail address")
	fl.StringVar(&channel, "channel", "sms", "sms, call, email, whatsapp, sna or auto")
	fl.StringVar(&service, "service", "", "the Verify service `SID` (VA…)")
	fl.StringVar(&locale, "locale", "", "the message's language (e.g. fr, pt-BR)")
	fl.StringVar(&customCode, "custom-code", "", "send this code instead of a generated one (the service must allow it)")
	fl.StringVar(&amount, "amount", "", "PSD2 amount")
	fl.StringVar(&payee, "payee", "", "PSD2 payee")
	fl.StringVar(&risk, "risk-check", "", "enable or disable Fraud Guard for this send (default: the service's)")
	f.register(c)
	return c
}

func newCheckCmd(d credDeps) *cobra.Command {
	var (
		f                          apiFlags
		to, sid, code, service     string
		amount, payee, clientToken string
	)
	c := &cobra.Command{
		Use:   "check --to NUMBER --code CODE [--service VA…]",
		Short: "Check a code; exit 0 when approved, 3 when not",
		Long: "Checks a code against the pending verification of --to (or --sid VE…). Exits 0 when\n" +
			"the verification is approved, 3 when the check ran but did not approve (a wrong code),\n" +
			"1 on a Twilio error (20404: no pending verification, 60202: too many checks).",
		Example: "  twilio-verify check --to +14155550100 --code 123456\n" +
			"  if twilio-verify check --to +14155550100 --code \"$code\" --quiet; then echo ok; fi\n" +
			"  twilio-verify check --sid VExxxxxxxx --code 123456 --json",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if (to == "") == (sid == "") {
				return usageError{errors.New("give --to or --sid (one of them)")}
			}
			if code == "" && clientToken == "" {
				return usageError{errors.New("--code is required")}
			}
			return runOnService(c, f, d, service, func(ctx context.Context, s *apiSession, p printer, svc string) error {
				r, err := s.client.CheckVerification(ctx, twilioapi.CheckParams{ServiceSID: svc, To: to,
					VerificationSID: sid, Code: code, Amount: amount, Payee: payee, SNAClientToken: clientToken})
				if err != nil {
					return err
				}
				if err := p.emit(checkToJSON(r), checkRows(r), ""); err != nil {
					return err
				}
				if r.Status != twilioapi.StatusApproved {
					return notApproved{r.Status}
				}
				return nil
			})
		},
	}
	fl := c.Flags()
	fl.StringVar(&to, "to", "", "the number or address the code was sent to")
	fl.StringVar(&sid, "sid", "", "the verification `SID` (VE…) instead of --to")
	fl.StringVar(&code, "code", "", "the code the person received")
	fl.StringVar(&service, "service", "", "the Verify service `SID` (VA…)")
	fl.StringVar(&amount, "amount", "", "PSD2 amount (as sent)")
	fl.StringVar(&payee, "payee", "", "PSD2 payee (as sent)")
	fl.StringVar(&clientToken, "sna-client-token", "", "the SNA client token (sna channel, instead of --code)")
	f.register(c)
	return c
}

// verificationArg is the verification a status or cancel command names:
// its VE SID as the argument, or --to.
func verificationArg(args []string, to string) (string, error) {
	switch {
	case len(args) == 1 && to != "":
		return "", usageError{errors.New("give the VE SID or --to, not both")}
	case len(args) == 1:
		return args[0], nil
	case to != "":
		return to, nil
	}
	return "", usageError{errors.New("give the verification's SID (VE…) or --to NUMBER")}
}

func newStatusCmd(d credDeps) *cobra.Command {
	return verificationRefCmd(d, &cobra.Command{
		Use:   "status VE…|--to NUMBER",
		Short: "Show a verification's status",
		Long: "Fetches a verification by its SID, or the pending verification of --to (Verify keeps a\n" +
			"verification for 10 minutes, or until it is approved or canceled).",
		Example: "  twilio-verify status VExxxxxxxx\n" +
			"  twilio-verify status --to +14155550100 --quiet   # prints pending, approved, …",
	}, func(ctx context.Context, cl *twilioapi.Client, svc, ref string) (twilioapi.Verification, string, error) {
		v, err := cl.FetchVerification(ctx, svc, ref)
		return v, string(v.Status), err
	})
}

func newCancelCmd(d credDeps) *cobra.Command {
	return verificationRefCmd(d, &cobra.Command{
		Use:   "cancel VE…|--to NUMBER",
		Short: "Cancel a pending verification",
		Example: "  twilio-verify cancel VExxxxxxxx\n" +
			"  twilio-verify cancel --to +14155550100 --service VAxxxxxxxx",
	}, func(ctx context.Context, cl *twilioapi.Client, svc, ref string) (twilioapi.Verification, string, error) {
		v, err := cl.UpdateVerificationStatus(ctx, svc, ref, twilioapi.StatusCanceled)
		return v, "", err
	})
}

// verificationRefCmd completes c (its texts set) as a command on one
// verification, named by its VE SID or --to (verificationArg), on
// --service: act makes the call and says what --quiet prints.
func verificationRefCmd(d credDeps, c *cobra.Command,
	act func(ctx context.Context, cl *twilioapi.Client, svc, ref string) (v twilioapi.Verification, quiet string, err error)) *cobra.Command {
	var (
		f           apiFlags
		to, service string
	)
	c.Args = cobra.MaximumNArgs(1)
	c.RunE = func(c *cobra.Command, args []string) error {
		ref, err := verificationArg(args, to)
		if err != nil {
			return err
		}
		return runOnService(c, f, d, service, func(ctx context.Context, s *apiSession, p printer, svc string) error {
			v, quiet, err := act(ctx, s.client, svc, ref)
			if err != nil {
				return err
			}
			return p.emit(verificationToJSON(v), verificationRows(v), quiet)
		})
	}
	c.Flags().StringVar(&to, "to", "", "the number or address of the pending verification")
	c.Flags().StringVar(&service, "service", "", "the Verify service `SID` (VA…)")
	f.register(c)
	return c
}

func verificationRows(v twilioapi.Verification) [][2]string {
	rows := [][2]string{{"SID", v.SID}, {"Service", v.ServiceSID}, {"To", v.To}, {"Channel", string(v.Channel)},
		{"Status", string(v.Status)}, {"Attempts", strconv.Itoa(len(v.SendCodeAttempts))}}
	if v.Carrier.Name != "" || v.Carrier.Type != "" {
		rows = append(rows, [2]string{"Carrier", strings.TrimSpace(v.Carrier.Name + " (" + v.Carrier.Type + ")")})
	}
	return append(rows, [2]string{"Created", apiTime(v.DateCreated)})
}

func checkRows(r twilioapi.CheckResult) [][2]string {
	rows := [][2]string{{"SID", r.SID}, {"To", r.To}, {"Channel", string(r.Channel)}, {"Status", string(r.Status)},
		{"Valid", strconv.FormatBool(r.Valid)}}
	for _, e := range r.SNAAttemptErrorCodes {
		rows = append(rows, [2]string{"SNA error", fmt.Sprintf("%d (%s)", e.Code, e.AttemptSID)})
	}
	return rows
}
