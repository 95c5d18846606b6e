package twilioapi

import "time"

// Entity is a Verify Push/TOTP entity: one end user of a service, named by
// the application's identity (a UUID or similar, never PII).
type Entity struct {
	SID         string // YE…
	Identity    string
	AccountSID  string
	ServiceSID  string
	DateCreated time.Time
	DateUpdated time.Time
	URL         string
}

// EntityPage is one page of entities. NextPageToken is opaque; pass it
// back to ListEntitiesPage for the next page. It is empty on the last page.
type EntityPage struct {
	Entities      []Entity
	NextPageToken string
}

// FactorType is the kind of a factor.
type FactorType string

// The factor types Verify knows.
const (
	FactorTOTP     FactorType = "totp"
	FactorPush     FactorType = "push"
	FactorPasskeys FactorType = "passkeys"
)

// FactorStatus is whether a factor has proven it works.
type FactorStatus string

// The statuses a factor can have: unverified until the first right code
// (or signature), then verified.
const (
	FactorUnverified FactorStatus = "unverified"
	FactorVerified   FactorStatus = "verified"
)

// The TOTP algorithms Verify accepts.
const (
	TOTPSHA1   = "sha1"
	TOTPSHA256 = "sha256"
	TOTPSHA512 = "sha512"
)

// TOTPConfig is a TOTP factor's parameters as Verify reports them.
type TOTPConfig struct {
	Algorithm  string // sha1, sha256 or sha512
	TimeStep   int    // seconds, 20–60
	CodeLength int    // digits, 3–8
	Skew       int    // time steps accepted either side, 0–2
}

// PushConfig is a push factor's device settings.
type PushConfig struct {
	SDKVersion           string
	AppID                string
	NotificationPlatform string // apn, fcm or none
	NotificationToken    string
}

// Factor is a Verify factor of an entity. TOTP is set for totp factors,
// Push for push factors; the other is zero.
type Factor struct {
	SID          string // YF…
	AccountSID   string
	ServiceSID   string
	EntitySID    string
	Identity     string
	Type         FactorType
	Status       FactorStatus
	FriendlyName string
	TOTP         TOTPConfig
	Push         PushConfig
	Metadata     map[string]string
	DateCreated  time.Time
	DateUpdated  time.Time
	URL          string
}

// FactorBinding is a new TOTP factor's shared secret (Base32) and its
// otpauth:// URI for authenticator apps. Verify returns it only in the
// answer to the creation, never again: show it then or lose it.
type FactorBinding struct {
	Secret string
	URI    string
}

// TOTPOptions override a TOTP factor's parameters. Empty Algorithm and nil
// numbers leave the value as it is (on creation: the service's TOTP
// settings, then Verify's defaults sha1, 30 s, 6 digits, skew 1).
type TOTPOptions struct {
	Algorithm  string
	TimeStep   *int
	CodeLength *int
	Skew       *int
}

// TOTPFactorParams create a TOTP factor. The entity is created with the
// factor when the identity is new.
type TOTPFactorParams struct {
	ServiceSID   string
	Identity     string
	FriendlyName string // the account name in the authenticator app, ≤ 64 characters
	// Secret is a Base32 shared secret; empty lets Verify generate one.
	Secret   string
	Config   TOTPOptions
	Metadata map[string]string
}

// FactorUpdate changes a factor's name or TOTP parameters; nil and empty
// fields are not sent.
type FactorUpdate struct {
	FriendlyName *string
	TOTP         TOTPOptions
}

// ChallengeStatus is the state of a challenge.
type ChallengeStatus string

// The statuses a challenge can have.
const (
	ChallengePending  ChallengeStatus = "pending"
	ChallengeApproved ChallengeStatus = "approved"
	ChallengeDenied   ChallengeStatus = "denied"
	ChallengeExpired  ChallengeStatus = "expired"
)

// ChallengeField is one label/value line of a challenge's details.
type ChallengeField struct {
	Label string
	Value string
}

// Challenge is one authentication of an entity with one of its factors.
type Challenge struct {
	SID             string // YC…
	AccountSID      string
	ServiceSID      string
	EntitySID       string
	Identity        string
	FactorSID       string
	FactorType      FactorType
	Status          ChallengeStatus
	RespondedReason string
	Message         string // details.message, shown to the user (push)
	Fields          []ChallengeField
	HiddenDetails   map[string]string
	Metadata        map[string]string
	DateCreated     time.Time
	DateUpdated     time.Time
	DateResponded   time.Time // zero until answered
	ExpirationDate  time.Time
	URL             string
}

// ChallengeParams create a challenge. For a TOTP factor, Code answers it
// at once (the answer is approved or still pending); Message is required
// for push factors.
type ChallengeParams struct {
	ServiceSID string
	Identity   string
	FactorSID  string
	Code       string
	// ExpirationDate is when the challenge expires; zero is Verify's
	// default (5 minutes), at most 60 minutes ahead.
	ExpirationDate time.Time
	Message        string
	Fields         []ChallengeField
	HiddenDetails  map[string]string
}

// ChallengeFilter selects the challenges of one entity to list; empty
// fields do not filter.
type ChallengeFilter struct {
	ServiceSID  string
	Identity    string
	FactorSID   string
	Status      ChallengeStatus
	NewestFirst bool
}

// ChallengePage is one page of challenges; NextPageToken as in EntityPage.
type ChallengePage struct {
	Challenges    []Challenge
	NextPageToken string
}
