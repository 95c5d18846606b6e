package twilioapi

import "time"

// SafeListEntry is a number on the account's Safe List: Fraud Guard and Geo
// Permissions never block it.
type SafeListEntry struct {
	SID         string
	PhoneNumber string
	URL         string
}

// RateLimit is a Service Rate Limit: the key (UniqueName) a verification
// start may carry in StartParams.RateLimits, with buckets that limit how
// often each distinct value of it may start a verification.
type RateLimit struct {
	SID         string
	ServiceSID  string
	AccountSID  string
	UniqueName  string
	Description string
	DateCreated time.Time
	DateUpdated time.Time
	URL         string
}

// RateLimitPage is one page of a service's rate limits. NextPageToken is
// empty on the last page.
type RateLimitPage struct {
	RateLimits    []RateLimit
	NextPageToken string
}

// Bucket allows at most Max starts per Interval seconds for each value of
// its rate limit's key; more answer 429/20429.
type Bucket struct {
	SID          string
	RateLimitSID string
	ServiceSID   string
	AccountSID   string
	Max          int
	Interval     int // seconds
	DateCreated  time.Time
	DateUpdated  time.Time
	URL          string
}

// BucketPage is one page of a rate limit's buckets.
type BucketPage struct {
	Buckets       []Bucket
	NextPageToken string
}

// BucketUpdate changes a bucket; a nil field is left as it is.
type BucketUpdate struct {
	Max      *int
	Interval *int
}

// ConversionStatus says whether an attempt's verification was approved.
type ConversionStatus string

// The conversion statuses of an attempt.
const (
	Converted   ConversionStatus = "converted"
	Unconverted ConversionStatus = "unconverted"
)

// Attempt is a Verification Attempt: one delivery of a code (or a start
// Fraud Guard or Geo Permissions blocked), with its price and outcome.
type Attempt struct {
	SID             string
	AccountSID      string
	ServiceSID      string
	VerificationSID string // empty for a blocked start
	Channel         Channel
	Conversion      ConversionStatus
	// Price is the charge ("0.0083"; empty while Twilio has not priced it),
	// PriceCurrency its currency ("usd").
	Price         string
	PriceCurrency string
	// From channel_data: the destination and its country, the attempt's
	// status (confirmed, unconfirmed, expired), the delivery outcome
	// (message_status, or call_status for calls) and its error code.
	To             string
	Country        string
	Status         string
	DeliveryStatus string
	ErrorCode      int
	Carrier        CarrierInfo
	Locale         string
	CodeLength     int
	DateCreated    time.Time
	DateUpdated    time.Time
	URL            string
}

// AttemptFilter selects attempts; zero fields do not filter. Dates select
// attempts created at or after CreatedAfter and before CreatedBefore.
type AttemptFilter struct {
	CreatedAfter    time.Time
	CreatedBefore   time.Time
	To              string // E.164 number or e-mail address (ChannelData.To)
	Country         string // ISO 3166-1 alpha-2
	Channel         Channel
	ServiceSID      string
	VerificationSID string
	Conversion      ConversionStatus
}

// AttemptPage is one page of attempts, newest first.
type AttemptPage struct {
	Attempts      []Attempt
	NextPageToken string
}

// AttemptsSummaryFilter selects the attempts a summary counts; zero fields
// do not filter.
type AttemptsSummaryFilter struct {
	ServiceSID        string
	CreatedAfter      time.Time
	CreatedBefore     time.Time
	Country           string
	Channel           Channel
	DestinationPrefix string // E.164 prefix, e.g. "+44"
}

// AttemptsSummary counts attempts and how many converted.
type AttemptsSummary struct {
	TotalAttempts    int
	TotalConverted   int
	TotalUnconverted int
	// ConversionRate is Twilio's percentage string ("81.818181818"); empty
	// when there were no attempts.
	ConversionRate string
	URL            string
}

// GuardLevel is a sandbox Fraud Guard level.
type GuardLevel string

// The sandbox's Fraud Guard levels: what each blocks is in SandboxGuard's
// answer and the README.
const (
	GuardOff      GuardLevel = "off"
	GuardBasic    GuardLevel = "basic"
	GuardStandard GuardLevel = "standard"
	GuardMax      GuardLevel = "max"
)

// SandboxGuardSettings are a sandbox service's simulated Fraud Guard level
// and Geo Permissions, with the fixed rules the levels switch on.
type SandboxGuardSettings struct {
	ServiceSID       string
	Level            GuardLevel
	BlockedCountries []string
	// HighRiskPrefixes are blocked from level standard.
	HighRiskPrefixes []string
	// At level max, more than BurstMaxStarts starts within BurstWindow to
	// numbers sharing their first BurstPrefixDigits digits block that
	// prefix.
	BurstPrefixDigits int
	BurstMaxStarts    int
	BurstWindow       time.Duration
}

// SandboxGuardUpdate changes a sandbox service's simulation; a nil field is
// left as it is. An empty (non-nil) BlockedCountries clears the list.
type SandboxGuardUpdate struct {
	ServiceSID       string
	Level            *GuardLevel
	BlockedCountries *[]string
}
