package twilioapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// RetryPolicy bounds how a read (GET) is repeated after a failure that
// says nothing about the request itself: a 500, 502, 503 or 504, a 429
// whose Retry-After fits the budget, or a connection dropped before the
// answer. Writes (POST, DELETE) are never repeated: a repeated send costs
// the customer a second SMS and the account a second charge, and a
// repeated check spends a second attempt.
type RetryPolicy struct {
	// Attempts is the most tries of one read, the first included (3 when
	// zero; 1 turns retries off).
	Attempts int
	// Budget bounds the total wait between tries (2 s when zero): a
	// Retry-After longer than what is left is not waited for, and the
	// 429 is returned with its RetryAfter.
	Budget time.Duration
	// Base is the first back-off (200 ms when zero); each retry doubles
	// it, and the wait is a random point in [Base/2, Base] (jitter, so
	// consoles that failed together do not retry together).
	Base time.Duration
}

// Default retry bounds, used for the zero fields of a RetryPolicy.
const (
	DefaultRetryAttempts = 3
	DefaultRetryBudget   = 2 * time.Second
	DefaultRetryBase     = 200 * time.Millisecond
)

// withDefaults fills the zero fields.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = DefaultRetryAttempts
	}
	if p.Budget <= 0 {
		p.Budget = DefaultRetryBudget
	}
	if p.Base <= 0 {
		p.Base = DefaultRetryBase
	}
	return p
}

// backoff is the jittered wait before retry n (1 = the first retry).
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.Base << min(n-1, 10)
	return d/2 + rand.N(d/2+1)
}

// Retries is what a caller learns about the repeats of its reads: attach
// one to a context with WithRetries, and the client records each retry of
// the calls made under that context (the console shows them in the status
// line; a failure carries them in Error.Attempts too).
type Retries struct {
	mu     sync.Mutex
	count  int
	causes []string
}

// Count is how many retries were made.
func (r *Retries) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.count
}

// Causes names what each retry answered (e.g. "503", "429", "dropped
// connection"), in order.
func (r *Retries) Causes() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.causes...)
}

// add records one retry.
func (r *Retries) add(cause string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.count++
	r.causes = append(r.causes, cause)
}

// retriesKey is the context key of a *Retries.
type retriesKey struct{}

// WithRetries returns ctx carrying r: calls under it record their retries
// in r.
func WithRetries(ctx context.Context, r *Retries) context.Context {
	return context.WithValue(ctx, retriesKey{}, r)
}

// retriesFrom is the *Retries ctx carries, or nil.
func retriesFrom(ctx context.Context) *Retries {
	r, _ := ctx.Value(retriesKey{}).(*Retries)
	return r
}

// retryCause says whether a read's outcome is worth another try, and
// names it: resp and err are one attempt's.
func retryCause(resp *http.Response, err error) (string, bool) {
	if err != nil {
		switch {
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return "", false
		case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
			errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return "dropped connection", true
		}
		return "", false
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable,
		http.StatusGatewayTimeout, http.StatusTooManyRequests:
		return fmt.Sprint(resp.StatusCode), true
	}
	return "", false
}

// roundTripRead sends a GET, repeating it within the policy. The last
// attempt's answer (or failure) is returned; cl.attempts counts the tries.
func (t *callTransport) roundTripRead(r *http.Request) (*http.Response, error) {
	cl := t.call
	p := cl.retry
	var waited time.Duration
	for n := 1; ; n++ {
		cl.attempts = n
		resp, err := t.attempt(r)
		cause, again := retryCause(resp, err)
		if !again || n >= p.Attempts {
			return resp, err
		}
		wait := p.backoff(n)
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			if ra := retryAfter(resp.Header); ra > wait {
				wait = ra
			}
		}
		if waited+wait > p.Budget {
			return resp, err
		}
		if !sleepCtx(cl.reqCtx, wait) {
			return resp, err
		}
		waited += wait
		if rep := retriesFrom(cl.ctx); rep != nil {
			rep.add(cause)
		}
	}
}

// sleepCtx waits d or until ctx ends; it reports whether d passed.
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

// The hints of a send or check whose outcome is unknown: neither is ever
// repeated by the client.
const (
	unknownSendHint = "The code may or may not have been sent. It was not resent automatically (a second SMS costs " +
		"the customer and the account): refresh the session to see its status before sending again."
	unknownCheckHint = "The check may or may not have counted (or approved the verification). It was not repeated, " +
		"so no second attempt was spent: refresh the session to see its status before checking again."
)

// explainUnknown gives an unknown-outcome error the hint of its action;
// other errors (and nil) pass unchanged.
func explainUnknown(err error, hint string) error {
	var e *Error
	if errors.As(err, &e) && e.OutcomeUnknown {
		e.Hint = hint
	}
	return err
}
