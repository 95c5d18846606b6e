package keyring

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// noActivationBusConfig is a session bus with no service directories: no
// Secret Service can be activated on it.
const noActivationBusConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=%s</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// TestIntegrationBusScenarios starts private session buses with
// dbus-run-session to check how real failures are classified:
//   - a bus with no Secret Service provider: ErrNoKeyring;
//   - gnome-keyring activated but never unlocked (no login keyring, no
//     prompter): ErrLocked.
func TestIntegrationBusScenarios(t *testing.T) {
	drs, err := exec.LookPath("dbus-run-session")
	if err != nil {
		requireIntegration(t, "dbus-run-session not installed (apt-get install dbus)")
	}
	t.Run("no provider", func(t *testing.T) {
		tmp := t.TempDir()
		conf := filepath.Join(tmp, "bus.conf")
		os.WriteFile(conf, []byte(fmt.Sprintf(noActivationBusConfig, tmp)), 0o600)
		out, err := runUnderBus(t, drs, []string{"--config-file=" + conf}, "noprovider", tmp)
		if err != nil || !strings.Contains(out, "SCENARIO OK") {
			t.Fatalf("helper: %v\n%s", err, out)
		}
	})
	t.Run("locked", func(t *testing.T) {
		if _, err := exec.LookPath("gnome-keyring-daemon"); err != nil {
			requireIntegration(t, "gnome-keyring-daemon not installed (apt-get install gnome-keyring)")
		}
		out, err := runUnderBus(t, drs, nil, "locked", t.TempDir())
		if err != nil || !strings.Contains(out, "SCENARIO OK") {
			t.Fatalf("helper: %v\n%s", err, out)
		}
	})
}

// runUnderBus runs the helper scenario inside a fresh dbus-run-session with
// its own empty XDG_DATA_HOME (so no login keyring exists) and
// XDG_RUNTIME_DIR (where gnome-keyring puts its control socket).
func runUnderBus(t *testing.T, drs string, busArgs []string, scenario, dataHome string) (string, error) {
	t.Helper()
	args := append(append([]string{}, busArgs...), "--", os.Args[0], "-test.run=^TestHelperProcess$", "-test.v", "-test.count=1")
	cmd := exec.Command(drs, args...)
	env := []string{helperEnv + "=" + scenario, "XDG_DATA_HOME=" + dataHome, "XDG_RUNTIME_DIR=" + dataHome, "DISPLAY=", "WAYLAND_DISPLAY="}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.HasPrefix(kv, "XDG_DATA_HOME=") && !strings.HasPrefix(kv, "XDG_RUNTIME_DIR=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
		return string(out), err
	case <-time.After(60 * time.Second):
		if cmd.Process != nil {
			cmd.Process.Kill()
		}
		<-done
		return string(out), fmt.Errorf("scenario %s hung", scenario)
	}
}

// helperScenario expects every call to fail with want, quickly.
func helperScenario(t *testing.T, want error) {
	s := SystemSecrets(3 * time.Second)
	name := fmt.Sprintf("scenario-%d", os.Getpid())
	for op, call := range map[string]func() error{
		"get":    func() error { _, err := s.Get(name); return err },
		"set":    func() error { return s.Set(name, testToken) },
		"delete": func() error { return s.Delete(name) },
	} {
		if err := call(); !errors.Is(err, want) {
			t.Fatalf("%s = %v, want %v", op, err, want)
		} else {
			fmt.Printf("%s: %v\n", op, err)
		}
	}
	fmt.Println("SCENARIO OK")
}
