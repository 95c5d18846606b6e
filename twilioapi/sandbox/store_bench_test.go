package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkCreatesWithState measures verification starts per second from
// 8 concurrent clients over loopback HTTP, in memory and with a state file
// already holding 0, 5,000 and 50,000 verifications: with a store that
// writes only what changed, the rate stays flat as the file grows.
//
//	go test ./twilioapi/sandbox -run '^$' -bench CreatesWithState -benchtime 3000x
func BenchmarkCreatesWithState(b *testing.B) {
	b.Run("memory", func(b *testing.B) { benchCreates(b, Options{Clock: time.Now}) })
	for _, n := range []int{0, 5000, 50000} {
		b.Run(fmt.Sprintf("state-%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "state.db")
			seedStore(b, path, n)
			benchCreates(b, Options{StatePath: path, Clock: time.Now})
		})
	}
}

// benchCreates runs b.N starts, each for a new number, from 8 clients.
func benchCreates(b *testing.B, opts Options) {
	const clients = 8
	e := newEnv(b, opts)
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}
	b.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Transport: tr}
	path := e.srv.URL() + "/v2/Services/" + e.demo + "/Verifications"
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for n := next.Add(1); n <= int64(b.N); n = next.Add(1) {
				to := fmt.Sprintf("+1500%03d%04d", 200+n/10000, n%10000)
				req, _ := http.NewRequest("POST", path, strings.NewReader("Channel=sms&To="+url.QueryEscape(to)))
				req.SetBasicAuth(e.sb.AccountSID(), e.sb.AuthToken())
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				resp, err := hc.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = drain(resp)
				if resp.StatusCode != 201 {
					b.Errorf("start %s: %d", to, resp.StatusCode)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "creates/s")
}

// seedStore makes path a state file holding n pending verifications (with
// their attempts and outbox messages, trimmed as the sandbox trims them),
// written in one transaction rather than through n requests. They are
// spread over services of seedPerService each (the pending cap per service
// is MaxPendingPerService), so the demo service has room for the
// benchmark's creates.
func seedStore(b *testing.B, path string, n int) {
	b.Helper()
	s, err := New(Options{StatePath: path, Clock: time.Now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	var sv *service
	for _, x := range s.st.Services {
		sv = x // the demo service first
	}
	now := s.clock()
	for i := range n {
		if i > 0 && i%seedPerService == 0 {
			sv = demoService(now)
			sv.FriendlyName = fmt.Sprintf("Seeded %d", i/seedPerService)
			s.st.addService(sv)
		}
		to := fmt.Sprintf("+1400%07d", i)
		v := &verification{
			SID: newSID("VE"), ServiceSID: sv.SID, To: to, Channel: "sms", Status: statusPending, Code: randomDigits(6),
			DateCreated: now, DateUpdated: now, ExpiresAt: now.Add(CodeLifetime),
		}
		s.st.Verifications[v.SID] = v
		s.index(v)
		s.send(sv, v, startRequest{to: to, channel: "sms", friendlyName: sv.FriendlyName}, now)
	}
	if err := s.store.writeAll(s.st, s.attempts.live()); err != nil {
		b.Fatal(err)
	}
}

// seedPerService is how many pending verifications seedStore gives one
// service: the benchmark's creates must stay under MaxPendingPerService.
const seedPerService = MaxPendingPerService / 2

// BenchmarkOpenState measures opening (loading and validating) a state
// file holding 50,000 verifications: the start-up cost of a large store.
func BenchmarkOpenState(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state.db")
	seedStore(b, path, 50000)
	b.ResetTimer()
	for range b.N {
		s, err := New(Options{StatePath: path})
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
}
