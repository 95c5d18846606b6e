package sandbox

import (
	"strings"
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestMessageBodies(t *testing.T) {
	e := newEnv(t, Options{})
	svc := e.newService("Acme", func(p *verify.CreateServiceParams) {
		p.SetDoNotShareWarningEnabled(true).SetDtmfInputRequired(true).SetCodeLength(8).SetWhatsappFrom("whatsapp:+15005550006")
	})
	tests := []struct {
		to, channel, locale, appHash string
		want                         []string
	}{
		{"+15005550001", "sms", "", "", []string{"Your Acme verification code is: ", doNotShare}},
		{"+15005550002", "sms", "es", "", []string{"Tu código de verificación de Acme es: "}},
		{"+15005550003", "sms", "", "He42w354ol9", []string{"<#> Your Acme", "\nHe42w354ol9"}},
		{"+15005550004", "call", "", "", []string{"Press any key", "Your Acme verification code is "}},
		{"+15005550005", "whatsapp", "", "", []string{"is your verification code. For your security, do not share this code."}},
		{"user@example.com", "email", "", "", []string{"Subject: Your Acme verification code", "Your Acme verification code is: "}},
	}
	for _, tt := range tests {
		t.Run(tt.channel+tt.locale, func(t *testing.T) {
			params := p(tt.to, tt.channel)
			if tt.locale != "" {
				params.SetLocale(tt.locale)
			}
			if tt.appHash != "" {
				params.SetAppHash(tt.appHash)
			}
			if _, err := e.v.CreateVerification(svc, params); err != nil {
				t.Fatal(err)
			}
			m := e.sb.Outbox(tt.to)[0]
			if len(m.Code) != 8 || !strings.Contains(m.Body, m.Code) || m.Channel != tt.channel || m.To != tt.to {
				t.Fatalf("message %+v", m)
			}
			for _, w := range tt.want {
				if !strings.Contains(m.Body, w) {
					t.Errorf("body %q lacks %q", m.Body, w)
				}
			}
		})
	}
	// A custom friendly name replaces the service name.
	if _, err := e.v.CreateVerification(svc, p("+15005550009", "sms").SetCustomFriendlyName("Shop")); err != nil {
		t.Fatal(err)
	}
	if b := e.sb.Outbox("+15005550009")[0].Body; !strings.HasPrefix(b, "Your Shop verification code") {
		t.Fatalf("body %q", b)
	}
}
