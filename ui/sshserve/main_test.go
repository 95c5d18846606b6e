package sshserve_test

import (
	"os"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// TestMain removes the binary the end-to-end tests build.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }
