package tmuxtest

import (
	"os"
	"testing"
)

// TestMain removes the binaries the tests build.
func TestMain(m *testing.M) { os.Exit(Main(m)) }
