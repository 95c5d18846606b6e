package tmuxtest

import (
	"os"
	"testing"
)

// ConsolePackage is the console's main package, the binary StartConsole
// runs.
const ConsolePackage = "github.com/twilio-verify/twilio-verify"

// SkipShort skips a slow end-to-end test under -short, unless
// TWILIO_VERIFY_REQUIRE_INTEGRATION=1 asks for every integration test.
func SkipShort(t testing.TB) {
	t.Helper()
	if testing.Short() && os.Getenv(RequireEnv) != "1" {
		t.Skip("end-to-end test (-short)")
	}
}

// ConsoleEnv is an environment in which the console finds no credentials
// and no saved profiles, and leaves no audit trail in the user's home:
// the TWILIO_* credential variables and TWILIO_VERIFY_CONFIG_DIR are
// empty (unset, to the console), XDG_CONFIG_HOME and
// TWILIO_VERIFY_STATE_DIR fresh temp dirs. Variables listed after these
// override them.
func ConsoleEnv(t testing.TB) []string {
	return []string{"XDG_CONFIG_HOME=" + t.TempDir(), "TWILIO_VERIFY_CONFIG_DIR=", "TWILIO_VERIFY_STATE_DIR=" + t.TempDir(),
		"TWILIO_ACCOUNT_SID=", "TWILIO_AUTH_TOKEN=", "TWILIO_API_KEY=", "TWILIO_API_SECRET="}
}

// StartConsole builds the console once (Build) and starts it as Start
// does, in ConsoleEnv with o.Env on top; o.Binary is ignored. Packages
// that call it run their tests through Main.
func StartConsole(t testing.TB, o Options) *Session {
	t.Helper()
	Require(t)
	o.Binary = Build(t, ConsolePackage)
	o.Env = append(ConsoleEnv(t), o.Env...)
	return Start(t, o)
}
