package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binary the suite builds.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }

// TestSuite runs every journey in testdata/e2e on the built binary in
// tmux, against its sandbox. A script whose view is not registered is
// skipped; a missing tmux skips the suite, or fails it under
// TWILIO_VERIFY_REQUIRE_INTEGRATION=1.
func TestSuite(t *testing.T) {
	if testing.Short() && os.Getenv(tmuxtest.RequireEnv) != "1" {
		t.Skip("end-to-end suite (-short)")
	}
	tmuxtest.Require(t)
	bin := tmuxtest.Build(t, "github.com/twilio-verify/twilio-verify")
	for _, sc := range scripts(t, "testdata/e2e/*.e2e") {
		t.Run(strings.TrimSuffix(filepath.Base(sc.path), ".e2e"), func(t *testing.T) {
			t.Parallel()
			run(t, bin, sc, nil)
		})
	}
}
