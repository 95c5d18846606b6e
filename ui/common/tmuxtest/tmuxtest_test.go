package tmuxtest

import (
	"strings"
	"testing"
	"time"
)

// TestSession drives the echo program: type, wait, read the screen, exit.
func TestSession(t *testing.T) {
	Require(t)
	bin := Build(t, "./testdata/echoapp")
	if again := Build(t, "./testdata/echoapp"); again != bin {
		t.Fatalf("second Build rebuilt: %s vs %s", again, bin)
	}
	s := Start(t, Options{Binary: bin, Width: 40, Height: 10})
	s.WaitFor("ready", 5*time.Second)
	s.Type("hello world")
	s.SendKeys("Enter")
	sc := s.WaitFor("got: hello world", 5*time.Second)
	if !strings.HasPrefix(sc, "ready") {
		t.Fatalf("screen does not start with ready:\n%s", sc)
	}
	if s.Exited() {
		t.Fatal("exited too early")
	}
	s.Type("quit")
	s.SendKeys("Enter")
	s.WaitExit(5 * time.Second)
	if got := s.ExitStatus(); got != 3 {
		t.Fatalf("exit status %d, want 3", got)
	}
	s.Close()
	s.Close()
}
