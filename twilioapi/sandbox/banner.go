package sandbox

import (
	"fmt"
	"io"
	"strings"
)

// printBanner tells the user where the sandbox is and how to use it.
// The sandbox's own credentials are printed in full: they are local test
// credentials the user needs to type into their client, not Twilio secrets.
// A token read from a file or the environment is the exception: it is
// referred to by its source (ServeOptions.AuthTokenSource).
func printBanner(out io.Writer, url string, sb *Sandbox, o ServeOptions) {
	state := "in memory (lost on exit)"
	if o.StatePath != "" {
		state = o.StatePath
	}
	clock := "real time (move it forward with POST /sandbox/v1/Clock)"
	if o.ManualClock {
		clock = "manual: " + rfc3339(sb.Now()) + " until moved with POST /sandbox/v1/Clock"
	}
	shown, goToken, curlToken := sb.AuthToken(), `"`+sb.AuthToken()+`"`, sb.AuthToken()
	if src := o.AuthTokenSource; src != "" {
		shown, goToken = "from "+src+" (not shown)", "authToken"
		if file, ok := strings.CutPrefix(src, "file "); ok {
			curlToken = `"$(cat '` + file + `')"`
		} else {
			curlToken = `"` + src + `"`
		}
	}
	fmt.Fprintf(out, `Twilio Verify sandbox (Verify v2 + Lookup v2) listening on %s

  Base URL     %s
  Account SID  %s
  Auth token   %s
  State        %s
  Clock        %s

Use it from the twilio-verify console (login --from-env takes the credentials from the environment):
  %s
  twilio-verify --profile sandbox

Point twilio-go at it (import only client, rest/verify/v2, rest/lookups/v2):

  target, _ := url.Parse("%s")
  c := &client.Client{
      Credentials: client.NewCredentials("%s", %s),
      HTTPClient:  &http.Client{Transport: rewrite{target}}, // RoundTripper: set URL.Scheme, URL.Host, Host to target
  }
  v := verify.NewApiServiceWithClient(c)   // lookups.NewApiServiceWithClient(c) for Lookup

Do not set TWILIO_EDGE / TWILIO_REGION. Codes land in the outbox:
  curl -u %s:%s '%s/sandbox/v1/Messages?To=%%2B14155550100'
Expire codes without waiting:
  curl -u %s:%s -d '{"advance_seconds":600}' '%s/sandbox/v1/Clock'
Test numbers: +14155550100 mobile, +14155550101 landline, +14155550102 Fraud Guard,
  +14155550103 undeliverable, +14155550104 SNA, +14155550105 Geo Permissions,
  +14155550106 SIM swapped, +14155550107 call forwarding, bounce@example.com bounces.
Press Ctrl+C to stop.
`, url, url, sb.AccountSID(), shown, state, clock, loginLine(url, sb.AccountSID(), o.AuthTokenSource, curlToken),
		url, sb.AccountSID(), goToken,
		sb.AccountSID(), curlToken, url, sb.AccountSID(), curlToken, url)
}

// loginLine is the command that saves the sandbox as the console profile
// "sandbox": `twilio-verify login --from-env` reads TWILIO_ACCOUNT_SID and
// TWILIO_AUTH_TOKEN, and --sandbox-url keeps the profile on this sandbox.
// token is the shell word for the auth token; a token already in
// $TWILIO_AUTH_TOKEN is left where it is.
func loginLine(url, accountSID, tokenSource, token string) string {
	env := "TWILIO_ACCOUNT_SID=" + accountSID
	if tokenSource != "$TWILIO_AUTH_TOKEN" {
		env += " TWILIO_AUTH_TOKEN=" + token
	}
	return env + " twilio-verify login --from-env --sandbox-url " + url + " --profile sandbox"
}
