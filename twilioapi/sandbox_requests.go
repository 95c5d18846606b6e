package twilioapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/twilio/twilio-go/client"
)

// sandboxRequest makes one request to a sandbox-only route (/sandbox/v1/…,
// not part of Twilio's API, so twilio-go has no method for it) on the
// call's stack, and decodes the JSON answer into out. A failure answer is
// decoded as Twilio's error body, which run's classify turns into the
// *Error as for the API calls.
func (c *Client) sandboxRequest(cl *call, method, path string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, strings.TrimRight(c.base.String(), "/")+path, rd)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.creds.Username, c.creds.Password)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := cl.hc.Do(req)
	if err != nil {
		return err
	}
	// The per-call transport has already read and closed the body.
	dec := json.NewDecoder(resp.Body)
	if resp.StatusCode >= 400 {
		var e client.TwilioRestError
		if derr := dec.Decode(&e); derr != nil || e.Code == 0 && e.Message == "" {
			return errNotJSON
		}
		e.Status = resp.StatusCode
		return &e
	}
	return dec.Decode(out)
}

// errNoSandbox is the refusal of a sandbox-only call on a client that
// talks to Twilio.
func errNoSandbox(what string) error {
	return invalid("Base URL", "%s exists only in the sandbox; this client talks to Twilio.", what)
}
