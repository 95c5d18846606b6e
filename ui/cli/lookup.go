package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"
)

func newLookupCmd(d credDeps) *cobra.Command {
	var f apiFlags
	c := &cobra.Command{
		Use:   "lookup NUMBER",
		Short: "Look a number up (Lookup v2: line type, SMS pumping risk)",
		Example: "  twilio-verify lookup +14155550100\n" +
			"  twilio-verify lookup +14155550100 --json | jq .line_type_intelligence.type",
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runAPI(c, f, d, func(ctx context.Context, s *apiSession, p printer) error {
				info, err := s.client.LookupPhone(ctx, args[0])
				if err != nil {
					return err
				}
				rows := [][2]string{{"Number", info.PhoneNumber}, {"National", info.NationalFormat},
					{"Country", info.CountryCode}, {"Valid", strconv.FormatBool(info.Valid)},
					{"Line type", info.LineType.Type}, {"Carrier", info.LineType.Name},
					{"SMS pumping risk", strconv.Itoa(info.SMSPumpingRisk.Score)},
					{"Risk category", info.SMSPumpingRisk.CarrierRiskCategory}}
				return p.emit(phoneToJSON(info), rows, info.PhoneNumber)
			})
		},
	}
	f.register(c)
	return c
}
