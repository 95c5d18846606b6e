package ui

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// BenchmarkStartup measures, per iteration, the wall time from starting
// the binary with --sandbox in a 100×30 pseudo-terminal to the first
// complete frame: the screen shows the tab bar, the SANDBOX badge and
// the sandbox's "Sandbox Demo" service loaded over loopback HTTP. The
// process is then quit with ctrl+c. ns/op is that time; the
// first-frame-ms metric is the same figure in milliseconds.
func BenchmarkStartup(b *testing.B) {
	bin := tmuxtest.Build(b, tmuxtest.ConsolePackage)
	dir := b.TempDir()
	var shell, full time.Duration
	for b.Loop() {
		s, f := startOnce(b, bin, dir)
		shell += s
		full += f
	}
	b.ReportMetric(float64(shell.Microseconds())/1000/float64(b.N), "shell-frame-ms")
	b.ReportMetric(float64(full.Microseconds())/1000/float64(b.N), "first-frame-ms")
}

// startOnce runs the binary once and returns the time to the first frame
// of the shell (tab bar and badge) and to the first complete frame (the
// services loaded too).
func startOnce(b *testing.B, bin, dir string) (shell, full time.Duration) {
	cmd := exec.Command(bin, "--sandbox")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "TWILIO_VERIFY_CONFIG_DIR="+dir)
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	buf := make([]byte, 64<<10)
	deadline := time.Now().Add(10 * time.Second)
	for {
		_ = f.SetReadDeadline(deadline)
		n, err := f.Read(buf)
		out.Write(buf[:n])
		scr := ansi.Strip(out.String())
		if shell == 0 && strings.Contains(scr, "SANDBOX") && strings.Contains(scr, "1 Services") {
			shell = time.Since(start)
		}
		if shell != 0 && strings.Contains(scr, "Sandbox Demo") {
			full = time.Since(start)
			break
		}
		if err != nil {
			b.Fatalf("no complete frame: %v; output %q", err, ansi.Strip(out.String()))
		}
	}
	_, _ = f.Write([]byte{3}) // ctrl+c
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	go func() {
		// Drain so the program's last writes never block.
		for {
			if _, err := f.Read(buf); err != nil {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		b.Fatal("program did not quit on ctrl+c")
	}
	return shell, full
}
