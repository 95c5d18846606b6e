package attempts_test

import (
	"os"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binary the end-to-end test builds.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }
