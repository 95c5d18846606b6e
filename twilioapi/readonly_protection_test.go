package twilioapi

import (
	"context"
	"testing"
)

// The protection calls that change something are refused by a read-only
// client before any request; the reads go out.
func TestReadOnlyClientRefusesProtectionMutations(t *testing.T) {
	c, err := New(Config{AccountSID: "AC" + "0123456789abcdef0123456789abcdef", AuthToken: "token123",
		BaseURL: "http://127.0.0.1:1", ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	va, rk, bl := "VA0123456789abcdef0123456789abcdef", "RK0123456789abcdef0123456789abcdef", "BL0123456789abcdef0123456789abcdef"
	one, level := 1, GuardMax
	yw, mg, off := "YW0123456789abcdef0123456789abcdef", "MG0123456789abcdef0123456789abcdef", WebhookDisabled
	calls := map[string]func() error{
		"AddToSafeList":      func() error { _, err := c.AddToSafeList(ctx, "+14155550100"); return err },
		"RemoveFromSafeList": func() error { return c.RemoveFromSafeList(ctx, "+14155550100") },
		"CreateRateLimit":    func() error { _, err := c.CreateRateLimit(ctx, va, "ip", ""); return err },
		"UpdateRateLimit":    func() error { _, err := c.UpdateRateLimit(ctx, va, rk, "x"); return err },
		"DeleteRateLimit":    func() error { return c.DeleteRateLimit(ctx, va, rk) },
		"CreateBucket":       func() error { _, err := c.CreateBucket(ctx, va, rk, 1, 60); return err },
		"UpdateBucket":       func() error { _, err := c.UpdateBucket(ctx, va, rk, bl, BucketUpdate{Max: &one}); return err },
		"DeleteBucket":       func() error { return c.DeleteBucket(ctx, va, rk, bl) },
		"CreateWebhook": func() error {
			_, err := c.CreateWebhook(ctx, va, WebhookParams{FriendlyName: "x", URL: "https://example.com", EventTypes: []WebhookEvent{"*"}})
			return err
		},
		"UpdateWebhook": func() error { _, err := c.UpdateWebhook(ctx, va, yw, WebhookUpdate{Status: &off}); return err },
		"DeleteWebhook": func() error { return c.DeleteWebhook(ctx, va, yw) },
		"CreateMessagingConfiguration": func() error {
			_, err := c.CreateMessagingConfiguration(ctx, va, "US", mg)
			return err
		},
		"UpdateMessagingConfiguration": func() error {
			_, err := c.UpdateMessagingConfiguration(ctx, va, "US", mg)
			return err
		},
		"DeleteMessagingConfiguration": func() error { return c.DeleteMessagingConfiguration(ctx, va, "all") },
		"SetSandboxGuard": func() error {
			_, err := c.SetSandboxGuard(ctx, SandboxGuardUpdate{ServiceSID: va, Level: &level})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !IsReadOnly(err) {
			t.Errorf("%s on a read-only client: %v, want the read-only refusal", name, err)
		}
	}
	reads := map[string]func() error{
		"FetchSafeListEntry": func() error { _, err := c.FetchSafeListEntry(ctx, "+14155550100"); return err },
		"ListAttemptsPage":   func() error { _, err := c.ListAttemptsPage(ctx, AttemptFilter{}, 50, ""); return err },
		"AttemptsSummary":    func() error { _, err := c.AttemptsSummary(ctx, AttemptsSummaryFilter{}); return err },
		"SandboxGuard":       func() error { _, err := c.SandboxGuard(ctx, va); return err },
		"ListBucketsPage":    func() error { _, err := c.ListBucketsPage(ctx, va, rk, 50, ""); return err },
		"ListWebhooksPage":   func() error { _, err := c.ListWebhooksPage(ctx, va, 50, ""); return err },
		"FetchWebhook":       func() error { _, err := c.FetchWebhook(ctx, va, yw); return err },
		"ListMsgConfigs":     func() error { _, err := c.ListMessagingConfigurationsPage(ctx, va, 50, ""); return err },
		"FetchMsgConfig":     func() error { _, err := c.FetchMessagingConfiguration(ctx, va, "US"); return err },
		"ListTemplatesPage":  func() error { _, err := c.ListTemplatesPage(ctx, "", 50, ""); return err },
		"Deliveries":         func() error { _, err := c.SandboxWebhookDeliveries(ctx); return err },
	}
	for name, call := range reads {
		if err := call(); err == nil || IsReadOnly(err) {
			t.Errorf("%s: %v, want the request to go out (and fail: nothing listens)", name, err)
		}
	}
}
