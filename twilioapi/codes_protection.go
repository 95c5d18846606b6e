package twilioapi

// Twilio error codes of the Service Rate Limits and of concurrent starts
// (hints.go explains each).
const (
	// CodeMaxRateLimits: the service has as many rate limits as allowed.
	CodeMaxRateLimits = 60207
	// CodeRateLimitExists: the service has a rate limit of that unique name.
	CodeRateLimitExists = 60208
	// CodeRateLimitNameFormat: the unique name has a refused format.
	CodeRateLimitNameFormat = 60209
	// CodeMaxBuckets: the rate limit has as many buckets as allowed.
	CodeMaxBuckets = 60210
	// CodeBucketIntervalExists: the rate limit has a bucket of that interval.
	CodeBucketIntervalExists = 60211
	// CodeConcurrentStarts: too many starts to one number at the same time.
	CodeConcurrentStarts = 60212
)
