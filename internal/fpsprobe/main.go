// Command fpsprobe runs the console on its in-process sandbox at a chosen
// renderer frame rate. It exists for the frame-rate benchmark
// (BenchmarkFrameRate): the console itself runs at the rate ui.NewProgram
// picks; this probe compares that choice with others on the same build.
//
//	go run ./internal/fpsprobe -fps 120
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

func main() {
	fps := flag.Int("fps", 60, "the renderer's frame rate (Bubble Tea's default is 60)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "fpsprobe")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	p, cleanup, err := ui.Build(ui.BuildOptions{Ctx: context.Background(), Sandbox: true, ConfigDir: dir,
		Operator: common.LocalOperator(), Extra: []tea.ProgramOption{tea.WithFPS(*fps)}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer cleanup()
	if _, err := p.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
