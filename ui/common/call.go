package common

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// RequestID identifies one call of one program; IDs are never reused.
type RequestID uint64

// Result is the typed outcome of one call, addressed to the view and the
// request that asked. A view's Update receives Result[T] with its own T:
// no type assertion on the value.
type Result[T any] struct {
	View  ViewID
	ID    RequestID
	Value T
	Err   error
}

// Addressee implements Addressed: the shell routes a result to its view.
func (r Result[T]) Addressee() ViewID { return r.View }

// Failure is the call's error (nil on success), for code that handles
// results of any type alike (tests, benchmarks).
func (r Result[T]) Failure() error { return r.Err }

// NextRequestID returns a new request ID, unique within the program. It is
// only called from Update, so it needs no lock.
func (c *Common) NextRequestID() RequestID {
	c.nextID++
	return RequestID(c.nextID)
}

// Call runs fn off the UI goroutine with the program's call timeout and
// returns its outcome as a Result[T] addressed to view and id. Each call's
// outcome and duration go to the debug log (which masks secrets), so
// --log shows what the console asked and how long Twilio took. A panic in
// fn becomes an error result instead of ending the program.
func Call[T any](c *Common, view ViewID, id RequestID, fn func(ctx context.Context) (T, error)) tea.Cmd {
	return call(c, view, id, fn, true)
}

// ErrNoClient is the result of a ClientCall made without a client (a
// noClient is the error of a call made by a program without a client:
// Twilio-shaped, so views explain it like any other failure.
func noClient() error {
	return &twilioapi.Error{Kind: twilioapi.KindNetwork, Message: "no Twilio client",
		Hint: "The console has no credentials or sandbox to talk to."}
}

// ClientCall is Call for fn on the program's client (the one it has when
// the call is made); without one the result is noClient's error.
func ClientCall[T any](c *Common, view ViewID, id RequestID, fn func(ctx context.Context, cl *twilioapi.Client) (T, error)) tea.Cmd {
	cl := c.Client
	return Call(c, view, id, func(ctx context.Context) (T, error) {
		if cl == nil {
			var zero T
			return zero, noClient()
		}
		return fn(ctx, cl)
	})
}

// Poll is Call for a request repeated on a timer (the outbox, a pending
// verification's status): only its failures are logged, so a poll every
// second or two does not bury the log.
func Poll[T any](c *Common, view ViewID, id RequestID, fn func(ctx context.Context) (T, error)) tea.Cmd {
	return call(c, view, id, fn, false)
}

// call is Call and Poll; logOK says whether successes are logged. The
// call's context is registered for Cancel when the call is made; the
// timeout starts when it runs. A read the client had to retry is logged,
// and a Call (not a Poll) that succeeded after retries also says so in
// the status line, so a slow or flaky Twilio is visible.
func call[T any](c *Common, view ViewID, id RequestID, fn func(ctx context.Context) (T, error), logOK bool) tea.Cmd {
	parent := c.Ctx
	if parent == nil {
		parent = context.Background()
	}
	timeout := c.CallTimeout
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	logger := c.Logger
	cancellable := c.track(id, parent)
	calls := c.calls
	where := "Twilio"
	if c.Sandbox {
		where = "the sandbox"
	}
	return func() tea.Msg {
		defer calls.untrack(id)
		var retries twilioapi.Retries
		ctx, cancel := context.WithTimeout(twilioapi.WithRetries(cancellable, &retries), timeout)
		defer cancel()
		start := time.Now()
		v, err := callSafely(ctx, view, logger, fn)
		took := time.Since(start).Round(time.Millisecond)
		if logger != nil {
			if err != nil {
				logger.Warn("call failed", "view", string(view), "request", uint64(id), "took", took, "err", err.Error())
			} else if logOK {
				logger.Debug("call", "view", string(view), "request", uint64(id), "took", took)
			}
			if n := retries.Count(); n > 0 {
				logger.Info("call retried", "view", string(view), "request", uint64(id), "retries", n,
					"after", strings.Join(retries.Causes(), ", "))
			}
		}
		res := Result[T]{View: view, ID: id, Value: v, Err: err}
		if n := retries.Count(); n > 0 && err == nil && logOK {
			return tea.BatchMsg{
				func() tea.Msg { return res },
				Flash(FlashWarn, retriedText(where, retries.Causes(), took)),
			}
		}
		return res
	}
}

// retriedText is the status line of a call that succeeded after retries.
func retriedText(where string, causes []string, took time.Duration) string {
	n := len(causes)
	times := "once"
	if n > 1 {
		times = fmt.Sprintf("%d times", n)
	}
	return fmt.Sprintf("%s answered after retrying %s (%s), in %s", where, times, strings.Join(causes, ", "), took)
}

// callSafely runs fn, turning a panic into an error result: Bubble Tea
// would otherwise end the whole program for a panic in a command.
func callSafely[T any](ctx context.Context, view ViewID, logger *slog.Logger, fn func(ctx context.Context) (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			if logger != nil {
				logger.Error("call panicked", "view", string(view), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			}
			var zero T
			v, err = zero, fmt.Errorf("internal error in a %s call: %v (details are in the --log file)", view, r)
		}
	}()
	return fn(ctx)
}

// After delivers msg once d has passed: the program's only timer. Tests
// set Common.Timer to see or run timers by hand instead of sleeping.
func (c *Common) After(d time.Duration, msg tea.Msg) tea.Cmd {
	if c.Timer != nil {
		return c.Timer(d, msg)
	}
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
