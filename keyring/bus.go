package keyring

import (
	"errors"
	"strings"
)

// BusAddressVar names the session bus the Secret Service is reached on.
const BusAddressVar = "DBUS_SESSION_BUS_ADDRESS"

// errNoSessionBus is the underlying error of a keyring call refused
// because no session bus address is set.
var errNoSessionBus = errors.New(BusAddressVar + " is not set (no D-Bus session bus to reach a Secret Service on)")

// needsSessionBus reports whether the OS keyring of goos is the Secret
// Service over D-Bus: everywhere but macOS (Keychain) and Windows
// (Credential Manager).
func needsSessionBus(goos string) bool { return goos != "darwin" && goos != "windows" }

// sessionBusMissing reports whether a keyring call on goos must be refused
// without reaching D-Bus: the Secret Service is needed but the
// environment names no session bus. godbus would then run dbus-launch,
// whose bus (and the gnome-keyring-daemon it activates, with no login
// keyring and nobody to unlock it) stays running after the command exits
// and answers "locked"; "autolaunch:" asks for the same thing.
func sessionBusMissing(goos string, getenv func(string) string) bool {
	if !needsSessionBus(goos) {
		return false
	}
	addr := strings.TrimSpace(getenv(BusAddressVar))
	return addr == "" || strings.HasPrefix(addr, "autolaunch:")
}
