package sandbox

import (
	"fmt"
	"io"
)

// printBanner tells the user where the sandbox is and how to use it.
// The sandbox's own credentials are printed in full: they are local test
// credentials the user needs to type into their client, not Twilio secrets.
func printBanner(out io.Writer, url string, sb *Sandbox, statePath string) {
	state := "in memory (lost on exit)"
	if statePath != "" {
		state = statePath
	}
	fmt.Fprintf(out, `Twilio Verify sandbox (Verify v2 + Lookup v2) listening on %s

  Base URL     %s
  Account SID  %s
  Auth token   %s
  State        %s

Point twilio-go at it (import only client, rest/verify/v2, rest/lookups/v2):

  target, _ := url.Parse("%s")
  c := &client.Client{
      Credentials: client.NewCredentials("%s", "%s"),
      HTTPClient:  &http.Client{Transport: rewrite{target}}, // RoundTripper: set URL.Scheme, URL.Host, Host to target
  }
  v := verify.NewApiServiceWithClient(c)   // lookups.NewApiServiceWithClient(c) for Lookup

Do not set TWILIO_EDGE / TWILIO_REGION. Codes land in the outbox:
  curl -u %s:%s '%s/sandbox/v1/Messages?To=%%2B14155550100'
Test numbers: +14155550100 mobile, +14155550101 landline, +14155550102 Fraud Guard,
  +14155550103 undeliverable, +14155550104 SNA, +14155550105 Geo Permissions,
  bounce@example.com bounces.
Press Ctrl+C to stop.
`, url, url, sb.AccountSID(), sb.AuthToken(), state, url, sb.AccountSID(), sb.AuthToken(),
		sb.AccountSID(), sb.AuthToken(), url)
}
