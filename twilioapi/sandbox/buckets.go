package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// bucket is a stored rate-limit bucket: at most Max starts per Interval
// seconds for each distinct value of its rate limit's key.
type bucket struct {
	SID         string    `json:"sid"`
	Seq         int64     `json:"seq"`
	Max         int       `json:"max"`
	Interval    int       `json:"interval"`
	DateCreated time.Time `json:"date_created"`
	DateUpdated time.Time `json:"date_updated"`
}

func (b *bucket) sequence() int64 { return b.Seq }

// bucketJSON is the wire shape of a bucket (VerifyV2Bucket).
type bucketJSON struct {
	SID          string `json:"sid"`
	RateLimitSID string `json:"rate_limit_sid"`
	ServiceSID   string `json:"service_sid"`
	AccountSID   string `json:"account_sid"`
	Max          int    `json:"max"`
	Interval     int    `json:"interval"`
	DateCreated  string `json:"date_created"`
	DateUpdated  string `json:"date_updated"`
	URL          string `json:"url"`
}

func (s *Sandbox) renderBucket(base string, rl *rateLimit, b *bucket) bucketJSON {
	return bucketJSON{
		SID: b.SID, RateLimitSID: rl.SID, ServiceSID: rl.ServiceSID, AccountSID: s.st.AccountSID,
		Max: b.Max, Interval: b.Interval, DateCreated: rfc3339(b.DateCreated), DateUpdated: rfc3339(b.DateUpdated),
		URL: rateLimitURL(base, rl.ServiceSID, rl.SID) + "/Buckets/" + b.SID,
	}
}

// bucketValues reads Max and Interval; on create both are required. Max is
// at least 1 and Interval 1 second to a week (bounds unverified).
func bucketValues(f form, create bool) (maxN, interval *int, err *apiError) {
	read := func(key string, hi int) (*int, *apiError) {
		v, ok := f.get(key)
		if !ok {
			if create {
				return nil, errInvalid(key)
			}
			return nil, nil
		}
		n, perr := strconv.Atoi(strings.TrimSpace(v))
		if perr != nil || n < 1 || n > hi {
			return nil, errInvalid(key)
		}
		return &n, nil
	}
	if maxN, err = read("Max", 1<<30); err != nil {
		return nil, nil, err
	}
	if interval, err = read("Interval", maxBucketInterval); err != nil {
		return nil, nil, err
	}
	return maxN, interval, nil
}

// errIntervalTaken is 60211: a rate limit has one bucket per interval.
func errIntervalTaken() *apiError {
	return errf(http.StatusBadRequest, 60211, "Bucket with the given Interval already exists")
}

func (s *Sandbox) createBucket(w http.ResponseWriter, base string, serviceSID, rlSID string, f form) {
	maxN, interval, verr := bucketValues(f, true)
	if verr != nil {
		writeError(w, verr)
		return
	}
	s.serveLocked(w, false, func(now time.Time) (int, any, *apiError) {
		rl, err := s.rateLimit(serviceSID, rlSID)
		if err != nil {
			return 0, nil, err
		}
		if len(rl.Buckets) >= maxBucketsPerRateLimit {
			return 0, nil, errf(http.StatusBadRequest, 60210, "Max Buckets per Rate limit reached")
		}
		for _, b := range rl.Buckets {
			if b.Interval == *interval {
				return 0, nil, errIntervalTaken()
			}
		}
		b := &bucket{SID: newSID("BL"), Seq: s.st.nextSeq(), Max: *maxN, Interval: *interval, DateCreated: now, DateUpdated: now}
		rl.Buckets[b.SID] = b
		return http.StatusCreated, s.renderBucket(base, rl, b), s.commit()
	})
}

// bucketOf looks up a bucket; the caller holds s.mu.
func (s *Sandbox) bucketOf(serviceSID, rlSID, sid string) (*rateLimit, *bucket, *apiError) {
	rl, err := s.rateLimit(serviceSID, rlSID)
	if err != nil {
		return nil, nil, err
	}
	b, ok := rl.Buckets[sid]
	if !ok {
		return nil, nil, errNotFound("/Services/" + serviceSID + "/RateLimits/" + rlSID + "/Buckets/" + sid)
	}
	return rl, b, nil
}

func (s *Sandbox) fetchBucket(w http.ResponseWriter, base string, serviceSID, rlSID, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		rl, b, err := s.bucketOf(serviceSID, rlSID, sid)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.renderBucket(base, rl, b), nil
	})
}

func (s *Sandbox) updateBucket(w http.ResponseWriter, base string, serviceSID, rlSID, sid string, f form) {
	maxN, interval, verr := bucketValues(f, false)
	if verr != nil {
		writeError(w, verr)
		return
	}
	s.serveLocked(w, false, func(now time.Time) (int, any, *apiError) {
		rl, b, err := s.bucketOf(serviceSID, rlSID, sid)
		if err != nil {
			return 0, nil, err
		}
		if interval != nil {
			for _, o := range rl.Buckets {
				if o != b && o.Interval == *interval {
					return 0, nil, errIntervalTaken()
				}
			}
			b.Interval = *interval
		}
		if maxN != nil {
			b.Max = *maxN
		}
		b.DateUpdated = now
		return http.StatusOK, s.renderBucket(base, rl, b), s.commit()
	})
}

func (s *Sandbox) deleteBucket(w http.ResponseWriter, serviceSID, rlSID, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		rl, _, err := s.bucketOf(serviceSID, rlSID, sid)
		if err != nil {
			return 0, nil, err
		}
		delete(rl.Buckets, sid)
		return http.StatusNoContent, nil, s.commit()
	})
}

// listBuckets answers one page of a rate limit's buckets in creation order.
func (s *Sandbox) listBuckets(w http.ResponseWriter, base string, serviceSID, rlSID string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		rl, err := s.rateLimit(serviceSID, rlSID)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, listPage(pg, "buckets", rateLimitURL(base, serviceSID, rlSID)+"/Buckets", creationOrder(rl.Buckets, nil),
			func(b *bucket) bucketJSON { return s.renderBucket(base, rl, b) }), nil
	})
}
