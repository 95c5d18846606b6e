package sandbox

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// runPairs runs pair (a verification start and its correct check) b.N
// times in parallel. Each goroutine cycles through its own 1000 numbers, so
// numbers repeat (as real users do) but never collide between goroutines.
func runPairs(b *testing.B, pair func(to string) error) {
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		g, i := n.Add(1), 0
		for pb.Next() {
			i++
			if err := pair(fmt.Sprintf("+1500%03d%04d", 200+g%700, i%1000)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// formPair is a start and a correct check of the demo service through do,
// which POSTs a form body to a path and returns the status.
func formPair(sb *Sandbox, demo string, do func(path, body string) int) func(to string) error {
	return func(to string) error {
		if st := do("/v2/Services/"+demo+"/Verifications", "Channel=sms&To="+url.QueryEscape(to)); st != 201 {
			return fmt.Errorf("start: %d", st)
		}
		if st := do("/v2/Services/"+demo+"/VerificationCheck", "Code="+sb.pendingCode(demo, to)+"&To="+url.QueryEscape(to)); st != 200 {
			return fmt.Errorf("check: %d", st)
		}
		return nil
	}
}

// pendingCode peeks at the code of the pending verification (test only:
// faster than scanning the outbox, so the benchmark measures the API).
func (s *Sandbox) pendingCode(service, to string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := s.pending[pendingKey(service, to)]; v != nil {
		return v.Code
	}
	return ""
}

// benchEnv is a sandbox on loopback with a keep-alive transport sized for
// parallel clients.
func benchEnv(b *testing.B) (*env, *http.Transport) {
	e := newEnv(b, Options{Clock: time.Now})
	tr := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute}
	b.Cleanup(tr.CloseIdleConnections)
	return e, tr
}

// BenchmarkSendCheckTwilioGo measures one verification start plus one
// correct check through twilio-go over loopback HTTP, in parallel.
func BenchmarkSendCheckTwilioGo(b *testing.B) {
	e, tr := benchEnv(b)
	target, _ := url.Parse(e.srv.URL())
	c := &client.Client{
		Credentials: client.NewCredentials(e.sb.AccountSID(), e.sb.AuthToken()),
		HTTPClient:  &http.Client{Transport: rewrite{target, tr}, Timeout: 10 * time.Second},
	}
	v := verify.NewApiServiceWithClient(c)
	runPairs(b, func(to string) error {
		if _, err := v.CreateVerification(e.demo, p(to, "sms")); err != nil {
			return err
		}
		chk, err := v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).
			SetTo(to).SetCode(e.sb.pendingCode(e.demo, to)))
		if err != nil {
			return err
		}
		if *chk.Status != "approved" {
			return fmt.Errorf("check: status %s", *chk.Status)
		}
		return nil
	})
}

// BenchmarkSendCheckRawHTTP is the same pair with plain net/http requests,
// to separate the sandbox's cost from twilio-go's.
func BenchmarkSendCheckRawHTTP(b *testing.B) {
	e, tr := benchEnv(b)
	hc := &http.Client{Transport: tr}
	post := func(path, body string) int {
		req, _ := http.NewRequest("POST", e.srv.URL()+path, strings.NewReader(body))
		req.SetBasicAuth(e.sb.AccountSID(), e.sb.AuthToken())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := hc.Do(req)
		if err != nil {
			b.Error(err)
			return 0
		}
		_, _ = drain(resp)
		return resp.StatusCode
	}
	runPairs(b, formPair(e.sb, e.demo, post))
}

// drain drains and closes a response body so the connection is reused.
func drain(resp *http.Response) (int64, error) {
	defer resp.Body.Close()
	return io.Copy(io.Discard, resp.Body)
}

// BenchmarkSendCheckHandler is the same pair straight into ServeHTTP (no
// network, no client): the sandbox's own cost.
func BenchmarkSendCheckHandler(b *testing.B) {
	sb, demo := newDemo(b)
	do := func(path, body string) int {
		r := &http.Request{
			Method: "POST", URL: &url.URL{Path: path}, Host: "127.0.0.1:1",
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
			Body:   io.NopCloser(strings.NewReader(body)),
		}
		r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
		w := httptest.NewRecorder()
		sb.ServeHTTP(w, r)
		return w.Code
	}
	runPairs(b, formPair(sb, demo, do))
}
