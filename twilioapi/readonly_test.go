package twilioapi

import (
	"context"
	"testing"
)

// A read-only client refuses every mutating call before any request: the
// base URL points at a closed port, so a request would fail with
// KindRefused instead of KindReadOnly.
func TestReadOnlyClientRefusesMutations(t *testing.T) {
	c, err := New(Config{AccountSID: "AC" + "0123456789abcdef0123456789abcdef", AuthToken: "token123",
		BaseURL: "http://127.0.0.1:1", ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	svc := "VA" + "0123456789abcdef0123456789abcdef"
	name := "Demo"
	calls := map[string]func() error{
		"CreateService": func() error { _, err := c.CreateService(ctx, ServiceSettings{FriendlyName: &name}); return err },
		"UpdateService": func() error { _, err := c.UpdateService(ctx, svc, ServiceSettings{FriendlyName: &name}); return err },
		"DeleteService": func() error { return c.DeleteService(ctx, svc) },
		"StartVerification": func() error {
			_, err := c.StartVerification(ctx, StartParams{ServiceSID: svc, To: "+14155550100", Channel: ChannelSMS})
			return err
		},
		"Approve": func() error {
			_, err := c.UpdateVerificationStatus(ctx, svc, "+14155550100", StatusApproved)
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !IsReadOnly(err) {
			t.Errorf("%s on a read-only client: %v, want the read-only refusal", name, err)
		}
	}
	if !c.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	// Reads still go out (and fail here only because nothing listens).
	if _, err := c.FetchService(ctx, svc); IsReadOnly(err) {
		t.Error("a read was refused as read-only")
	}
}
