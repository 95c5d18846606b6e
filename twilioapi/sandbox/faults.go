package sandbox

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"time"
)

// Faults make the sandbox misbehave on purpose, for tests and demos of
// error handling. They apply to the Twilio API routes (/v2/…) only, never
// to /sandbox/v1/…, so a test can always switch them off again. The shares
// are probabilities per request and must add up to at most 1.
type Faults struct {
	// Latency is added before every answer.
	Latency time.Duration
	// ErrorShare of requests answer 500 (code 20500) or 503 (code 20503),
	// half each.
	ErrorShare float64
	// RateLimitShare of requests answer 429 (code 20429) with Retry-After.
	RateLimitShare float64
	// RetryAfter is the Retry-After of those 429s; one second when zero.
	RetryAfter time.Duration
	// DropShare of requests get their connection closed with no answer.
	DropShare float64
}

// faultsJSON is the wire shape of POST/GET /sandbox/v1/Faults.
type faultsJSON struct {
	LatencyMS         int64   `json:"latency_ms"`
	ErrorShare        float64 `json:"error_share"`
	RateLimitShare    float64 `json:"rate_limit_share"`
	RetryAfterSeconds int64   `json:"retry_after_seconds"`
	DropShare         float64 `json:"drop_share"`
}

func (f Faults) validate() error {
	for _, p := range []float64{f.ErrorShare, f.RateLimitShare, f.DropShare} {
		if p < 0 || p > 1 || p != p {
			return errors.New("shares must be between 0 and 1")
		}
	}
	if f.ErrorShare+f.RateLimitShare+f.DropShare > 1.000001 {
		return errors.New("shares must add up to at most 1")
	}
	if f.Latency < 0 || f.Latency > time.Minute || f.RetryAfter < 0 {
		return errors.New("latency must be 0–60000 ms and retry_after_seconds not negative")
	}
	return nil
}

// SetFaults replaces the current faults; the zero Faults switches them off.
// Invalid shares are clamped to [0, 1].
func (s *Sandbox) SetFaults(f Faults) {
	clamp := func(p float64) float64 { return max(0, min(1, p)) }
	f.ErrorShare, f.RateLimitShare, f.DropShare = clamp(f.ErrorShare), clamp(f.RateLimitShare), clamp(f.DropShare)
	if f == (Faults{}) {
		s.faults.Store(nil)
		return
	}
	s.faults.Store(&f)
}

// currentFaults returns the faults in force.
func (s *Sandbox) currentFaults() Faults {
	if f := s.faults.Load(); f != nil {
		return *f
	}
	return Faults{}
}

// injectFault applies the faults to one request. It reports true when it
// answered (or dropped) the request itself. Every API request asks, so
// "no faults" is one atomic load (no lock, no random draw).
func (s *Sandbox) injectFault(w http.ResponseWriter, r *http.Request) bool {
	fp := s.faults.Load()
	if fp == nil {
		return false
	}
	f := *fp
	if f.Latency > 0 {
		if !sleepCtx(r.Context(), f.Latency) {
			return true // the client gave up; nothing to answer
		}
	}
	p := rand.Float64()
	switch {
	case p < f.DropShare:
		// net/http closes the connection without a response.
		panic(http.ErrAbortHandler)
	case p < f.DropShare+f.ErrorShare:
		if rand.IntN(2) == 0 {
			writeError(w, errf(http.StatusInternalServerError, 20500, "Internal Server Error"))
		} else {
			writeError(w, errf(http.StatusServiceUnavailable, 20503, "Service Unavailable"))
		}
		return true
	case p < f.DropShare+f.ErrorShare+f.RateLimitShare:
		e := errf(http.StatusTooManyRequests, 20429, "Too Many Requests")
		e.retryAfter = f.RetryAfter
		if e.retryAfter <= 0 {
			e.retryAfter = time.Second
		}
		writeError(w, e)
		return true
	}
	return false
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// faultsHandler answers GET (current faults) and POST (replace them with a
// JSON body; {} switches them off) on /sandbox/v1/Faults.
func (s *Sandbox) faultsHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		var in faultsJSON
		if err := decodeStrictJSON(r.Body, &in); err != nil {
			writeError(w, errf(http.StatusBadRequest, 60200, "Invalid parameter: faults must be a JSON object with latency_ms, error_share, rate_limit_share, retry_after_seconds, drop_share"))
			return
		}
		f := Faults{
			Latency: time.Duration(in.LatencyMS) * time.Millisecond, ErrorShare: in.ErrorShare,
			RateLimitShare: in.RateLimitShare, RetryAfter: time.Duration(in.RetryAfterSeconds) * time.Second,
			DropShare: in.DropShare,
		}
		if err := f.validate(); err != nil {
			writeError(w, errf(http.StatusBadRequest, 60200, "Invalid parameter: "+err.Error()))
			return
		}
		s.SetFaults(f)
	}
	f := s.currentFaults()
	writeJSON(w, http.StatusOK, faultsJSON{
		LatencyMS: f.Latency.Milliseconds(), ErrorShare: f.ErrorShare, RateLimitShare: f.RateLimitShare,
		RetryAfterSeconds: int64(f.RetryAfter / time.Second), DropShare: f.DropShare,
	})
}
