package apitest_test

import (
	"context"
	"os"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

func TestStart(t *testing.T) {
	t.Setenv("TWILIO_EDGE", "sydney")
	t.Setenv("TWILIO_REGION", "au1")
	c, sb := apitest.Start(t, sandbox.Options{})
	for _, k := range []string{"TWILIO_EDGE", "TWILIO_REGION"} {
		if _, set := os.LookupEnv(k); set {
			t.Fatalf("%s still set", k)
		}
	}
	if !c.IsSandbox() || c.AccountSID() != sb.AccountSID() {
		t.Fatalf("client %v for %s", c, sb.AccountSID())
	}
	ctx := context.Background()
	page, err := c.ListServicesPage(ctx, 10, "")
	if err != nil || len(page.Services) != 1 {
		t.Fatalf("services: %+v %v", page, err)
	}
	va := page.Services[0].SID
	if _, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: va, To: sandbox.NumberMobile, Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	res, err := c.CheckVerification(ctx, twilioapi.CheckParams{ServiceSID: va, To: sandbox.NumberMobile, Code: apitest.LatestCode(t, sb, sandbox.NumberMobile)})
	if err != nil || !res.Valid {
		t.Fatalf("check: %+v %v", res, err)
	}
}

func TestServeAndClient(t *testing.T) {
	sb, srv := apitest.Serve(t, sandbox.Options{Empty: true})
	sid, secret := sb.IssueAPIKey()
	c := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), APIKeySID: sid, APIKeySecret: secret, BaseURL: srv.URL()})
	page, err := c.ListServicesPage(context.Background(), 10, "")
	if err != nil || len(page.Services) != 0 {
		t.Fatalf("empty sandbox: %+v %v", page, err)
	}
}
