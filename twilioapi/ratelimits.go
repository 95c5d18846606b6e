package twilioapi

import (
	"context"
	"unicode"
	"unicode/utf8"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// Limits of rate-limit input, exported so forms can show them.
const (
	MaxRateLimitNameLength = 64
	MinBucketMax           = 1
	MinBucketInterval      = 1 // seconds
)

// ValidateRateLimitName checks a rate limit's unique name: 1 to 64
// printable characters without spaces (it is the key of the RateLimits
// JSON a start sends, e.g. end_user_ip_address; it must not hold PII).
func ValidateRateLimitName(s string) error {
	if s == "" {
		return invalid("Unique name", "Unique name is required.")
	}
	if n := utf8.RuneCountInString(s); n > MaxRateLimitNameLength {
		return invalid("Unique name", "Unique name is %d characters; the limit is %d.", n, MaxRateLimitNameLength)
	}
	if err := printable("Unique name", s); err != nil {
		return err
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			return invalid("Unique name", "Unique name must not contain spaces (e.g. end_user_ip_address).")
		}
	}
	return nil
}

// ValidateBucket checks a bucket's Max (at least 1) and Interval (at least
// 1 second).
func ValidateBucket(maxStarts, interval int) error {
	if maxStarts < MinBucketMax {
		return invalid("Max", "Max must be at least %d (got %d).", MinBucketMax, maxStarts)
	}
	if interval < MinBucketInterval {
		return invalid("Interval", "Interval must be at least %d second (got %d).", MinBucketInterval, interval)
	}
	return nil
}

// validateSIDs checks each prefix/SID pair in turn.
func validateSIDs(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := ValidateSID(pairs[i], pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

func rateLimitFrom(r *verify.VerifyV2RateLimit) RateLimit {
	return RateLimit{
		SID: str(r.Sid), ServiceSID: str(r.ServiceSid), AccountSID: str(r.AccountSid), UniqueName: str(r.UniqueName),
		Description: str(r.Description), DateCreated: tm(r.DateCreated), DateUpdated: tm(r.DateUpdated), URL: str(r.Url),
	}
}

func bucketFrom(b *verify.VerifyV2Bucket) Bucket {
	return Bucket{
		SID: str(b.Sid), RateLimitSID: str(b.RateLimitSid), ServiceSID: str(b.ServiceSid), AccountSID: str(b.AccountSid),
		Max: b.Max, Interval: b.Interval, DateCreated: tm(b.DateCreated), DateUpdated: tm(b.DateUpdated), URL: str(b.Url),
	}
}

// CreateRateLimit creates a rate limit on a service; description may be
// empty.
func (c *Client) CreateRateLimit(ctx context.Context, serviceSID, uniqueName, description string) (RateLimit, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return RateLimit{}, err
	}
	if err := ValidateRateLimitName(uniqueName); err != nil {
		return RateLimit{}, err
	}
	if err := printable("Description", description); err != nil {
		return RateLimit{}, err
	}
	p := (&verify.CreateRateLimitParams{}).SetUniqueName(uniqueName)
	if description != "" {
		p.SetDescription(description)
	}
	return mutate(ctx, c, audited{action: ActionRateLimitCreate, service: serviceSID}, func(cl *call) (RateLimit, error) {
		r, err := cl.verifyAPI().CreateRateLimit(serviceSID, p)
		if err != nil {
			return RateLimit{}, err
		}
		return rateLimitFrom(r), nil
	})
}

// ListRateLimitsPage returns one page of a service's rate limits (pageSize
// 1–1000); an empty token asks for the first page.
func (c *Client) ListRateLimitsPage(ctx context.Context, serviceSID string, pageSize int, pageToken string) (RateLimitPage, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return RateLimitPage{}, err
	}
	page, token, err := pageRequest(pageSize, pageToken)
	if err != nil {
		return RateLimitPage{}, err
	}
	return run(ctx, c, func(cl *call) (RateLimitPage, error) {
		r, err := cl.verifyAPI().PageRateLimit(serviceSID, (&verify.ListRateLimitParams{}).SetPageSize(pageSize), token, page)
		if err != nil {
			return RateLimitPage{}, err
		}
		out := RateLimitPage{RateLimits: make([]RateLimit, 0, len(r.RateLimits)), NextPageToken: encodePageToken(r.Meta.NextPageUrl)}
		for i := range r.RateLimits {
			out.RateLimits = append(out.RateLimits, rateLimitFrom(&r.RateLimits[i]))
		}
		return out, nil
	})
}

// FetchRateLimit returns one rate limit.
func (c *Client) FetchRateLimit(ctx context.Context, serviceSID, sid string) (RateLimit, error) {
	if err := validateSIDs("VA", serviceSID, "RK", sid); err != nil {
		return RateLimit{}, err
	}
	return run(ctx, c, func(cl *call) (RateLimit, error) {
		r, err := cl.verifyAPI().FetchRateLimit(serviceSID, sid)
		if err != nil {
			return RateLimit{}, err
		}
		return rateLimitFrom(r), nil
	})
}

// UpdateRateLimit changes a rate limit's description (its unique name
// cannot change).
func (c *Client) UpdateRateLimit(ctx context.Context, serviceSID, sid, description string) (RateLimit, error) {
	if err := validateSIDs("VA", serviceSID, "RK", sid); err != nil {
		return RateLimit{}, err
	}
	if err := printable("Description", description); err != nil {
		return RateLimit{}, err
	}
	return mutate(ctx, c, audited{action: ActionRateLimitUpdate, service: serviceSID, sid: sid}, func(cl *call) (RateLimit, error) {
		r, err := cl.verifyAPI().UpdateRateLimit(serviceSID, sid, (&verify.UpdateRateLimitParams{}).SetDescription(description))
		if err != nil {
			return RateLimit{}, err
		}
		return rateLimitFrom(r), nil
	})
}

// DeleteRateLimit deletes a rate limit and its buckets.
func (c *Client) DeleteRateLimit(ctx context.Context, serviceSID, sid string) error {
	if err := validateSIDs("VA", serviceSID, "RK", sid); err != nil {
		return err
	}
	_, err := mutate(ctx, c, audited{action: ActionRateLimitDelete, service: serviceSID, sid: sid}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteRateLimit(serviceSID, sid)
	})
	return err
}

// CreateBucket adds a bucket to a rate limit: at most maxStarts starts per
// interval seconds for each value of the rate limit's key.
func (c *Client) CreateBucket(ctx context.Context, serviceSID, rateLimitSID string, maxStarts, interval int) (Bucket, error) {
	if err := validateSIDs("VA", serviceSID, "RK", rateLimitSID); err != nil {
		return Bucket{}, err
	}
	if err := ValidateBucket(maxStarts, interval); err != nil {
		return Bucket{}, err
	}
	return mutate(ctx, c, audited{action: ActionBucketCreate, service: serviceSID, sid: rateLimitSID}, func(cl *call) (Bucket, error) {
		b, err := cl.verifyAPI().CreateBucket(serviceSID, rateLimitSID, (&verify.CreateBucketParams{}).SetMax(maxStarts).SetInterval(interval))
		if err != nil {
			return Bucket{}, err
		}
		return bucketFrom(b), nil
	})
}

// ListBucketsPage returns one page of a rate limit's buckets.
func (c *Client) ListBucketsPage(ctx context.Context, serviceSID, rateLimitSID string, pageSize int, pageToken string) (BucketPage, error) {
	if err := validateSIDs("VA", serviceSID, "RK", rateLimitSID); err != nil {
		return BucketPage{}, err
	}
	page, token, err := pageRequest(pageSize, pageToken)
	if err != nil {
		return BucketPage{}, err
	}
	return run(ctx, c, func(cl *call) (BucketPage, error) {
		r, err := cl.verifyAPI().PageBucket(serviceSID, rateLimitSID, (&verify.ListBucketParams{}).SetPageSize(pageSize), token, page)
		if err != nil {
			return BucketPage{}, err
		}
		out := BucketPage{Buckets: make([]Bucket, 0, len(r.Buckets)), NextPageToken: encodePageToken(r.Meta.NextPageUrl)}
		for i := range r.Buckets {
			out.Buckets = append(out.Buckets, bucketFrom(&r.Buckets[i]))
		}
		return out, nil
	})
}

// FetchBucket returns one bucket.
func (c *Client) FetchBucket(ctx context.Context, serviceSID, rateLimitSID, sid string) (Bucket, error) {
	if err := validateSIDs("VA", serviceSID, "RK", rateLimitSID, "BL", sid); err != nil {
		return Bucket{}, err
	}
	return run(ctx, c, func(cl *call) (Bucket, error) {
		b, err := cl.verifyAPI().FetchBucket(serviceSID, rateLimitSID, sid)
		if err != nil {
			return Bucket{}, err
		}
		return bucketFrom(b), nil
	})
}

// UpdateBucket changes a bucket's Max and/or Interval.
func (c *Client) UpdateBucket(ctx context.Context, serviceSID, rateLimitSID, sid string, u BucketUpdate) (Bucket, error) {
	if err := validateSIDs("VA", serviceSID, "RK", rateLimitSID, "BL", sid); err != nil {
		return Bucket{}, err
	}
	p := &verify.UpdateBucketParams{}
	if u.Max != nil {
		if err := ValidateBucket(*u.Max, MinBucketInterval); err != nil {
			return Bucket{}, err
		}
		p.SetMax(*u.Max)
	}
	if u.Interval != nil {
		if err := ValidateBucket(MinBucketMax, *u.Interval); err != nil {
			return Bucket{}, err
		}
		p.SetInterval(*u.Interval)
	}
	if u.Max == nil && u.Interval == nil {
		return Bucket{}, invalid("Max", "Nothing to change: set Max or Interval.")
	}
	return mutate(ctx, c, audited{action: ActionBucketUpdate, service: serviceSID, sid: sid}, func(cl *call) (Bucket, error) {
		b, err := cl.verifyAPI().UpdateBucket(serviceSID, rateLimitSID, sid, p)
		if err != nil {
			return Bucket{}, err
		}
		return bucketFrom(b), nil
	})
}

// DeleteBucket deletes a bucket.
func (c *Client) DeleteBucket(ctx context.Context, serviceSID, rateLimitSID, sid string) error {
	if err := validateSIDs("VA", serviceSID, "RK", rateLimitSID, "BL", sid); err != nil {
		return err
	}
	_, err := mutate(ctx, c, audited{action: ActionBucketDelete, service: serviceSID, sid: sid}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteBucket(serviceSID, rateLimitSID, sid)
	})
	return err
}
