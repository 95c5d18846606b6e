package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fakeDBusLaunch stands in for dbus-x11's dbus-launch, which godbus runs
// when DBUS_SESSION_BUS_ADDRESS is unset: like the real one it starts a
// session bus that outlives its caller (on which gnome-keyring-daemon is
// activated by the first Secret Service call), and prints its address.
const fakeDBusLaunch = `#!/bin/sh
touch "$TV_AUTOLAUNCHED"
addr=$(dbus-daemon --session --fork --print-address=1) || exit 1
echo "DBUS_SESSION_BUS_ADDRESS=$addr"
`

// TestLoginNeverAutolaunchesABus runs `login` with no
// DBUS_SESSION_BUS_ADDRESS on a host where dbus-launch exists: the
// command must say "no keyring available" (not "locked") with what to do,
// start no bus, and leave no dbus-daemon or gnome-keyring-daemon running.
func TestLoginNeverAutolaunchesABus(t *testing.T) {
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		if os.Getenv("TWILIO_VERIFY_REQUIRE_INTEGRATION") == "1" {
			t.Fatal("integration required: dbus-daemon not installed (apt-get install dbus)")
		}
		t.Skip("dbus-daemon not installed: the fake dbus-launch needs it to start a bus")
	}
	bin := buildBinary(t)
	sb, url := startSandbox(t)

	fakeDir, home := t.TempDir(), t.TempDir()
	launch := filepath.Join(fakeDir, "dbus-launch")
	if err := os.WriteFile(launch, []byte(fakeDBusLaunch), 0o700); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(t.TempDir(), "autolaunched")
	// Every process the command starts inherits this variable, which is how
	// they are told apart from other buses on the machine.
	tag := fmt.Sprintf("TV_LEAK_TAG=%d-%d", os.Getpid(), time.Now().UnixNano())
	dir := t.TempDir()
	env := []string{
		"PATH=" + fakeDir + string(os.PathListSeparator) + filepath.Dir(daemon) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + home, "XDG_DATA_HOME=" + home, "XDG_RUNTIME_DIR=" + home, "DISPLAY=", "WAYLAND_DISPLAY=",
		"TWILIO_VERIFY_CONFIG_DIR=" + dir, "TWILIO_VERIFY_STATE_DIR=" + filepath.Join(dir, "state"),
		"TWILIO_ACCOUNT_SID=" + sb.AccountSID(), "TWILIO_AUTH_TOKEN=" + sb.AuthToken(),
		"TV_AUTOLAUNCHED=" + marker, tag,
	}
	before := taggedBusProcesses(t, tag)
	r := runBin(t, bin, env, "login", "--from-env", "--sandbox-url", url, "--profile", "nobus")
	time.Sleep(300 * time.Millisecond) // an activated daemon may take a moment to show up
	after := taggedBusProcesses(t, tag)
	t.Cleanup(func() {
		for pid := range after {
			syscall.Kill(pid, syscall.SIGTERM) // started by this test
		}
	})

	if _, err := os.Stat(marker); err == nil {
		t.Error("dbus-launch was run")
	}
	if len(after) > len(before) {
		t.Errorf("processes left running after the command: %v (before: %v)", after, before)
	}
	if r.code != 1 || !strings.Contains(r.stderr, "no keyring available") || strings.Contains(r.stderr, "locked") ||
		!strings.Contains(r.stderr, "DBUS_SESSION_BUS_ADDRESS") || !strings.Contains(r.stderr, "gnome-keyring-daemon --unlock") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "Account SID") {
		t.Error("prompted although no keyring can keep the secret")
	}
}

// taggedBusProcesses returns the dbus-daemon, dbus-launch and
// gnome-keyring-daemon processes (pid → name) whose environment holds tag.
func taggedBusProcesses(t *testing.T, tag string) map[int]string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc: cannot count processes")
	}
	found := map[int]string{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
		if err != nil {
			continue
		}
		name := strings.TrimSpace(string(comm))
		switch name {
		case "dbus-daemon", "dbus-launch", "gnome-keyring-d":
		default:
			continue
		}
		environ, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err == nil && bytes.Contains(append(append([]byte{0}, environ...), 0), []byte("\x00"+tag+"\x00")) {
			found[pid] = name
		}
	}
	return found
}
