package twilioapi_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// TestIsAuthFailure: a wrong token is Twilio's 20003, the one failure
// that says the credentials are wrong; a 404 and a refused connection are
// not.
func TestIsAuthFailure(t *testing.T) {
	sb, srv := apitest.Serve(t, sandbox.Options{})
	ctx := context.Background()
	wrong := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: strings.Repeat("0", 32), BaseURL: srv.URL()})
	right := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	closed := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: "http://127.0.0.1:1"})
	calls := []struct {
		name string
		call func() error
		want bool
	}{
		{"wrong token", func() error { _, err := wrong.ListServicesPage(ctx, 1, ""); return err }, true},
		{"no such service", func() error { _, err := right.FetchService(ctx, "VA"+strings.Repeat("0", 32)); return err }, false},
		{"nothing listens", func() error { _, err := closed.ListServicesPage(ctx, 1, ""); return err }, false},
	}
	for _, c := range calls {
		var te *twilioapi.Error
		if err := c.call(); !errors.As(err, &te) {
			t.Fatalf("%s: %v is not a *twilioapi.Error", c.name, err)
		}
		if te.IsAuthFailure() != c.want {
			t.Errorf("%s: IsAuthFailure() = %v for %v, want %v", c.name, !c.want, te, c.want)
		}
	}
}
