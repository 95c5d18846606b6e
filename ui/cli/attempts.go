package cli

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// newAttemptsCmd groups the Verification Attempts commands.
func newAttemptsCmd(d credDeps) *cobra.Command {
	c := &cobra.Command{
		Use:     "attempts",
		Short:   "List verification attempts (the Attempts API: every delivery, its price and conversion)",
		Example: "  twilio-verify attempts list --since 24h --channel sms\n  twilio-verify attempts list --to +14155550100 --json",
		Args:    cobra.NoArgs,
	}
	c.AddCommand(newAttemptsListCmd(d))
	return c
}

func newAttemptsListCmd(d credDeps) *cobra.Command {
	var (
		f                                                  apiFlags
		since, until, to, country, channel, service, veSID string
		conversion                                         string
		limit                                              int
	)
	c := &cobra.Command{
		Use:   "list [filters]",
		Short: "List attempts, newest first",
		Example: "  twilio-verify attempts list --since 24h\n" +
			"  twilio-verify attempts list --country GB --conversion unconverted --limit 20\n" +
			"  twilio-verify attempts list --verification VExxxxxxxx --json",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if limit < 1 {
				return usageError{errors.New("--limit must be at least 1")}
			}
			filter := twilioapi.AttemptFilter{To: to, Country: country, Channel: twilioapi.Channel(channel),
				ServiceSID: service, VerificationSID: veSID, Conversion: twilioapi.ConversionStatus(conversion)}
			now := time.Now()
			for _, t := range []struct {
				flag, v string
				dst     *time.Time
			}{{"--since", since, &filter.CreatedAfter}, {"--until", until, &filter.CreatedBefore}} {
				if t.v == "" {
					continue
				}
				at, err := parseSince(t.flag, t.v, now)
				if err != nil {
					return usageError{err}
				}
				*t.dst = at
			}
			return runAPI(c, f, d, func(ctx context.Context, s *apiSession, p printer) error {
				all, err := listAttempts(ctx, s.client, filter, limit)
				if err != nil {
					return err
				}
				out := make([]attemptJSON, 0, len(all))
				rows := make([][]string, 0, len(all))
				for _, a := range all {
					out = append(out, attemptToJSON(a))
					rows = append(rows, []string{a.SID, apiTime(a.DateCreated), a.To, string(a.Channel), a.Country,
						a.Status, string(a.Conversion), a.Price})
				}
				return p.table(out, []string{"SID", "CREATED", "TO", "CHANNEL", "COUNTRY", "STATUS", "CONVERSION", "PRICE"}, rows)
			})
		},
	}
	fl := c.Flags()
	fl.StringVar(&since, "since", "", "created after a `duration` ago (24h) or a time (RFC 3339)")
	fl.StringVar(&until, "until", "", "created before a `duration` ago or a time")
	fl.StringVar(&to, "to", "", "only attempts to this number or address")
	fl.StringVar(&country, "country", "", "only this ISO country (GB)")
	fl.StringVar(&channel, "channel", "", "only this channel (sms, call, email, whatsapp)")
	fl.StringVar(&service, "service", "", "only this service `SID` (VA…)")
	fl.StringVar(&veSID, "verification", "", "only this verification `SID` (VE…)")
	fl.StringVar(&conversion, "conversion", "", "converted or unconverted")
	fl.IntVar(&limit, "limit", 100, "at most this many attempts")
	f.register(c)
	return c
}

// listAttempts reads pages until limit attempts or the last page.
func listAttempts(ctx context.Context, c *twilioapi.Client, f twilioapi.AttemptFilter, limit int) ([]twilioapi.Attempt, error) {
	var all []twilioapi.Attempt
	token := ""
	for len(all) < limit {
		page, err := c.ListAttemptsPage(ctx, f, min(limit-len(all), 1000), token)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Attempts...)
		if page.NextPageToken == "" {
			break
		}
		token = page.NextPageToken
	}
	if len(all) > limit {
		all = all[:limit]
	}
	return all, nil
}

// attemptJSON is a Verification Attempt as the API answers it.
type attemptJSON struct {
	SID              string          `json:"sid"`
	AccountSID       string          `json:"account_sid"`
	ServiceSID       string          `json:"service_sid"`
	VerificationSID  *string         `json:"verification_sid"`
	DateCreated      string          `json:"date_created"`
	DateUpdated      string          `json:"date_updated"`
	ConversionStatus string          `json:"conversion_status"`
	Channel          string          `json:"channel"`
	Price            priceJSON       `json:"price"`
	ChannelData      channelDataJSON `json:"channel_data"`
	URL              string          `json:"url"`
}

type priceJSON struct {
	Value    *string `json:"value"`
	Currency *string `json:"currency"`
}

// channelDataJSON is an attempt's channel_data: the delivery outcome is
// message_status for messages and call_status for calls, the error code a
// string, the carrier its name with its network codes beside it.
type channelDataJSON struct {
	VerificationSID *string `json:"verification_sid"`
	To              string  `json:"to"`
	Status          *string `json:"status"`
	MessageStatus   *string `json:"message_status,omitempty"`
	CallStatus      *string `json:"call_status,omitempty"`
	ErrorCode       *string `json:"error_code"`
	Country         *string `json:"country"`
	CodeLength      int     `json:"code_length"`
	Locale          *string `json:"locale"`
	MCC             *string `json:"mcc"`
	MNC             *string `json:"mnc"`
	Carrier         *string `json:"carrier"`
}

func attemptToJSON(a twilioapi.Attempt) attemptJSON {
	out := attemptJSON{SID: a.SID, AccountSID: a.AccountSID, ServiceSID: a.ServiceSID, VerificationSID: nullable(a.VerificationSID),
		DateCreated: apiTime(a.DateCreated), DateUpdated: apiTime(a.DateUpdated), ConversionStatus: string(a.Conversion),
		Channel: string(a.Channel), Price: priceJSON{Value: nullable(a.Price), Currency: nullable(a.PriceCurrency)},
		ChannelData: channelDataJSON{VerificationSID: nullable(a.VerificationSID), To: a.To, Status: nullable(a.Status),
			Country: nullable(a.Country), CodeLength: a.CodeLength, Locale: nullable(a.Locale),
			MCC: nullable(a.Carrier.MobileCountryCode), MNC: nullable(a.Carrier.MobileNetworkCode), Carrier: nullable(a.Carrier.Name)},
		URL: a.URL}
	if a.Channel == twilioapi.ChannelCall {
		out.ChannelData.CallStatus = nullable(a.DeliveryStatus)
	} else {
		out.ChannelData.MessageStatus = nullable(a.DeliveryStatus)
	}
	if a.ErrorCode != 0 {
		code := strconv.Itoa(a.ErrorCode)
		out.ChannelData.ErrorCode = &code
	}
	return out
}
