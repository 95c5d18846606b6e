package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

// BenchmarkMemoryBurst200k starts 200,000 verifications (20 services at
// the pending cap), then moves the clock past Retention, and reports the
// heap in use idle, after the burst and after the move: the last must
// fall back near the first. Run with -benchtime=1x: one op is one burst.
func BenchmarkMemoryBurst200k(b *testing.B) {
	const services, perService = 20, MaxPendingPerService
	for range b.N {
		b.StopTimer()
		sb, err := New(Options{Empty: true, Clock: NewManualClock(t0).Now})
		if err != nil {
			b.Fatal(err)
		}
		var sids []string
		for i := range services {
			r := httptest.NewRequest("POST", "http://127.0.0.1:1/v2/Services", strings.NewReader(fmt.Sprintf("FriendlyName=s%d", i)))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
			w := httptest.NewRecorder()
			sb.ServeHTTP(w, r)
			var sv struct{ Sid string }
			if err := json.Unmarshal(w.Body.Bytes(), &sv); err != nil || w.Code != 201 {
				b.Fatalf("service: %d %s", w.Code, w.Body)
			}
			sids = append(sids, sv.Sid)
		}
		do := handlerDo(sb)
		idle := heapInuse()
		b.StartTimer()
		for _, sid := range sids {
			for i := range perService {
				if st := do("POST", "/v2/Services/"+sid+"/Verifications", fmt.Sprintf("Channel=sms&To=%%2B1500%07d", 5550000+i)); st != 201 {
					b.Fatalf("start: %d", st)
				}
			}
		}
		b.StopTimer()
		burst := heapInuse()
		if _, err := sb.AdvanceClock(Retention + CodeLifetime + time.Minute); err != nil {
			b.Fatal(err)
		}
		after := heapInuse()
		runtime.KeepAlive(sb)
		b.ReportMetric(idle/(1<<20), "idle-MiB")
		b.ReportMetric(burst/(1<<20), "burst-MiB")
		b.ReportMetric(after/(1<<20), "after-MiB")
		b.StartTimer()
	}
}

// heapInuse is runtime.MemStats.HeapInuse after a full collection.
func heapInuse() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse)
}
