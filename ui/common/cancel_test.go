package common

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// TestCancelEndsACallInFlight: Requests.Cancel forgets the request and
// cancels its call's context, so the call answers at once; nothing stays
// registered afterwards.
func TestCancelEndsACallInFlight(t *testing.T) {
	c := &Common{Ctx: context.Background(), CallTimeout: time.Minute}
	reqs := NewRequests[string]()
	id := reqs.Start(c, "load")
	cmd := Call(c, "v", id, func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})
	if c.InFlight() != 1 {
		t.Fatalf("InFlight = %d before the call ran, want 1", c.InFlight())
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	if n := reqs.Cancel(c, func(k string) bool { return k == "load" }); n != 1 {
		t.Fatalf("Cancel forgot %d requests, want 1", n)
	}
	select {
	case msg := <-done:
		r := msg.(Result[int])
		if !errors.Is(r.Err, context.Canceled) {
			t.Fatalf("result error %v, want context.Canceled", r.Err)
		}
		if _, ok := reqs.Take(r.ID); ok {
			t.Fatal("a cancelled request is still awaited: its answer would be applied")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the cancelled call did not answer")
	}
	if c.InFlight() != 0 {
		t.Fatalf("InFlight = %d after the call ended", c.InFlight())
	}
	if c.Cancel(id) {
		t.Fatal("Cancel of an ended call reported a cancel")
	}
}

// TestCallForgetsFinishedCalls: a call that ends by itself leaves
// nothing registered and its timeout still applies.
func TestCallForgetsFinishedCalls(t *testing.T) {
	c := &Common{Ctx: context.Background(), CallTimeout: 20 * time.Millisecond}
	msg := Call(c, "v", c.NextRequestID(), func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})()
	if r := msg.(Result[int]); !errors.Is(r.Err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want the call timeout", r.Err)
	}
	if c.InFlight() != 0 {
		t.Fatalf("InFlight = %d", c.InFlight())
	}
}

// TestCallSaysItRetried: a read that succeeded after a retry answers with
// its result and a status-line warning naming the retry; a Poll stays
// quiet.
func TestCallSaysItRetried(t *testing.T) {
	sb, _ := apitest.Serve(t, sandbox.Options{})
	var failed atomic.Bool
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v2/") && failed.CompareAndSwap(false, true) {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"code":20503,"message":"Service Unavailable","status":503}`))
			return
		}
		sb.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	cl := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: proxy.URL,
		Retry: twilioapi.RetryPolicy{Base: time.Millisecond}})
	c := &Common{Ctx: context.Background(), Client: cl, Sandbox: true}
	list := func(ctx context.Context) (twilioapi.ServicePage, error) { return cl.ListServicesPage(ctx, 20, "") }

	msg := Call(c, "v", c.NextRequestID(), list)()
	batch, ok := msg.(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a retried call answered %T, want the result and a flash", msg)
	}
	if r := batch[0]().(Result[twilioapi.ServicePage]); r.Err != nil || len(r.Value.Services) == 0 {
		t.Fatalf("result %+v", r)
	}
	f := batch[1]().(FlashMsg)
	if f.Level != FlashWarn || !strings.Contains(f.Text, "the sandbox answered after retrying once (503)") {
		t.Fatalf("flash %+v", f)
	}

	failed.Store(false)
	if _, ok := Poll(c, "v", c.NextRequestID(), list)().(Result[twilioapi.ServicePage]); !ok {
		t.Fatal("a retried poll must answer with its result alone")
	}
}
