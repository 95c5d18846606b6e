package twilioapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/twilio/twilio-go/client"
)

// outboxPath is the sandbox's outbox endpoint (not part of Twilio's API).
const outboxPath = "/sandbox/v1/Messages"

// outboxJSON is the wire shape of GET /sandbox/v1/Messages.
type outboxJSON struct {
	Messages []struct {
		SID             string `json:"sid"`
		To              string `json:"to"`
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
		return nil, invalid("Base URL", "The outbox exists only in the sandbox; this client talks to Twilio.")
	}
	if to != "" {
		var err error
		if to, err = c.phones.normalize(to, isEmailInput(to)); err != nil {
			return nil, err
		}
	}
	u := strings.TrimRight(c.base.String(), "/") + outboxPath
	if to != "" {
		u += "?" + url.Values{"To": {to}}.Encode()
	}
	return run(ctx, c, func(cl *call) ([]OutboxMessage, error) {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		req.SetBasicAuth(c.creds.Username, c.creds.Password)
		req.Header.Set("Accept", "application/json")
		resp, err := cl.hc.Do(req)
		if err != nil {
			return nil, err
		}
		// The per-call transport has already read and closed the body.
		dec := json.NewDecoder(resp.Body)
		if resp.StatusCode >= 400 {
			// Twilio's error body, as twilio-go reads it for the API
			// calls: run's classify turns it into the *Error.
			var e client.TwilioRestError
			if derr := dec.Decode(&e); derr != nil || e.Code == 0 && e.Message == "" {
				return nil, errNotJSON
			}
			e.Status = resp.StatusCode
			return nil, &e
		}
		var body outboxJSON
		if err := dec.Decode(&body); err != nil {
			return nil, err
		}
		out := make([]OutboxMessage, 0, len(body.Messages))
		for _, m := range body.Messages {
			out = append(out, OutboxMessage{
				SID: m.SID, To: m.To, Channel: channel(m.Channel), Body: m.Body, Code: m.Code,
				VerificationSID: m.VerificationSID, DateCreated: parseTime(m.DateCreated),
			})
		}
		return out, nil
	})
}
