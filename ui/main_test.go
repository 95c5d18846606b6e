package ui

import (
	"os"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binaries the end-to-end tests and the start-up
// benchmark build.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }
