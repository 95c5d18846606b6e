package twilioapi

import (
	"context"
	"strings"

	verify "github.com/twilio/twilio-go/rest/verify/v2"

	"github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"
)

// NormalizeConfigCountry checks a messaging configuration's country: "all"
// (every country without its own configuration) or an ISO 3166-1 alpha-2
// code, returned upper-case. It goes into the URL path, so nothing else
// may pass.
func NormalizeConfigCountry(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, CountryAll) {
		return CountryAll, nil
	}
	cc, err := countryFilter(s)
	if err != nil {
		return "", err
	}
	// Two letters are not yet a country: Twilio refuses "XX" with a bare
	// 60200, so it is named here, on the field, before any call.
	if phonenumbers.GetCountryCodeForRegion(cc) == 0 {
		return "", invalid("Country", "%s is not a country phone numbers exist for; use an ISO code such as US or GB, or all.", cc)
	}
	return cc, nil
}

func msgConfigFrom(m *verify.VerifyV2MessagingConfiguration) MessagingConfiguration {
	return MessagingConfiguration{
		ServiceSID: str(m.ServiceSid), AccountSID: str(m.AccountSid), Country: str(m.Country),
		MessagingServiceSID: str(m.MessagingServiceSid), DateCreated: tm(m.DateCreated), DateUpdated: tm(m.DateUpdated), URL: str(m.Url),
	}
}

// CreateMessagingConfiguration routes a service's SMS to country ("all"
// or ISO alpha-2) through the Messaging Service messagingServiceSID (MG…).
func (c *Client) CreateMessagingConfiguration(ctx context.Context, serviceSID, country, messagingServiceSID string) (MessagingConfiguration, error) {
	if err := validateSIDs("VA", serviceSID, "MG", messagingServiceSID); err != nil {
		return MessagingConfiguration{}, err
	}
	cc, err := NormalizeConfigCountry(country)
	if err != nil {
		return MessagingConfiguration{}, err
	}
	p := (&verify.CreateMessagingConfigurationParams{}).SetCountry(cc).SetMessagingServiceSid(messagingServiceSID)
	return mutate(ctx, c, audited{action: ActionMsgConfigCreate, service: serviceSID, sid: cc}, func(cl *call) (MessagingConfiguration, error) {
		m, err := cl.verifyAPI().CreateMessagingConfiguration(serviceSID, p)
		if err != nil {
			return MessagingConfiguration{}, err
		}
		return msgConfigFrom(m), nil
	})
}

// ListMessagingConfigurationsPage returns one page of a service's
// messaging configurations.
func (c *Client) ListMessagingConfigurationsPage(ctx context.Context, serviceSID string, pageSize int, pageToken string) (MessagingConfigurationPage, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return MessagingConfigurationPage{}, err
	}
	page, token, err := pageRequest(pageSize, pageToken)
	if err != nil {
		return MessagingConfigurationPage{}, err
	}
	return run(ctx, c, func(cl *call) (MessagingConfigurationPage, error) {
		r, err := cl.verifyAPI().PageMessagingConfiguration(serviceSID, (&verify.ListMessagingConfigurationParams{}).SetPageSize(pageSize), token, page)
		if err != nil {
			return MessagingConfigurationPage{}, err
		}
		out := MessagingConfigurationPage{NextPageToken: encodePageToken(r.Meta.NextPageUrl),
			Configurations: make([]MessagingConfiguration, 0, len(r.MessagingConfigurations))}
		for i := range r.MessagingConfigurations {
			out.Configurations = append(out.Configurations, msgConfigFrom(&r.MessagingConfigurations[i]))
		}
		return out, nil
	})
}

// FetchMessagingConfiguration returns a service's configuration for country.
func (c *Client) FetchMessagingConfiguration(ctx context.Context, serviceSID, country string) (MessagingConfiguration, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return MessagingConfiguration{}, err
	}
	cc, err := NormalizeConfigCountry(country)
	if err != nil {
		return MessagingConfiguration{}, err
	}
	return run(ctx, c, func(cl *call) (MessagingConfiguration, error) {
		m, err := cl.verifyAPI().FetchMessagingConfiguration(serviceSID, cc)
		if err != nil {
			return MessagingConfiguration{}, err
		}
		return msgConfigFrom(m), nil
	})
}

// UpdateMessagingConfiguration changes the Messaging Service of a
// service's configuration for country.
func (c *Client) UpdateMessagingConfiguration(ctx context.Context, serviceSID, country, messagingServiceSID string) (MessagingConfiguration, error) {
	if err := validateSIDs("VA", serviceSID, "MG", messagingServiceSID); err != nil {
		return MessagingConfiguration{}, err
	}
	cc, err := NormalizeConfigCountry(country)
	if err != nil {
		return MessagingConfiguration{}, err
	}
	p := (&verify.UpdateMessagingConfigurationParams{}).SetMessagingServiceSid(messagingServiceSID)
	return mutate(ctx, c, audited{action: ActionMsgConfigUpdate, service: serviceSID, sid: cc}, func(cl *call) (MessagingConfiguration, error) {
		m, err := cl.verifyAPI().UpdateMessagingConfiguration(serviceSID, cc, p)
		if err != nil {
			return MessagingConfiguration{}, err
		}
		return msgConfigFrom(m), nil
	})
}

// DeleteMessagingConfiguration deletes a service's configuration for
// country: its SMS there go out through the "all" one, or Twilio's senders.
func (c *Client) DeleteMessagingConfiguration(ctx context.Context, serviceSID, country string) error {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return err
	}
	cc, err := NormalizeConfigCountry(country)
	if err != nil {
		return err
	}
	_, err = mutate(ctx, c, audited{action: ActionMsgConfigDelete, service: serviceSID, sid: cc}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteMessagingConfiguration(serviceSID, cc)
	})
	return err
}
