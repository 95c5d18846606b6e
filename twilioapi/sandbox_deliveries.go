package twilioapi

import (
	"context"
	"net/http"
	"time"
)

// deliveriesPath is the sandbox's webhook delivery log (not part of
// Twilio's API).
const deliveriesPath = "/sandbox/v1/WebhookDeliveries"

// deliveriesJSON is the wire shape of GET /sandbox/v1/WebhookDeliveries.
type deliveriesJSON struct {
	Deliveries []struct {
		DateCreated string  `json:"date_created"`
		Target      string  `json:"target"`
		WebhookSID  *string `json:"webhook_sid"`
		EventType   string  `json:"event_type"`
		URL         string  `json:"url"`
		Attempt     int     `json:"attempt"`
		StatusCode  *int    `json:"status_code"`
		DurationMS  int64   `json:"duration_ms"`
		Error       *string `json:"error"`
	} `json:"deliveries"`
}

// SandboxWebhookDeliveries lists a sandbox's webhook and event sink
// deliveries, every attempt, newest first. It fails on a client not
// pointed at a sandbox.
func (c *Client) SandboxWebhookDeliveries(ctx context.Context) ([]WebhookDelivery, error) {
	if c.base == nil {
		return nil, errNoSandbox("The webhook delivery log")
	}
	return run(ctx, c, func(cl *call) ([]WebhookDelivery, error) {
		var body deliveriesJSON
		if err := c.sandboxRequest(cl, http.MethodGet, deliveriesPath, nil, &body); err != nil {
			return nil, err
		}
		out := make([]WebhookDelivery, 0, len(body.Deliveries))
		for _, d := range body.Deliveries {
			out = append(out, WebhookDelivery{
				Time: parseTime(d.DateCreated), Target: d.Target, WebhookSID: str(d.WebhookSID), Event: d.EventType, URL: d.URL,
				Attempt: d.Attempt, StatusCode: intOr0(d.StatusCode), Duration: time.Duration(d.DurationMS) * time.Millisecond,
				Error: str(d.Error),
			})
		}
		return out, nil
	})
}

func intOr0(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
