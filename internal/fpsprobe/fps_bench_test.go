package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binary the benchmark builds.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }

// BenchmarkFrameRate compares renderer frame rates on the same build:
// for each, the wall time from starting the console (on its sandbox, in a
// 100×30 pseudo-terminal) to the first complete frame, and the CPU the
// process uses over 10 s of an idle console in tmux (utime+stime from
// /proc/PID/stat), as a share of one core.
func BenchmarkFrameRate(b *testing.B) {
	bin := tmuxtest.Build(b, "github.com/twilio-verify/twilio-verify/internal/fpsprobe")
	for _, fps := range []int{60, 120} {
		b.Run(fmt.Sprintf("fps=%d", fps), func(b *testing.B) {
			var first time.Duration
			for b.Loop() {
				first += firstFrame(b, bin, fps)
			}
			b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "first-frame-ms")
			b.ReportMetric(idleCPU(b, bin, fps, 10*time.Second)*100, "idle-cpu-%")
		})
	}
}

// firstFrame starts the probe in a pseudo-terminal and returns the time
// to a frame showing the loaded sandbox service.
func firstFrame(b *testing.B, bin string, fps int) time.Duration {
	cmd := exec.Command(bin, "-fps", strconv.Itoa(fps))
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	buf := make([]byte, 64<<10)
	_ = f.SetReadDeadline(time.Now().Add(10 * time.Second))
	for !strings.Contains(ansi.Strip(out.String()), "Sandbox Demo") {
		n, err := f.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			b.Fatalf("no complete frame: %v", err)
		}
	}
	took := time.Since(start)
	_, _ = f.Write([]byte{3}) // ctrl+c
	go func() {
		for {
			if _, err := f.Read(buf); err != nil {
				return
			}
		}
	}()
	_ = cmd.Wait()
	return took
}

// idleCPU runs the probe in tmux, waits for its first frame, and returns
// the CPU it used over d of idling as a share of one core.
func idleCPU(b *testing.B, bin string, fps int, d time.Duration) float64 {
	s := tmuxtest.Start(b, tmuxtest.Options{Binary: bin, Args: []string{"-fps", strconv.Itoa(fps)}, Width: 100, Height: 30})
	defer s.Close()
	s.WaitFor("Sandbox Demo", 15*time.Second)
	pid := pidOf(b, bin)
	time.Sleep(time.Second) // past start-up
	t0, w0 := cpuTicks(b, pid), time.Now()
	time.Sleep(d)
	t1, w1 := cpuTicks(b, pid), time.Now()
	return float64(t1-t0) / clockTicks / w1.Sub(w0).Seconds()
}

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times (100 on
// Linux everywhere Go runs).
const clockTicks = 100

// pidOf finds the running process whose executable is bin.
func pidOf(b *testing.B, bin string) int {
	procs, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, p := range procs {
		if exe, err := os.Readlink(p); err == nil && exe == bin {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
			return pid
		}
	}
	b.Fatalf("no process runs %s", bin)
	return 0
}

// cpuTicks is the process's user+system CPU time in clock ticks.
func cpuTicks(b *testing.B, pid int) int64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// Fields after the command name (which may hold spaces) start at
	// state; utime and stime are fields 14 and 15.
	f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+2:]))
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ut + st
}
