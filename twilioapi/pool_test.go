package twilioapi

import (
	"context"
	"net/http"
	"testing"
)

// A pooled call must not carry the previous call's answer: classify reads
// status and Retry-After from it.
// poolTestKey tags each call's context so the test can tell them apart.
type poolTestKey struct{}

func TestCallReuseStartsClean(t *testing.T) {
	c, err := New(Config{AccountSID: wireAC, AuthToken: wireToken})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		ctx := context.WithValue(context.Background(), poolTestKey{}, i)
		cl := c.newCall(ctx)
		if cl.ctx != ctx || cl.reqCtx != nil || cl.status != 0 || cl.header != nil {
			t.Fatalf("call %d starts with ctx=%v reqCtx=%v status=%d header=%v", i, cl.ctx, cl.reqCtx, cl.status, cl.header)
		}
		if cl.tc.HTTPClient != &cl.hc || cl.hc.Transport != &cl.tr || cl.tr.call != cl || cl.tr.next != c.rt || cl.verifyAPI() == nil {
			t.Fatalf("call %d: stack not wired to itself", i)
		}
		cl.reqCtx, cl.status, cl.header = ctx, 429, http.Header{"Retry-After": {"5"}}
		c.release(cl)
	}
}

// A pooled call keeps an ordinary answer buffer but not a huge one.
func TestCallReleaseBodyBuffer(t *testing.T) {
	c, err := New(Config{AccountSID: wireAC, AuthToken: wireToken})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1024, maxPooledBody + 1} {
		cl := c.newCall(context.Background())
		cl.body = make([]byte, size)
		cl.bodyR.Reset(cl.body)
		c.release(cl)
		if kept := cl.body != nil; kept != (size <= maxPooledBody) || cl.bodyR.Len() != 0 {
			t.Errorf("%d-byte body: kept %v, reader still holds %d bytes", size, kept, cl.bodyR.Len())
		}
	}
}
