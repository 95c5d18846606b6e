package cli

import (
	"context"
	"errors"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// newServicesCmd groups the service commands: list, get, create, update,
// delete.
func newServicesCmd(d credDeps) *cobra.Command {
	c := &cobra.Command{
		Use:   "services",
		Short: "List, show, create, update and delete Verify services",
		Example: "  twilio-verify services list\n" +
			"  twilio-verify services create --name \"My App\" --code-length 6 --quiet\n" +
			"  twilio-verify services update VAxxxxxxxx --lookup=false\n" +
			"  twilio-verify services delete VAxxxxxxxx",
		Args: cobra.NoArgs,
	}
	c.AddCommand(newServicesListCmd(d), newServicesGetCmd(d), newServicesCreateCmd(d), newServicesUpdateCmd(d), newServicesDeleteCmd(d))
	return c
}

func newServicesListCmd(d credDeps) *cobra.Command {
	var f apiFlags
	c := &cobra.Command{
		Use:     "list",
		Short:   "List the account's services",
		Example: "  twilio-verify services list\n  twilio-verify services list --json | jq -r '.[].sid'",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runAPI(c, f, d, func(ctx context.Context, s *apiSession, p printer) error {
				all, err := allServices(ctx, s.client)
				if err != nil {
					return err
				}
				out := make([]serviceJSON, 0, len(all))
				rows := make([][]string, 0, len(all))
				for _, sv := range all {
					out = append(out, serviceToJSON(sv))
					rows = append(rows, []string{sv.SID, sv.FriendlyName, strconv.Itoa(sv.CodeLength), apiTime(sv.DateCreated)})
				}
				return p.table(out, []string{"SID", "NAME", "CODE LENGTH", "CREATED"}, rows)
			})
		},
	}
	f.register(c)
	return c
}

// allServices lists every page.
func allServices(ctx context.Context, c *twilioapi.Client) ([]twilioapi.Service, error) {
	var all []twilioapi.Service
	token := ""
	for {
		page, err := c.ListServicesPage(ctx, 100, token)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Services...)
		if page.NextPageToken == "" {
			return all, nil
		}
		token = page.NextPageToken
	}
}

func newServicesGetCmd(d credDeps) *cobra.Command {
	var f apiFlags
	c := &cobra.Command{
		Use:     "get VA…",
		Short:   "Show one service's settings",
		Example: "  twilio-verify services get VAxxxxxxxx --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runAPI(c, f, d, func(ctx context.Context, s *apiSession, p printer) error {
				sv, err := s.client.FetchService(ctx, args[0])
				return emitService(p, sv, err)
			})
		},
	}
	f.register(c)
	return c
}

func newServicesCreateCmd(d credDeps) *cobra.Command {
	return serviceSettingsCmd(d, &cobra.Command{
		Use:     "create --name NAME [settings]",
		Short:   "Create a service",
		Example: "  twilio-verify services create --name \"My App\"\n  twilio-verify services create --name Bank --psd2 --code-length 8 --quiet",
		Args:    cobra.NoArgs,
	}, func(ctx context.Context, cl *twilioapi.Client, _ []string, set twilioapi.ServiceSettings) (twilioapi.Service, error) {
		return cl.CreateService(ctx, set)
	})
}

func newServicesUpdateCmd(d credDeps) *cobra.Command {
	return serviceSettingsCmd(d, &cobra.Command{
		Use:     "update VA… [settings]",
		Short:   "Change a service's settings (only the flags given)",
		Example: "  twilio-verify services update VAxxxxxxxx --name \"New name\"\n  twilio-verify services update VAxxxxxxxx --lookup=false --code-length 8",
		Args:    cobra.ExactArgs(1),
	}, func(ctx context.Context, cl *twilioapi.Client, args []string, set twilioapi.ServiceSettings) (twilioapi.Service, error) {
		// An empty update is not a no-op on Twilio (date_updated moves),
		// and it would be audited as a change.
		if set == (twilioapi.ServiceSettings{}) {
			return twilioapi.Service{}, usageError{errors.New("nothing to change: give the settings to change, e.g. --name NAME or --lookup=false")}
		}
		return cl.UpdateService(ctx, args[0], set)
	})
}

// serviceSettingsCmd completes c (its texts and Args set) as a command
// that takes the service settings flags: save sends the settings given
// and the service it answers is printed.
func serviceSettingsCmd(d credDeps, c *cobra.Command,
	save func(ctx context.Context, cl *twilioapi.Client, args []string, set twilioapi.ServiceSettings) (twilioapi.Service, error)) *cobra.Command {
	var (
		f  apiFlags
		sf serviceFlags
	)
	c.RunE = func(c *cobra.Command, args []string) error {
		set := sf.settings(c.Flags())
		return runAPI(c, f, d, func(ctx context.Context, s *apiSession, p printer) error {
			sv, err := save(ctx, s.client, args, set)
			return emitService(p, sv, err)
		})
	}
	sf.register(c.Flags())
	f.register(c)
	return c
}

// emitService prints the service a call answered with, or returns the
// call's error; --quiet prints its SID.
func emitService(p printer, sv twilioapi.Service, err error) error {
	if err != nil {
		return err
	}
	return p.emit(serviceToJSON(sv), serviceRows(sv), sv.SID)
}

func newServicesDeleteCmd(d credDeps) *cobra.Command {
	var f apiFlags
	c := &cobra.Command{
		Use:     "delete VA…",
		Short:   "Delete a service",
		Example: "  twilio-verify services delete VAxxxxxxxx",
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runAPI(c, f, d, func(ctx context.Context, s *apiSession, p printer) error {
				if err := s.client.DeleteService(ctx, args[0]); err != nil {
					return err
				}
				return p.emit(map[string]any{"sid": args[0], "deleted": true}, [][2]string{{"Deleted", args[0]}}, "")
			})
		},
	}
	f.register(c)
	return c
}

// serviceFlags are the settings create and update take; only the flags
// given on the command line are sent.
type serviceFlags struct {
	name, ttsName, template, totpIssuer, waFrom, waMsgService string
	codeLength, totpTimeStep, totpCodeLength, totpSkew        int
	lookup, skipLandlines, dtmf, psd2, doNotShare, customCode bool
}

func (s *serviceFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&s.name, "name", "", "friendly name (shown in the message)")
	fl.IntVar(&s.codeLength, "code-length", 6, "code length, 4-10")
	fl.BoolVar(&s.lookup, "lookup", false, "look up the carrier on each verification")
	fl.BoolVar(&s.skipLandlines, "skip-sms-to-landlines", false, "refuse SMS to landlines (60205)")
	fl.BoolVar(&s.dtmf, "dtmf", false, "calls ask for a key press before reading the code")
	fl.StringVar(&s.ttsName, "tts-name", "", "the name read out in calls")
	fl.BoolVar(&s.psd2, "psd2", false, "PSD2: amount and payee required")
	fl.BoolVar(&s.doNotShare, "do-not-share-warning", false, "add \"do not share this code\" to messages")
	fl.BoolVar(&s.customCode, "custom-code", false, "allow custom codes")
	fl.StringVar(&s.template, "default-template", "", "default message template `SID` (HJ…)")
	fl.StringVar(&s.totpIssuer, "totp-issuer", "", "TOTP issuer")
	fl.IntVar(&s.totpTimeStep, "totp-time-step", 30, "TOTP time step, seconds")
	fl.IntVar(&s.totpCodeLength, "totp-code-length", 6, "TOTP code length")
	fl.IntVar(&s.totpSkew, "totp-skew", 1, "TOTP skew, steps")
	fl.StringVar(&s.waFrom, "whatsapp-from", "", "WhatsApp sender (whatsapp:+1…)")
	fl.StringVar(&s.waMsgService, "whatsapp-msg-service", "", "WhatsApp messaging service `SID` (MG…)")
}

// settings are the settings of the flags that were given.
func (s *serviceFlags) settings(fl *pflag.FlagSet) twilioapi.ServiceSettings {
	var out twilioapi.ServiceSettings
	str := func(name string, v string, dst **string) {
		if fl.Changed(name) {
			*dst = &v
		}
	}
	num := func(name string, v int, dst **int) {
		if fl.Changed(name) {
			*dst = &v
		}
	}
	flag := func(name string, v bool, dst **bool) {
		if fl.Changed(name) {
			*dst = &v
		}
	}
	str("name", s.name, &out.FriendlyName)
	num("code-length", s.codeLength, &out.CodeLength)
	flag("lookup", s.lookup, &out.LookupEnabled)
	flag("skip-sms-to-landlines", s.skipLandlines, &out.SkipSMSToLandlines)
	flag("dtmf", s.dtmf, &out.DTMFInputRequired)
	str("tts-name", s.ttsName, &out.TTSName)
	flag("psd2", s.psd2, &out.PSD2Enabled)
	flag("do-not-share-warning", s.doNotShare, &out.DoNotShareWarningEnabled)
	flag("custom-code", s.customCode, &out.CustomCodeEnabled)
	str("default-template", s.template, &out.DefaultTemplateSID)
	str("totp-issuer", s.totpIssuer, &out.TOTPIssuer)
	num("totp-time-step", s.totpTimeStep, &out.TOTPTimeStep)
	num("totp-code-length", s.totpCodeLength, &out.TOTPCodeLength)
	num("totp-skew", s.totpSkew, &out.TOTPSkew)
	str("whatsapp-from", s.waFrom, &out.WhatsAppFrom)
	str("whatsapp-msg-service", s.waMsgService, &out.WhatsAppMsgServiceSID)
	return out
}

func serviceRows(s twilioapi.Service) [][2]string {
	yes := strconv.FormatBool
	return [][2]string{{"SID", s.SID}, {"Name", s.FriendlyName}, {"Code length", strconv.Itoa(s.CodeLength)},
		{"Lookup", yes(s.LookupEnabled)}, {"Skip SMS to landlines", yes(s.SkipSMSToLandlines)},
		{"PSD2", yes(s.PSD2Enabled)}, {"Custom code", yes(s.CustomCodeEnabled)},
		{"Do-not-share warning", yes(s.DoNotShareWarningEnabled)}, {"TTS name", s.TTSName},
		{"TOTP issuer", s.TOTP.Issuer}, {"WhatsApp from", s.WhatsApp.From},
		{"Created", apiTime(s.DateCreated)}, {"Updated", apiTime(s.DateUpdated)}}
}
