package twilioapi

import (
	"context"
	"net/http"
	"net/url"
)

// outboxPath is the sandbox's outbox endpoint (not part of Twilio's API).
const outboxPath = "/sandbox/v1/Messages"

// outboxJSON is the wire shape of GET /sandbox/v1/Messages.
type outboxJSON struct {
	Messages []struct {
		SID             string `json:"sid"`
		To              string `json:"to"`
		From            string `json:"from"`
		Channel         string `json:"channel"`
		Body            string `json:"body"`
		Code            string `json:"code"`
		VerificationSID string `json:"verification_sid"`
		DateCreated     string `json:"date_created"`
	} `json:"messages"`
}

// Outbox lists what a sandbox delivered to `to` (all recipients when empty),
// newest first. It fails on a client not pointed at a sandbox.
func (c *Client) Outbox(ctx context.Context, to string) ([]OutboxMessage, error) {
	if c.base == nil {
		return nil, errNoSandbox("The outbox")
	}
	if to != "" {
		var err error
		if to, err = c.phones.normalize(to, isEmailInput(to)); err != nil {
			return nil, err
		}
	}
	path := outboxPath
	if to != "" {
		path += "?" + url.Values{"To": {to}}.Encode()
	}
	return run(ctx, c, func(cl *call) ([]OutboxMessage, error) {
		var body outboxJSON
		if err := c.sandboxRequest(cl, http.MethodGet, path, nil, &body); err != nil {
			return nil, err
		}
		out := make([]OutboxMessage, 0, len(body.Messages))
		for _, m := range body.Messages {
			out = append(out, OutboxMessage{
				SID: m.SID, To: m.To, Channel: channel(m.Channel), Body: m.Body, Code: m.Code,
				VerificationSID: m.VerificationSID, DateCreated: parseTime(m.DateCreated), From: m.From,
			})
		}
		return out, nil
	})
}
