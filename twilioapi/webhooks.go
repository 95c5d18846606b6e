package twilioapi

import (
	"context"
	"net"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// MaxWebhookNameLength is the longest webhook friendly name the client
// sends (Twilio does not document one; the sandbox takes 64).
const MaxWebhookNameLength = 64

// ValidateWebhookURL checks where a webhook POSTs: an absolute https URL
// (http only to localhost or a loopback address, for a local receiver),
// without a user name or password in it.
func ValidateWebhookURL(raw string) error {
	if raw == "" {
		return invalid("Webhook URL", "Webhook URL is required.")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return invalid("Webhook URL", "%q is not an absolute URL such as https://example.com/verify-events.", raw)
	}
	if u.User != nil {
		return invalid("Webhook URL", "The webhook URL must not contain a user name or password.")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if ip := net.ParseIP(host); strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback() {
			return nil
		}
		return invalid("Webhook URL", "The webhook URL must use https (http is accepted only for localhost).")
	}
	return invalid("Webhook URL", "The webhook URL must use https.")
}

// ValidateWebhookEvents checks a webhook's event types: at least one, each
// one of WebhookEvents.
func ValidateWebhookEvents(events []WebhookEvent) error {
	if len(events) == 0 {
		return invalid("Event types", "Pick at least one event type (* for all).")
	}
	for _, e := range events {
		if !slices.Contains(WebhookEvents(), e) {
			return invalid("Event types", "%q is not a Verify webhook event; use *, factor.created, factor.verified, "+
				"factor.deleted, challenge.approved or challenge.denied.", string(e))
		}
	}
	return nil
}

// ValidateWebhookName checks a webhook's friendly name (1–64 printable
// characters; no personal data).
func ValidateWebhookName(s string) error {
	if strings.TrimSpace(s) == "" {
		return invalid("Friendly name", "Friendly name is required.")
	}
	if n := utf8.RuneCountInString(s); n > MaxWebhookNameLength {
		return invalid("Friendly name", "Friendly name is %d characters; the limit is %d.", n, MaxWebhookNameLength)
	}
	return printable("Friendly name", s)
}

// validateWebhookEnums checks a status and a version ("" allowed).
func validateWebhookEnums(status, version string) error {
	if status != "" && status != WebhookEnabled && status != WebhookDisabled {
		return invalid("Status", "Status is enabled or disabled (got %q).", status)
	}
	if version != "" && version != WebhookV1 && version != WebhookV2 {
		return invalid("Version", "Version is v1 or v2 (got %q).", version)
	}
	return nil
}

func eventStrings(events []WebhookEvent) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = string(e)
	}
	return out
}

func webhookFrom(w *verify.VerifyV2Webhook) Webhook {
	out := Webhook{
		SID: str(w.Sid), ServiceSID: str(w.ServiceSid), AccountSID: str(w.AccountSid), FriendlyName: str(w.FriendlyName),
		Status: str(w.Status), Version: str(w.Version), URL: str(w.WebhookUrl), Method: str(w.WebhookMethod),
		DateCreated: tm(w.DateCreated), DateUpdated: tm(w.DateUpdated), ResourceURL: str(w.Url),
	}
	if w.EventTypes != nil {
		for _, e := range *w.EventTypes {
			out.EventTypes = append(out.EventTypes, WebhookEvent(e))
		}
	}
	return out
}

// CreateWebhook adds a webhook to a service.
func (c *Client) CreateWebhook(ctx context.Context, serviceSID string, p WebhookParams) (Webhook, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return Webhook{}, err
	}
	if err := ValidateWebhookName(p.FriendlyName); err != nil {
		return Webhook{}, err
	}
	if err := ValidateWebhookEvents(p.EventTypes); err != nil {
		return Webhook{}, err
	}
	if err := ValidateWebhookURL(p.URL); err != nil {
		return Webhook{}, err
	}
	if err := validateWebhookEnums(p.Status, p.Version); err != nil {
		return Webhook{}, err
	}
	params := (&verify.CreateWebhookParams{}).SetFriendlyName(p.FriendlyName).SetEventTypes(eventStrings(p.EventTypes)).SetWebhookUrl(p.URL)
	if p.Status != "" {
		params.SetStatus(p.Status)
	}
	if p.Version != "" {
		params.SetVersion(p.Version)
	}
	return mutate(ctx, c, audited{action: ActionWebhookCreate, service: serviceSID}, func(cl *call) (Webhook, error) {
		w, err := cl.verifyAPI().CreateWebhook(serviceSID, params)
		if err != nil {
			return Webhook{}, err
		}
		return webhookFrom(w), nil
	})
}

// ListWebhooksPage returns one page of a service's webhooks.
func (c *Client) ListWebhooksPage(ctx context.Context, serviceSID string, pageSize int, pageToken string) (WebhookPage, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return WebhookPage{}, err
	}
	page, token, err := pageRequest(pageSize, pageToken)
	if err != nil {
		return WebhookPage{}, err
	}
	return run(ctx, c, func(cl *call) (WebhookPage, error) {
		r, err := cl.verifyAPI().PageWebhook(serviceSID, (&verify.ListWebhookParams{}).SetPageSize(pageSize), token, page)
		if err != nil {
			return WebhookPage{}, err
		}
		out := WebhookPage{Webhooks: make([]Webhook, 0, len(r.Webhooks)), NextPageToken: encodePageToken(r.Meta.NextPageUrl)}
		for i := range r.Webhooks {
			out.Webhooks = append(out.Webhooks, webhookFrom(&r.Webhooks[i]))
		}
		return out, nil
	})
}

// FetchWebhook returns one webhook.
func (c *Client) FetchWebhook(ctx context.Context, serviceSID, sid string) (Webhook, error) {
	if err := validateSIDs("VA", serviceSID, "YW", sid); err != nil {
		return Webhook{}, err
	}
	return run(ctx, c, func(cl *call) (Webhook, error) {
		w, err := cl.verifyAPI().FetchWebhook(serviceSID, sid)
		if err != nil {
			return Webhook{}, err
		}
		return webhookFrom(w), nil
	})
}

// UpdateWebhook changes the non-nil fields of a webhook (e.g. Status to
// enable or disable it).
func (c *Client) UpdateWebhook(ctx context.Context, serviceSID, sid string, u WebhookUpdate) (Webhook, error) {
	if err := validateSIDs("VA", serviceSID, "YW", sid); err != nil {
		return Webhook{}, err
	}
	p := &verify.UpdateWebhookParams{}
	if u.FriendlyName != nil {
		if err := ValidateWebhookName(*u.FriendlyName); err != nil {
			return Webhook{}, err
		}
		p.SetFriendlyName(*u.FriendlyName)
	}
	if u.EventTypes != nil {
		if err := ValidateWebhookEvents(*u.EventTypes); err != nil {
			return Webhook{}, err
		}
		p.SetEventTypes(eventStrings(*u.EventTypes))
	}
	if u.URL != nil {
		if err := ValidateWebhookURL(*u.URL); err != nil {
			return Webhook{}, err
		}
		p.SetWebhookUrl(*u.URL)
	}
	var status, version string
	if u.Status != nil {
		status = *u.Status
		if status == "" {
			return Webhook{}, invalid("Status", "Status is enabled or disabled.")
		}
		p.SetStatus(status)
	}
	if u.Version != nil {
		version = *u.Version
		if version == "" {
			return Webhook{}, invalid("Version", "Version is v1 or v2.")
		}
		p.SetVersion(version)
	}
	if err := validateWebhookEnums(status, version); err != nil {
		return Webhook{}, err
	}
	if u == (WebhookUpdate{}) {
		return Webhook{}, invalid("Friendly name", "Nothing to change.")
	}
	return mutate(ctx, c, audited{action: ActionWebhookUpdate, service: serviceSID, sid: sid}, func(cl *call) (Webhook, error) {
		w, err := cl.verifyAPI().UpdateWebhook(serviceSID, sid, p)
		if err != nil {
			return Webhook{}, err
		}
		return webhookFrom(w), nil
	})
}

// DeleteWebhook deletes a webhook.
func (c *Client) DeleteWebhook(ctx context.Context, serviceSID, sid string) error {
	if err := validateSIDs("VA", serviceSID, "YW", sid); err != nil {
		return err
	}
	_, err := mutate(ctx, c, audited{action: ActionWebhookDelete, service: serviceSID, sid: sid}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteWebhook(serviceSID, sid)
	})
	return err
}

// describe gives the audit record the webhook's SID.
func (w Webhook) describe(ev *AuditEvent) { ev.SID = w.SID }
