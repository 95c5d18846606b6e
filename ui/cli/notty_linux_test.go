package cli

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// TestConsoleWithoutTerminalSaysSoOnce: the console started with no
// terminal at all (a cron job, a pipe, no controlling TTY) fails with
// exit 1 and one error line, not the same error printed twice.
func TestConsoleWithoutTerminalSaysSoOnce(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "--sandbox")
	cmd.Env = binEnv(t)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal: /dev/tty cannot open
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(""), &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v\nstderr:\n%s", err, errb.String())
	}
	if n := strings.Count(errb.String(), "twilio-verify:"); n != 1 || !strings.Contains(errb.String(), "the console stopped") {
		t.Fatalf("the error is printed %d times:\n%s", n, errb.String())
	}
}
