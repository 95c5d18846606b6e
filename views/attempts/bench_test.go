package attempts

import (
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// benchSeed is the benchmarks' log: 100,000 attempts in the sandbox.
const benchSeed = 100_000

// heapMB is the live heap after a collection, in MB.
func heapMB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

// step presses k and draws the frame (what the benchmark times); the
// commands it starts (page loads over loopback, budget waits) run
// outside the timer.
func (h *harness) step(b *testing.B, k string) {
	m, cmd := h.M.update(viewtest.Key(k))
	_ = m.View()
	h.M = m
	if cmd != nil {
		b.StopTimer()
		h.Loop(cmd)
		h.settle()
		b.StartTimer()
	}
}

// BenchmarkScroll100k is one keypress to its frame (Update + View) while
// scrolling down a log of 100,000 attempts at 160×48, pages loading as
// the cursor nears their end (target: under 16 ms). It reports how many
// attempts were loaded when it ended.
func BenchmarkScroll100k(b *testing.B) {
	h := newHarness(b, benchSeed, 160, 48)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.step(b, "down")
	}
	b.ReportMetric(float64(h.M.list.Len()), "loaded")
}

// BenchmarkScrollFullyLoaded is the same keypress with all 100,000
// attempts already loaded, the cursor in the middle: the frame must not
// grow with the log.
func BenchmarkScrollFullyLoaded(b *testing.B) {
	h := newHarness(b, benchSeed, 160, 48)
	for h.M.list.Next() != "" {
		h.Key("G")
		h.settle()
	}
	h.M.list.SetCursor(benchSeed / 2)
	keys := []string{"down", "up"}
	i := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.step(b, keys[i%2])
		i++
	}
	b.ReportMetric(float64(h.M.list.Len()), "loaded")
}

// BenchmarkLogMemory loads N pages of the log and reports the heap the
// view holds for them: proportional to the pages loaded, not to the
// 100,000 attempts behind them.
func BenchmarkLogMemory(b *testing.B) {
	for _, pages := range []int{10, 100, 1000} {
		b.Run(itoaPages(pages), func(b *testing.B) {
			for b.Loop() {
				h := newHarness(b, benchSeed, 160, 48)
				base := heapMB()
				for h.M.list.Len() < pages*PageSize && h.M.list.Next() != "" {
					h.Key("G")
					h.settle()
				}
				held := heapMB() - base
				b.ReportMetric(held, "MB-held")
				b.ReportMetric(held*(1<<20)/float64(h.M.list.Len()), "B/attempt")
				b.ReportMetric(float64(h.M.list.Len()), "loaded")
			}
		})
	}
}

// itoaPages names a sub-benchmark by its page count.
func itoaPages(n int) string { return "pages=" + thousands(n) }

// BenchmarkExport100k exports all 100,000 attempts of the sandbox to CSV
// through the view's own loop (a page of 1,000 per command). The budget's
// waits are skipped by stepping the clock, so this is the console's side
// alone; against Twilio the budget paces it to about 1,500 rows/s. It
// reports rows per second and the peak live heap above what the sandbox
// and the view held before: a page's worth, not the export's.
func BenchmarkExport100k(b *testing.B) {
	h := newHarness(b, benchSeed, 160, 48)
	dir := b.TempDir()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	base := heapMB()
	go func() {
		defer close(done)
		// The live heap as of the last collection: what the export
		// holds, not the garbage between collections.
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
		}
	}()
	rows := 0
	b.ResetTimer()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		h.startExport(filepath.Join(dir, "export-"+itoaPages(i)+".csv"), FormatCSV)
		h.settle()
		if want := "exported " + strconv.Itoa(benchSeed) + " attempts"; !strings.HasPrefix(h.LastFlash(), want) {
			b.Fatalf("flash %q, want %q", h.LastFlash(), want)
		}
		rows += benchSeed
	}
	took := time.Since(start)
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(rows)/took.Seconds(), "rows/s")
	b.ReportMetric(float64(peak.Load())/(1<<20)-base, "MB-peak-live-above-base")
}
