package e2e

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// shotsDir, when set, receives each screenshot journey's captures as
// NAME.ansi (testdata/screenshots/make.sh renders them to PNG).
var shotsDir = flag.String("shots", "", "write the screenshot journeys' captures (ANSI) to this directory")

// TestScreenshots plays the README's screenshot journeys
// (testdata/screenshots/*.e2e): they must keep working as the console
// changes, whether or not pictures are being made.
func TestScreenshots(t *testing.T) {
	if testing.Short() && os.Getenv(tmuxtest.RequireEnv) != "1" && *shotsDir == "" {
		t.Skip("end-to-end screenshot journeys (-short)")
	}
	tmuxtest.Require(t)
	bin := tmuxtest.Build(t, "github.com/twilio-verify/twilio-verify")
	for _, sc := range scripts(t, "testdata/screenshots/*.e2e") {
		t.Run(strings.TrimSuffix(filepath.Base(sc.path), ".e2e"), func(t *testing.T) {
			t.Parallel()
			shots := 0
			run(t, bin, sc, func(name, ansi string) {
				shots++
				if strings.TrimSpace(ansi) == "" {
					t.Fatalf("shot %s: empty screen", name)
				}
				if *shotsDir != "" {
					if err := os.WriteFile(filepath.Join(*shotsDir, name+".ansi"), []byte(ansi), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
			if shots == 0 {
				t.Fatal("the journey takes no shot")
			}
		})
	}
}
