// Package apitest starts a sandbox on loopback and hands tests a
// twilioapi.Client pointed at it: the unmodified twilio-go client over real
// HTTP, no mocks. Everything started is stopped by t.Cleanup.
package apitest

import (
	"os"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// Start starts a sandbox built from opts on 127.0.0.1:0 and returns a client
// authenticated with its account SID and auth token. TWILIO_EDGE and
// TWILIO_REGION are cleared for the test (see clearEnv).
func Start(t testing.TB, opts sandbox.Options) (*twilioapi.Client, *sandbox.Sandbox) {
	t.Helper()
	sb, srv := Serve(t, opts)
	c := Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	return c, sb
}

// StartReadOnly is Start with a read-only client: every mutating call is
// refused by the client before it reaches the sandbox.
func StartReadOnly(t testing.TB, opts sandbox.Options) (*twilioapi.Client, *sandbox.Sandbox) {
	t.Helper()
	sb, srv := Serve(t, opts)
	c := Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL(), ReadOnly: true})
	return c, sb
}

// Serve starts a sandbox built from opts on 127.0.0.1:0 and returns it with
// its server (for its URL, or to close it early and see a refused
// connection).
func Serve(t testing.TB, opts sandbox.Options) (*sandbox.Sandbox, *sandbox.Server) {
	t.Helper()
	clearEnv(t)
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("apitest: sandbox.New: %v", err)
	}
	srv, err := sandbox.Listen(sb, "127.0.0.1:0")
	if err != nil {
		t.Fatalf("apitest: sandbox.Listen: %v", err)
	}
	t.Cleanup(func() {
		_ = srv.Close()
		_ = sb.Close() // releases a state file
	})
	return sb, srv
}

// Client builds a twilioapi.Client from cfg (typically pointed at a Serve
// URL, perhaps with an API key from sb.IssueAPIKey) and closes it with the
// test.
func Client(t testing.TB, cfg twilioapi.Config) *twilioapi.Client {
	t.Helper()
	c, err := twilioapi.New(cfg)
	if err != nil {
		t.Fatalf("apitest: twilioapi.New: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

// LatestCode returns the code of the newest message the sandbox delivered
// to `to`, failing the test when there is none.
func LatestCode(t testing.TB, sb *sandbox.Sandbox, to string) string {
	t.Helper()
	msgs := sb.Outbox(to)
	if len(msgs) == 0 {
		t.Fatalf("apitest: nothing delivered to %s", to)
	}
	return msgs[0].Code
}

// clearEnv removes TWILIO_EDGE and TWILIO_REGION for the test. twilioapi
// never reads them, but twilio-go's NewRequestHandler does: code under test
// that builds its own twilio-go client against a Serve URL would otherwise
// be sent to a Twilio edge host instead of the loopback sandbox. It only
// touches the environment when they are set, so parallel tests (where
// t.Setenv panics) can use Start in a clean environment.
func clearEnv(t testing.TB) {
	for _, k := range []string{"TWILIO_EDGE", "TWILIO_REGION"} {
		if _, ok := os.LookupEnv(k); ok {
			t.Setenv(k, "") // registers the restore
			os.Unsetenv(k)
		}
	}
}
