// Command twilio-verify is a terminal admin console for Twilio Verify, with
// an embedded Verify v2 sandbox. The commands live in package ui/cli.
package main

import (
	"context"
	"os"

	"github.com/twilio-verify/twilio-verify/ui/cli"
)

// version is set with -ldflags "-X main.version=..." at release time.
var version = "dev"

func main() {
	os.Exit(cli.Execute(context.Background(), version, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
