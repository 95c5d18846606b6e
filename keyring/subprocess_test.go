package keyring

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// go-keyring's MockInit replaces its provider for the rest of the process
// and cannot be undone, so tests that need the real Secret Service (or the
// real "no bus" failure) run in a fresh copy of this test binary.

const helperEnv = "TWILIO_VERIFY_KEYRING_HELPER"

// requireIntegration skips, or fails under TWILIO_VERIFY_REQUIRE_INTEGRATION=1.
func requireIntegration(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("TWILIO_VERIFY_REQUIRE_INTEGRATION") == "1" {
		t.Fatalf("integration required but unavailable: %s", why)
	}
	t.Skip(why)
}

// runHelper runs TestHelperProcess in a subprocess with scenario and env
// (env replaces the parent's environment entirely when replaceEnv is set).
func runHelper(t *testing.T, scenario string, env []string, replaceEnv bool) (string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.v", "-test.count=1")
	if replaceEnv {
		cmd.Env = env
	} else {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Env = append(cmd.Env, helperEnv+"="+scenario)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		return out.String(), fmt.Errorf("helper %s hung", scenario)
	}
}

// runSecretServiceHelper runs scenario on the session's real Secret
// Service (env added to this process's) and returns its output, which
// must end with ok. A helper that found no usable Secret Service says
// "SECRET SERVICE UNAVAILABLE": the test then skips (or fails when the
// integration is required).
func runSecretServiceHelper(t *testing.T, scenario string, env []string, ok string) string {
	t.Helper()
	out, err := runHelper(t, scenario, env, false)
	if err != nil {
		if strings.Contains(out, "SECRET SERVICE UNAVAILABLE") {
			requireIntegration(t, "Secret Service unavailable:\n"+out)
		}
		t.Fatalf("helper failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, ok) {
		t.Fatalf("helper output:\n%s", out)
	}
	return out
}

// TestHelperProcess is not a test: it is the subprocess body of the tests
// above, selected by TWILIO_VERIFY_KEYRING_HELPER.
func TestHelperProcess(t *testing.T) {
	switch os.Getenv(helperEnv) {
	case "":
		// Run as part of the normal suite: nothing to do. Returning
		// (not skipping) keeps CI's skip-free rule meaningful.
		return
	case "real":
		helperReal(t)
	case "nobus":
		helperNoBus(t)
	case "totp":
		helperTOTP(t)
	case "noprovider":
		helperScenario(t, ErrNoKeyring)
	case "locked":
		helperScenario(t, ErrLocked)
	default:
		t.Fatalf("unknown helper scenario %q", os.Getenv(helperEnv))
	}
}
