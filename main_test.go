package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binary TestBinaryWiring builds.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }

// TestBinaryWiring checks what main adds to ui/cli: the version it passes,
// the process's streams, and the exit code (the commands themselves are
// tested in ui/cli).
func TestBinaryWiring(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := tmuxtest.Build(t, ".")
	out, err := exec.Command(bin, "version").Output()
	if err != nil || string(out) != "twilio-verify "+version+"\n" {
		t.Fatalf("version: %q %v", out, err)
	}
	var stderr strings.Builder
	cmd := exec.Command(bin, "--bogus")
	cmd.Stderr = &stderr
	var ee *exec.ExitError
	if err := cmd.Run(); !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(stderr.String(), "twilio-verify: unknown flag: --bogus") {
		t.Fatalf("--bogus: %v\n%s", err, stderr.String())
	}
}
