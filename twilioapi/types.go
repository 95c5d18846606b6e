package twilioapi

import "time"

// Service is a Verify v2 service with every setting the API returns.
type Service struct {
	SID                            string
	AccountSID                     string
	FriendlyName                   string
	CodeLength                     int
	LookupEnabled                  bool
	SkipSMSToLandlines             bool
	DTMFInputRequired              bool
	TTSName                        string
	PSD2Enabled                    bool
	DoNotShareWarningEnabled       bool
	CustomCodeEnabled              bool
	DefaultTemplateSID             string
	VerifyEventSubscriptionEnabled bool
	Push                           PushSettings
	TOTP                           TOTPSettings
	WhatsApp                       WhatsAppSettings
	Passkeys                       PasskeysSettings
	DateCreated                    time.Time
	DateUpdated                    time.Time
	URL                            string
}

// PushSettings are a service's Verify Push settings.
type PushSettings struct {
	IncludeDate      bool
	APNCredentialSID string
	FCMCredentialSID string
}

// TOTPSettings are a service's TOTP defaults.
type TOTPSettings struct {
	Issuer     string
	TimeStep   int
	CodeLength int
	Skew       int
}

// WhatsAppSettings name the sender a service uses for the whatsapp channel.
type WhatsAppSettings struct {
	MsgServiceSID string
	From          string
}

// ServiceSettings are the writable settings of a service. A nil field is
// not sent, so an update leaves that setting as it is.
type ServiceSettings struct {
	FriendlyName                   *string
	CodeLength                     *int
	LookupEnabled                  *bool
	SkipSMSToLandlines             *bool
	DTMFInputRequired              *bool
	TTSName                        *string
	PSD2Enabled                    *bool
	DoNotShareWarningEnabled       *bool
	CustomCodeEnabled              *bool
	DefaultTemplateSID             *string
	VerifyEventSubscriptionEnabled *bool
	PushIncludeDate                *bool
	PushAPNCredentialSID           *string
	PushFCMCredentialSID           *string
	TOTPIssuer                     *string
	TOTPTimeStep                   *int
	TOTPCodeLength                 *int
	TOTPSkew                       *int
	WhatsAppMsgServiceSID          *string
	WhatsAppFrom                   *string
	// Passkeys: an empty string clears a setting. Origins are
	// comma-separated, as Twilio takes them.
	PasskeysRelyingPartyID          *string
	PasskeysRelyingPartyName        *string
	PasskeysOrigins                 *string
	PasskeysAuthenticatorAttachment *string
	PasskeysDiscoverableCredentials *string
	PasskeysUserVerification        *string
}

// ServicePage is one page of services. NextPageToken is opaque; pass it back
// to ListServicesPage to get the next page. It is empty on the last page.
type ServicePage struct {
	Services      []Service
	NextPageToken string
}

// Channel is a Verify delivery channel.
type Channel string

// The channels Verify accepts on a verification start.
const (
	ChannelSMS      Channel = "sms"
	ChannelCall     Channel = "call"
	ChannelEmail    Channel = "email"
	ChannelWhatsApp Channel = "whatsapp"
	ChannelSNA      Channel = "sna"
	ChannelAuto     Channel = "auto"
)

// Status is the status of a verification.
type Status string

// The statuses a verification can have.
const (
	StatusPending            Status = "pending"
	StatusApproved           Status = "approved"
	StatusCanceled           Status = "canceled"
	StatusExpired            Status = "expired"
	StatusMaxAttemptsReached Status = "max_attempts_reached"
	StatusDeleted            Status = "deleted"
	StatusFailed             Status = "failed"
)

// SendAttempt is one delivery of a verification, as listed in
// send_code_attempts.
type SendAttempt struct {
	AttemptSID string
	Channel    Channel
	Time       time.Time
}

// Verification is a Verify v2 verification.
type Verification struct {
	SID              string
	ServiceSID       string
	AccountSID       string
	To               string
	Channel          Channel
	Status           Status
	Valid            bool
	Amount           string
	Payee            string
	SendCodeAttempts []SendAttempt
	// Carrier is the lookup block Verify returns (carrier name, type), when
	// the service has lookup enabled; zero otherwise.
	Carrier     CarrierInfo
	SNAURL      string
	DateCreated time.Time
	DateUpdated time.Time
	URL         string
}

// CarrierInfo is what a lookup knows about a number's carrier.
type CarrierInfo struct {
	Name              string
	Type              string // mobile, landline, voip, fixedVoip, nonFixedVoip, ...
	MobileCountryCode string
	MobileNetworkCode string
	ErrorCode         int
}

// StartParams are the parameters of a verification start. Only ServiceSID,
// To and Channel are required; empty fields are not sent.
type StartParams struct {
	ServiceSID           string
	To                   string
	Channel              Channel
	CustomFriendlyName   string
	CustomMessage        string
	SendDigits           string
	Locale               string
	CustomCode           string
	Amount               string
	Payee                string
	RateLimits           map[string]any
	ChannelConfiguration map[string]any
	AppHash              string
	TemplateSID          string
	DeviceIP             string
	EnableSNAClientToken bool
	// RiskCheck is "enable", "disable" or empty (the service default).
	RiskCheck string
	// Tags are sent as one JSON object.
	Tags map[string]string
}

// CheckParams are the parameters of a verification check. Exactly one of To
// or VerificationSID identifies the verification; Code is empty for SNA.
type CheckParams struct {
	ServiceSID      string
	To              string
	VerificationSID string
	Code            string
	Amount          string
	Payee           string
	SNAClientToken  string
}

// CheckResult is the answer to a verification check.
type CheckResult struct {
	SID        string
	ServiceSID string
	AccountSID string
	To         string
	Channel    Channel
	Status     Status
	Valid      bool
	Amount     string
	Payee      string
	// SNAAttemptErrorCodes lists SNA failures (605xx); nil when the
	// verification's last channel was not SNA.
	SNAAttemptErrorCodes []SNAAttemptError
	DateCreated          time.Time
	DateUpdated          time.Time
}

// SNAAttemptError is one entry of sna_attempts_error_codes.
type SNAAttemptError struct {
	AttemptSID string
	Code       int
}

// PhoneInfo is a Lookup v2 answer with line type intelligence and SMS
// pumping risk.
type PhoneInfo struct {
	PhoneNumber        string
	NationalFormat     string
	CountryCode        string
	CallingCountryCode string
	Valid              bool
	ValidationErrors   []string
	LineType           CarrierInfo
	SMSPumpingRisk     SMSPumpingRisk
}

// SMSPumpingRisk is Lookup's sms_pumping_risk package.
type SMSPumpingRisk struct {
	Score               int
	CarrierRiskCategory string
	NumberBlocked       bool
	ErrorCode           int
}

// OutboxMessage is a message the sandbox "delivered". Only a client pointed
// at a sandbox can read them.
type OutboxMessage struct {
	SID             string
	To              string
	Channel         Channel
	Body            string
	Code            string
	VerificationSID string
	DateCreated     time.Time
	// From is the sender: the Messaging Service (MG…) of the service's
	// messaging configuration for the country, the WhatsApp sender, or ""
	// for Twilio's own senders.
	From string
}
