package twilioapi

import "time"

// WebhookEvent is a Verify Push/TOTP event a webhook subscribes to.
type WebhookEvent string

// The event types Verify webhooks accept (WebhookEventAll is every one).
const (
	WebhookEventAll               WebhookEvent = "*"
	WebhookEventFactorCreated     WebhookEvent = "factor.created"
	WebhookEventFactorVerified    WebhookEvent = "factor.verified"
	WebhookEventFactorDeleted     WebhookEvent = "factor.deleted"
	WebhookEventChallengeApproved WebhookEvent = "challenge.approved"
	WebhookEventChallengeDenied   WebhookEvent = "challenge.denied"
)

// WebhookEvents lists the event types in the order Twilio documents them.
func WebhookEvents() []WebhookEvent {
	return []WebhookEvent{WebhookEventAll, WebhookEventFactorCreated, WebhookEventFactorVerified, WebhookEventFactorDeleted,
		WebhookEventChallengeApproved, WebhookEventChallengeDenied}
}

// Webhook statuses and versions.
const (
	WebhookEnabled  = "enabled"
	WebhookDisabled = "disabled"
	WebhookV1       = "v1"
	WebhookV2       = "v2"
)

// Webhook is a service's webhook: Twilio POSTs the subscribed Push/TOTP
// events to URL, signed with X-Twilio-Signature.
type Webhook struct {
	SID          string
	ServiceSID   string
	AccountSID   string
	FriendlyName string
	EventTypes   []WebhookEvent
	Status       string // enabled or disabled
	Version      string // v1 or v2
	URL          string // where events are POSTed (webhook_url)
	Method       string // always POST for Verify
	DateCreated  time.Time
	DateUpdated  time.Time
	ResourceURL  string // the webhook resource's own URL
}

// Enabled reports whether the webhook receives events.
func (w Webhook) Enabled() bool { return w.Status == WebhookEnabled }

// WebhookParams create a webhook. Status and Version may be empty (Twilio's
// defaults: enabled, v2).
type WebhookParams struct {
	FriendlyName string
	EventTypes   []WebhookEvent
	URL          string
	Status       string
	Version      string
}

// WebhookUpdate changes the non-nil fields of a webhook.
type WebhookUpdate struct {
	FriendlyName *string
	EventTypes   *[]WebhookEvent
	URL          *string
	Status       *string
	Version      *string
}

// WebhookPage is one page of a service's webhooks. NextPageToken is empty
// on the last page.
type WebhookPage struct {
	Webhooks      []Webhook
	NextPageToken string
}

// CountryAll is the Country of a service's global messaging configuration.
const CountryAll = "all"

// MessagingConfiguration routes a service's SMS to Country ("all" for
// every country without its own) through a Messaging Service.
type MessagingConfiguration struct {
	ServiceSID          string
	AccountSID          string
	Country             string
	MessagingServiceSID string
	DateCreated         time.Time
	DateUpdated         time.Time
	URL                 string
}

// MessagingConfigurationPage is one page of a service's messaging
// configurations.
type MessagingConfigurationPage struct {
	Configurations []MessagingConfiguration
	NextPageToken  string
}

// Template is an account's verification template: an approved message
// text in one or more locales.
type Template struct {
	SID          string
	AccountSID   string
	FriendlyName string
	Channels     []string // sms, voice
	// Translations are sorted by locale, the default one first.
	Translations []TemplateTranslation
}

// TemplateTranslation is a template's text in one locale.
type TemplateTranslation struct {
	Locale    string
	Text      string // with {{friendly_name}} and {{code}}
	Status    string // approved, …
	IsDefault bool
}

// TemplatePage is one page of the account's templates.
type TemplatePage struct {
	Templates     []Template
	NextPageToken string
}

// WebhookDelivery is one attempt of a sandbox to deliver a webhook or
// Event Streams event (the sandbox's delivery log; Twilio has no API for
// it).
type WebhookDelivery struct {
	Time       time.Time
	Target     string // "webhook" or "event_sink"
	WebhookSID string // "" for an event sink
	Event      string
	URL        string
	Attempt    int
	StatusCode int // 0 when no answer came
	Duration   time.Duration
	Error      string // "" when delivered
}

// PasskeysSettings are a service's Passkeys (WebAuthn) settings.
type PasskeysSettings struct {
	RelyingPartyID          string // the domain, e.g. example.com
	RelyingPartyName        string // shown by authenticators
	Origins                 string // allowed origins, comma-separated: https://login.example.com,https://example.com
	AuthenticatorAttachment string // "", platform, cross-platform, any
	DiscoverableCredentials string // "", required, preferred, discouraged
	UserVerification        string // "", required, preferred, discouraged
}
