package sandbox

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Webhook event types: the Verify Push/TOTP events a webhook subscribes
// to ("*" is all of them), as the spec lists them.
const (
	eventAll               = "*"
	eventFactorCreated     = "factor.created"
	eventFactorVerified    = "factor.verified"
	eventFactorDeleted     = "factor.deleted"
	eventChallengeApproved = "challenge.approved"
	eventChallengeDenied   = "challenge.denied"
)

// webhookEventTypes are the values EventTypes accepts.
var webhookEventTypes = []string{eventAll, eventFactorCreated, eventFactorVerified, eventFactorDeleted, eventChallengeApproved, eventChallengeDenied}

// Limits Twilio does not document; the sandbox's are these (unverified).
const (
	maxWebhooksPerService = 20
	maxWebhookNameLength  = 64
	maxWebhookURLLength   = 2048
	webhookStatusEnabled  = "enabled"
	webhookStatusDisabled = "disabled"
	defaultWebhookVersion = "v2" // the spec: "Default value is v2"
	webhookMethod         = "POST"
)

// webhook is a stored service webhook.
type webhook struct {
	SID          string    `json:"sid"`
	ServiceSID   string    `json:"service_sid"`
	Seq          int64     `json:"seq"`
	FriendlyName string    `json:"friendly_name"`
	EventTypes   []string  `json:"event_types"`
	URL          string    `json:"webhook_url"`
	Status       string    `json:"status"`
	Version      string    `json:"version"`
	DateCreated  time.Time `json:"date_created"`
	DateUpdated  time.Time `json:"date_updated"`
}

func (wh *webhook) sequence() int64 { return wh.Seq }

// wants reports whether the webhook is enabled and subscribed to event.
func (wh *webhook) wants(event string) bool {
	return wh.Status == webhookStatusEnabled && (slices.Contains(wh.EventTypes, eventAll) || slices.Contains(wh.EventTypes, event))
}

// webhookJSON is the wire shape of a webhook (VerifyV2Webhook), in the
// order of the spec's example.
type webhookJSON struct {
	URL           string   `json:"url"`
	SID           string   `json:"sid"`
	AccountSID    string   `json:"account_sid"`
	ServiceSID    string   `json:"service_sid"`
	FriendlyName  string   `json:"friendly_name"`
	EventTypes    []string `json:"event_types"`
	WebhookMethod string   `json:"webhook_method"`
	WebhookURL    string   `json:"webhook_url"`
	Status        string   `json:"status"`
	Version       string   `json:"version"`
	DateCreated   string   `json:"date_created"`
	DateUpdated   string   `json:"date_updated"`
}

func (s *Sandbox) renderWebhook(base string, wh *webhook) webhookJSON {
	return webhookJSON{
		URL: webhooksURL(base, wh.ServiceSID) + "/" + wh.SID, SID: wh.SID, AccountSID: s.st.AccountSID, ServiceSID: wh.ServiceSID,
		FriendlyName: wh.FriendlyName, EventTypes: wh.EventTypes, WebhookMethod: webhookMethod, WebhookURL: wh.URL,
		Status: wh.Status, Version: wh.Version, DateCreated: rfc3339(wh.DateCreated), DateUpdated: rfc3339(wh.DateUpdated),
	}
}

func webhooksURL(base, serviceSID string) string {
	return base + "/Services/" + serviceSID + "/Webhooks"
}

// routeWebhooks answers /v2/Services/{VA}/Webhooks[/{YW}] (segs without
// "v2"; the service SID is well-formed); base is the answer's URL base.
func (s *Sandbox) routeWebhooks(w http.ResponseWriter, m, base string, segs []string, f form) {
	switch {
	case len(segs) == 3:
		dispatch(w, m, func() { s.listWebhooks(w, base, segs[1], f) }, func() { s.createWebhook(w, base, segs[1], f) }, nil)
	case len(segs) == 4 && validSID(segs[3], "YW"):
		dispatch(w, m, func() { s.fetchWebhook(w, base, segs[1], segs[3]) },
			func() { s.updateWebhook(w, base, segs[1], segs[3], f) }, func() { s.deleteWebhook(w, segs[1], segs[3]) })
	default:
		writeError(w, errNotFound("/"+strings.Join(segs, "/")))
	}
}

// errWebhookParam is the refusal of a webhook parameter (60200, like the
// other Verify parameters; Twilio does not document a webhook-specific
// code).
func errWebhookParam(param, why string) *apiError {
	msg := "Invalid parameter: " + param
	if why != "" {
		msg += " (" + why + ")"
	}
	return errf(http.StatusBadRequest, 60200, msg)
}

// webhookURLProblem says what is wrong with a webhook or event sink URL,
// or "" when the sandbox accepts it: absolute, https — or http only to a
// loopback host (localhost, 127.0.0.0/8, ::1), so a local receiver needs
// no certificate — and without user info (credentials would end up in
// logs).
func webhookURLProblem(raw string) string {
	if raw == "" {
		return "required"
	}
	if len(raw) > maxWebhookURLLength {
		return "longer than 2048 characters"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "not an absolute URL"
	}
	if u.User != nil {
		return "must not contain a user name or password"
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return ""
		}
		return "must be https (http is accepted only for localhost)"
	}
	return "must be https"
}

// isLoopbackHost reports whether host names this machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// applyWebhookForm validates Create/UpdateWebhook parameters into next;
// create requires FriendlyName, EventTypes and WebhookUrl.
func applyWebhookForm(next *webhook, f form, create bool) *apiError {
	if v, ok := f.get("FriendlyName"); ok || create {
		v = strings.TrimSpace(v)
		if v == "" || len([]rune(v)) > maxWebhookNameLength {
			return errWebhookParam("FriendlyName", "1 to 64 characters")
		}
		next.FriendlyName = v
	}
	if types, ok := f["EventTypes"]; ok || create {
		var out []string
		for _, t := range types {
			if !slices.Contains(webhookEventTypes, t) {
				return errWebhookParam("EventTypes", "one of "+strings.Join(webhookEventTypes, ", "))
			}
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
		if len(out) == 0 {
			return errWebhookParam("EventTypes", "required")
		}
		next.EventTypes = out
	}
	if v, ok := f.get("WebhookUrl"); ok || create {
		if why := webhookURLProblem(v); why != "" {
			return errWebhookParam("WebhookUrl", why)
		}
		next.URL = v
	}
	if v, ok := f.get("Status"); ok {
		if v != webhookStatusEnabled && v != webhookStatusDisabled {
			return errWebhookParam("Status", "enabled or disabled")
		}
		next.Status = v
	}
	if v, ok := f.get("Version"); ok {
		if v != "v1" && v != "v2" {
			return errWebhookParam("Version", "v1 or v2")
		}
		next.Version = v
	}
	return nil
}

// serviceWebhooks are a service's webhooks in creation order; the caller
// holds s.mu.
func (s *Sandbox) serviceWebhooks(serviceSID string) []*webhook {
	return creationOrder(s.st.Webhooks, func(wh *webhook) bool { return wh.ServiceSID == serviceSID })
}

// lookupWebhook finds a service's webhook; the caller holds s.mu.
func (s *Sandbox) lookupWebhook(serviceSID, sid string) (*webhook, *apiError) {
	if _, err := s.service(serviceSID); err != nil {
		return nil, err
	}
	wh := s.st.Webhooks[sid]
	if wh == nil || wh.ServiceSID != serviceSID {
		return nil, errNotFound("/Services/" + serviceSID + "/Webhooks/" + sid)
	}
	return wh, nil
}

func (s *Sandbox) createWebhook(w http.ResponseWriter, base, serviceSID string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		if _, err := s.service(serviceSID); err != nil {
			return 0, nil, err
		}
		wh := &webhook{ServiceSID: serviceSID, Status: webhookStatusEnabled, Version: defaultWebhookVersion}
		if err := applyWebhookForm(wh, f, true); err != nil {
			return 0, nil, err
		}
		if len(s.serviceWebhooks(serviceSID)) >= maxWebhooksPerService {
			return 0, nil, errWebhookParam("Webhooks", "a service has at most 20 webhooks")
		}
		wh.SID, wh.Seq, wh.DateCreated, wh.DateUpdated = newSID("YW"), s.st.nextSeq(), now, now
		s.st.Webhooks[wh.SID] = wh
		return http.StatusCreated, s.renderWebhook(base, wh), nil
	})
}

func (s *Sandbox) fetchWebhook(w http.ResponseWriter, base, serviceSID, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		wh, err := s.lookupWebhook(serviceSID, sid)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.renderWebhook(base, wh), nil
	})
}

// updateWebhook changes any of the create parameters; nothing changes
// when one of them is invalid.
func (s *Sandbox) updateWebhook(w http.ResponseWriter, base, serviceSID, sid string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		wh, err := s.lookupWebhook(serviceSID, sid)
		if err != nil {
			return 0, nil, err
		}
		next := *wh
		if err := applyWebhookForm(&next, f, false); err != nil {
			return 0, nil, err
		}
		next.DateUpdated = now
		*wh = next
		return http.StatusOK, s.renderWebhook(base, wh), nil
	})
}

func (s *Sandbox) deleteWebhook(w http.ResponseWriter, serviceSID, sid string) {
	s.serveLocked(w, true, func(time.Time) (int, any, *apiError) {
		if _, err := s.lookupWebhook(serviceSID, sid); err != nil {
			return 0, nil, err
		}
		delete(s.st.Webhooks, sid)
		return http.StatusNoContent, nil, nil
	})
}

// listWebhooks answers one page of a service's webhooks in creation order.
func (s *Sandbox) listWebhooks(w http.ResponseWriter, base, serviceSID string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		if _, err := s.service(serviceSID); err != nil {
			return 0, nil, err
		}
		return http.StatusOK, listPage(pg, "webhooks", webhooksURL(base, serviceSID), s.serviceWebhooks(serviceSID),
			func(wh *webhook) webhookJSON { return s.renderWebhook(base, wh) }), nil
	})
}

// deleteServiceIntegrations drops a deleted service's webhooks and
// messaging configurations; the caller holds s.mu.
func (s *Sandbox) deleteServiceIntegrations(serviceSID string) {
	for sid, wh := range s.st.Webhooks {
		if wh.ServiceSID == serviceSID {
			delete(s.st.Webhooks, sid)
		}
	}
	for key, mc := range s.st.MessagingConfigs {
		if mc.ServiceSID == serviceSID {
			delete(s.st.MessagingConfigs, key)
		}
	}
}
