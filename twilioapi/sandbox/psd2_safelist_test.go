package sandbox

import (
	"strings"
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// A PSD2 service's messages name the amount and the payee on every
// channel, in the message's language for SMS.
func TestPSD2MessagesNamePayment(t *testing.T) {
	e := newEnv(t, Options{})
	svc := e.newService("Owl Bank", func(p *verify.CreateServiceParams) {
		p.SetPsd2Enabled(true).SetWhatsappFrom("whatsapp:+15005550006")
	})
	for _, tt := range []struct{ to, channel, locale, want string }{
		{"+15005550011", "sms", "", "Use it to approve the payment of €39.99 to Acme Inc."},
		{"+15005550012", "sms", "fr", "approuver le paiement de €39.99 à Acme Inc."},
		{"+15005550013", "whatsapp", "", "the payment of €39.99 to Acme Inc."},
		{"user@example.com", "email", "", "the payment of €39.99 to Acme Inc."},
	} {
		params := p(tt.to, tt.channel).SetAmount("€39.99").SetPayee("Acme Inc.")
		if tt.locale != "" {
			params.SetLocale(tt.locale)
		}
		if _, err := e.v.CreateVerification(svc, params); err != nil {
			t.Fatal(err)
		}
		if b := e.sb.Outbox(tt.to)[0].Body; !strings.Contains(b, tt.want) {
			t.Fatalf("%s: body %q lacks %q", tt.channel, b, tt.want)
		}
	}
	// A service without PSD2 does not name them, even when given.
	if _, err := e.v.CreateVerification(e.demo, p("+15005550014", "sms").SetAmount("€1").SetPayee("X")); err != nil {
		t.Fatal(err)
	}
	if b := e.sb.Outbox("+15005550014")[0].Body; strings.Contains(b, "payment") {
		t.Fatalf("non-PSD2 body %q", b)
	}
}

// The Safe List takes any number of E.164's shape and possible length
// (TestSafeListTwilioExampleNumber: even Twilio's invalid example), and
// refuses what is not one.
func TestSafeListRefusesImpossibleNumbers(t *testing.T) {
	e := newEnv(t, Options{})
	for _, bad := range []string{"18001234567", "+1800", "+1 800 123 4567", "+0123456789", "+1800123456789012"} {
		_, err := e.v.CreateSafelist((&verify.CreateSafelistParams{}).SetPhoneNumber(bad))
		wantErr(t, err, 400, 60200)
	}
}
