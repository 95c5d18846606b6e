package sshserve

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// benchSessions is how many idle visitors BenchmarkSSHSessions opens.
var benchSessions = flag.Int("sessions", 200, "concurrent SSH sessions in BenchmarkSSHSessions")

// watcher reads one session's output on its own goroutine, remembering
// what arrived since the last reset (stripped of escape sequences) so a
// waiter can look for a marker, and nothing once told to discard.
type watcher struct {
	mu      sync.Mutex
	text    strings.Builder
	raw     []byte
	discard bool
	changed chan struct{}
}

func newWatcher(r io.Reader) *watcher {
	w := &watcher{changed: make(chan struct{}, 1)}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				w.mu.Lock()
				if !w.discard {
					w.raw = append(w.raw, buf[:n]...)
				}
				w.mu.Unlock()
				select {
				case w.changed <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return w
}

// reset forgets what was read (and, with discard, stops keeping it).
func (w *watcher) reset(discard bool) {
	w.mu.Lock()
	w.raw, w.discard = nil, discard
	w.text.Reset()
	w.mu.Unlock()
}

// waitFor blocks until marker is in the output since the last reset.
func (w *watcher) waitFor(marker string, timeout time.Duration) error {
	deadline := time.After(timeout)
	for {
		w.mu.Lock()
		found := strings.Contains(ansi.Strip(string(w.raw)), marker)
		w.mu.Unlock()
		if found {
			return nil
		}
		select {
		case <-w.changed:
		case <-deadline:
			return fmt.Errorf("no %q after %v", marker, timeout)
		}
	}
}

// visitor is one benchmark session: its connection, session, keyboard
// and screen.
type visitor struct {
	cl   *gossh.Client
	sess *gossh.Session
	in   io.Writer
	out  *watcher
}

// visit connects, opens a 120×40 PTY and waits for the first frame
// (the tab bar) and then the demo service. It returns the time from the
// shell request to the first frame, and from dialling to the service
// list.
func visit(addr string, key gossh.Signer, user string) (v *visitor, firstFrame, ready time.Duration, err error) {
	start := time.Now()
	cl, err := dial(addr, user, gossh.PublicKeys(key))
	if err != nil {
		return nil, 0, 0, err
	}
	sess, err := cl.NewSession()
	if err != nil {
		_ = cl.Close()
		return nil, 0, 0, err
	}
	v = &visitor{cl: cl, sess: sess}
	fail := func(err error) (*visitor, time.Duration, time.Duration, error) { v.close(); return nil, 0, 0, err }
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		return fail(err)
	}
	if v.in, err = sess.StdinPipe(); err != nil {
		return fail(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return fail(err)
	}
	v.out = newWatcher(stdout)
	shell := time.Now()
	if err := sess.Shell(); err != nil {
		return fail(err)
	}
	if err := v.out.waitFor("2 Sessions", 60*time.Second); err != nil {
		return fail(err)
	}
	firstFrame = time.Since(shell)
	if err := v.out.waitFor("Sandbox Demo", 60*time.Second); err != nil {
		return fail(err)
	}
	return v, firstFrame, time.Since(start), nil
}

// key presses k and returns how long until marker is on screen.
func (v *visitor) key(k, marker string) (time.Duration, error) {
	v.out.reset(false)
	start := time.Now()
	if _, err := io.WriteString(v.in, k); err != nil {
		return 0, err
	}
	err := v.out.waitFor(marker, 30*time.Second)
	return time.Since(start), err
}

func (v *visitor) close() {
	_ = v.sess.Close()
	_ = v.cl.Close()
}

// cpuTime is this process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// memNow is the heap in use and the memory obtained from the OS after a
// collection, and the goroutine count.
func memNow() (heap, sys uint64, goroutines int) {
	// Twice: sync.Pools keep their contents through one collection.
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse, m.Sys, runtime.NumGoroutine()
}

// percentile is the p-th percentile (0-100) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

const mib = 1 << 20

// BenchmarkSSHSessions serves the demo to -sessions (200) concurrent
// visitors over real SSH connections from Go clients in this process,
// each with a 120×40 PTY, a sandbox of its own and a few key presses,
// and reports: memory per session (heap in use and from the OS, clients
// included), the process's CPU while they sit idle for 10 s, the first
// frame of one more session while they are open, one typing visitor's
// key→frame p95 among them, and what is left once they all close. Run
// it once: go test -run=^$ -bench=SSHSessions -benchtime=1x ./ui/sshserve
func BenchmarkSSHSessions(b *testing.B) {
	for i := 0; i < b.N; i++ {
		benchSSHSessions(b, *benchSessions)
	}
}

func benchSSHSessions(b *testing.B, n int) {
	ts := startServer(b, func(o *Options) {
		o.MaxSessions = n + 10
		o.AuthBurst = 10 * n // one address opens them all
		o.Logger = nil
	})
	heap0, sys0, g0 := memNow()

	// Open n visitors, 8 at a time, each pressing 2 then 1.
	visitors := make([]*visitor, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	errs := make(chan error, n)
	openStart := time.Now()
	for i := range visitors {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			v, _, _, err := visit(ts.addr, ts.key, fmt.Sprint("idle", i))
			if err == nil {
				_, err = v.key("2", "No sessions yet")
			}
			if err == nil {
				_, err = v.key("1", "1 loaded")
			}
			if err != nil {
				errs <- fmt.Errorf("visitor %d: %w", i, err)
				return
			}
			v.out.reset(true)
			visitors[i] = v
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	openTook := time.Since(openStart)
	heap1, sys1, g1 := memNow()

	// Idle CPU over 10 s.
	cpu0, wall0 := cpuTime(), time.Now()
	time.Sleep(10 * time.Second)
	idleCPU := float64(cpuTime()-cpu0) / float64(time.Since(wall0)) * 100

	// One more visitor: first frame, and key→frame while typing.
	var firsts []time.Duration
	var typist *visitor
	for i := 0; i < 5; i++ {
		v, first, _, err := visit(ts.addr, ts.key, "newcomer")
		if err != nil {
			b.Fatal(err)
		}
		firsts = append(firsts, first)
		if typist == nil {
			typist = v
		} else {
			v.close()
		}
	}
	var keys []time.Duration
	for i := 0; i < 40; i++ {
		k, marker := "2", "No sessions yet"
		if i%2 == 1 {
			k, marker = "1", "1 loaded"
		}
		d, err := typist.key(k, marker)
		if err != nil {
			b.Fatal(err)
		}
		keys = append(keys, d)
	}
	typist.close()

	// Everyone leaves: memory and goroutines go back.
	for _, v := range visitors {
		v.close()
	}
	// The clients' own buffers (each watcher keeps what it saw) are this
	// test's, not the server's: let them go before measuring.
	visitors, typist = nil, nil
	deadline := time.Now().Add(60 * time.Second)
	heap2, sys2, g2 := memNow()
	for g2 > g0 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		heap2, sys2, g2 = memNow()
	}

	b.ReportMetric(float64(heap1-heap0)/mib/float64(n), "heap-MiB/session")
	b.ReportMetric(float64(sys1-sys0)/mib/float64(n), "sys-MiB/session")
	b.ReportMetric(float64(g1-g0)/float64(n), "goroutines/session")
	b.ReportMetric(idleCPU, "idle-cpu-%")
	b.ReportMetric(float64(percentile(firsts, 50))/float64(time.Millisecond), "first-frame-p50-ms")
	b.ReportMetric(float64(percentile(firsts, 100))/float64(time.Millisecond), "first-frame-max-ms")
	b.ReportMetric(float64(percentile(keys, 50))/float64(time.Millisecond), "key-frame-p50-ms")
	b.ReportMetric(float64(percentile(keys, 95))/float64(time.Millisecond), "key-frame-p95-ms")
	b.ReportMetric(float64(g2-g0), "goroutines-left")
	b.ReportMetric((float64(heap2)-float64(heap0))/mib, "heap-left-MiB")
	b.Logf("%d sessions opened in %v; heap %.1f→%.1f→%.1f MiB, sys %.1f→%.1f→%.1f MiB, goroutines %d→%d→%d",
		n, openTook.Round(time.Millisecond), float64(heap0)/mib, float64(heap1)/mib, float64(heap2)/mib,
		float64(sys0)/mib, float64(sys1)/mib, float64(sys2)/mib, g0, g1, g2)
}
