package twilioapi_test

import (
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

const (
	testVA = "VA0123456789abcdef0123456789abcdef"
	testVE = "VE0123456789abcdef0123456789abcdef"
)

func TestValidateStartParams(t *testing.T) {
	ok := twilioapi.StartParams{ServiceSID: testVA, To: "+1 (415) 555-0100", Channel: twilioapi.ChannelSMS}
	tests := []struct {
		name   string
		mod    func(p *twilioapi.StartParams)
		to     string
		field  string
		errSub string
	}{
		{"phone normalised", func(p *twilioapi.StartParams) {}, "+14155550100", "", ""},
		{"email", func(p *twilioapi.StartParams) { p.To, p.Channel = " alice@example.com ", twilioapi.ChannelEmail }, "alice@example.com", "", ""},
		{"all optional fields", func(p *twilioapi.StartParams) {
			p.CustomCode, p.Locale, p.SendDigits, p.DeviceIP, p.RiskCheck = "123456", "pt-BR", "ww1#", "2001:db8::1", "disable"
			p.TemplateSID = "HJ0123456789abcdef0123456789abcdef"
			p.Tags = map[string]string{"k": "v"}
		}, "+14155550100", "", ""},
		{"bad service", func(p *twilioapi.StartParams) { p.ServiceSID = "VA123" }, "", "Service SID", ""},
		{"no channel", func(p *twilioapi.StartParams) { p.Channel = "" }, "", "Channel", ""},
		{"bad channel", func(p *twilioapi.StartParams) { p.Channel = "pigeon" }, "", "Channel", "pigeon"},
		{"national number", func(p *twilioapi.StartParams) { p.To = "(415) 555-0100" }, "", "To", "country code"},
		{"email on sms", func(p *twilioapi.StartParams) { p.To = "alice@example.com" }, "", "To", ""},
		{"phone on email", func(p *twilioapi.StartParams) { p.Channel = twilioapi.ChannelEmail }, "", "To", ""},
		{"custom code letters", func(p *twilioapi.StartParams) { p.CustomCode = "12ab" }, "", "Custom code", ""},
		{"long friendly name", func(p *twilioapi.StartParams) { p.CustomFriendlyName = strings.Repeat("x", 31) }, "", "Custom friendly name", ""},
		{"send digits", func(p *twilioapi.StartParams) { p.SendDigits = "1;rm" }, "", "Send digits", ""},
		{"locale", func(p *twilioapi.StartParams) { p.Locale = "en_US!" }, "", "Locale", ""},
		{"template", func(p *twilioapi.StartParams) { p.TemplateSID = "HJ1" }, "", "Template SID", ""},
		{"device ip", func(p *twilioapi.StartParams) { p.DeviceIP = "1.2.3" }, "", "Device IP", ""},
		{"risk check", func(p *twilioapi.StartParams) { p.RiskCheck = "off" }, "", "Risk check", ""},
		{"too many tags", func(p *twilioapi.StartParams) {
			p.Tags = map[string]string{}
			for i := 0; i < 11; i++ {
				p.Tags[strings.Repeat("k", i+1)] = "v"
			}
		}, "", "Tags", ""},
		{"long tag", func(p *twilioapi.StartParams) { p.Tags = map[string]string{"k": strings.Repeat("v", 129)} }, "", "Tags", ""},
		{"control in payee", func(p *twilioapi.StartParams) { p.Payee = "Acme\n" }, "", "Payee", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.mod(&p)
			to, err := twilioapi.ValidateStartParams(p)
			if tt.field == "" {
				if err != nil || to != tt.to {
					t.Fatalf("= %q, %v; want %q", to, err, tt.to)
				}
				return
			}
			wantInvalid(t, err, tt.field)
			if tt.errSub != "" && !strings.Contains(err.Error(), tt.errSub) {
				t.Fatalf("message %q lacks %q", err, tt.errSub)
			}
		})
	}
}

func TestValidateCheckParams(t *testing.T) {
	tests := []struct {
		name  string
		p     twilioapi.CheckParams
		to    string
		field string
	}{
		{"by to", twilioapi.CheckParams{ServiceSID: testVA, To: "+1 415 555 0100", Code: "123456"}, "+14155550100", ""},
		{"by email", twilioapi.CheckParams{ServiceSID: testVA, To: "alice@example.com", Code: "123456"}, "alice@example.com", ""},
		{"by sid", twilioapi.CheckParams{ServiceSID: testVA, VerificationSID: testVE, Code: "123456"}, "", ""},
		{"sna without code", twilioapi.CheckParams{ServiceSID: testVA, To: "+14155550104"}, "+14155550104", ""},
		{"neither", twilioapi.CheckParams{ServiceSID: testVA, Code: "123456"}, "", "To"},
		{"both", twilioapi.CheckParams{ServiceSID: testVA, To: "+14155550100", VerificationSID: testVE}, "", "To"},
		{"bad sid", twilioapi.CheckParams{ServiceSID: testVA, VerificationSID: "VA0123456789abcdef0123456789abcdef"}, "", "Verification SID"},
		{"short code", twilioapi.CheckParams{ServiceSID: testVA, To: "+14155550100", Code: "12"}, "", "Code"},
		{"bad service", twilioapi.CheckParams{ServiceSID: "x", To: "+14155550100", Code: "1234"}, "", "Service SID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			to, err := twilioapi.ValidateCheckParams(tt.p)
			if tt.field == "" {
				if err != nil || to != tt.to {
					t.Fatalf("= %q, %v; want %q", to, err, tt.to)
				}
				return
			}
			wantInvalid(t, err, tt.field)
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestValidateServiceSettings(t *testing.T) {
	tests := []struct {
		name   string
		s      twilioapi.ServiceSettings
		create bool
		field  string
	}{
		{"create needs a name", twilioapi.ServiceSettings{}, true, "Friendly name"},
		{"update may be empty", twilioapi.ServiceSettings{}, false, ""},
		{"everything valid", twilioapi.ServiceSettings{
			FriendlyName: ptr("Acme"), CodeLength: ptr(8), TOTPTimeStep: ptr(30), TOTPCodeLength: ptr(6), TOTPSkew: ptr(1),
			DefaultTemplateSID: ptr("HJ0123456789abcdef0123456789abcdef"), PushAPNCredentialSID: ptr(""),
			WhatsAppMsgServiceSID: ptr("MG0123456789abcdef0123456789abcdef"), TOTPIssuer: ptr("Acme"),
		}, true, ""},
		{"long name", twilioapi.ServiceSettings{FriendlyName: ptr(strings.Repeat("n", 31))}, true, "Friendly name"},
		{"code length", twilioapi.ServiceSettings{CodeLength: ptr(11)}, false, "Code length"},
		{"time step", twilioapi.ServiceSettings{TOTPTimeStep: ptr(10)}, false, "TOTP time step"},
		{"totp length", twilioapi.ServiceSettings{TOTPCodeLength: ptr(9)}, false, "TOTP code length"},
		{"skew", twilioapi.ServiceSettings{TOTPSkew: ptr(3)}, false, "TOTP skew"},
		{"template", twilioapi.ServiceSettings{DefaultTemplateSID: ptr("MG0123456789abcdef0123456789abcdef")}, false, "Template SID"},
		{"fcm", twilioapi.ServiceSettings{PushFCMCredentialSID: ptr("CR1")}, false, "Credential SID"},
		{"issuer control", twilioapi.ServiceSettings{TOTPIssuer: ptr("a\tb")}, false, "TOTP issuer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := twilioapi.ValidateServiceSettings(tt.s, tt.create)
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantInvalid(t, err, tt.field)
		})
	}
}

func TestNewValidatesConfig(t *testing.T) {
	const ac = "AC0123456789abcdef0123456789abcdef"
	const sk = "SK0123456789abcdef0123456789abcdef"
	const secret = "s3cretTokenValue"
	tests := []struct {
		name  string
		cfg   twilioapi.Config
		field string
	}{
		{"token", twilioapi.Config{AccountSID: ac, AuthToken: secret}, ""},
		{"api key", twilioapi.Config{AccountSID: ac, APIKeySID: sk, APIKeySecret: secret}, ""},
		{"sandbox", twilioapi.Config{AccountSID: ac, AuthToken: secret, BaseURL: "http://127.0.0.1:8089"}, ""},
		{"edge", twilioapi.Config{AccountSID: ac, AuthToken: secret, Edge: "sydney", Region: "au1"}, ""},
		{"bad account", twilioapi.Config{AccountSID: "AC12", AuthToken: secret}, "Account SID"},
		{"key as account", twilioapi.Config{AccountSID: sk, AuthToken: secret}, "Account SID"},
		{"no token", twilioapi.Config{AccountSID: ac}, "Auth token"},
		{"token with space", twilioapi.Config{AccountSID: ac, AuthToken: secret + " "}, "Auth token"},
		{"bad key", twilioapi.Config{AccountSID: ac, APIKeySID: "SK1", APIKeySecret: secret}, "API key SID"},
		{"no key secret", twilioapi.Config{AccountSID: ac, APIKeySID: sk}, "API key secret"},
		{"base url scheme", twilioapi.Config{AccountSID: ac, AuthToken: secret, BaseURL: "ftp://x"}, "Base URL"},
		{"base url user", twilioapi.Config{AccountSID: ac, AuthToken: secret, BaseURL: "http://u:p@127.0.0.1:1"}, "Base URL"},
		{"base url junk", twilioapi.Config{AccountSID: ac, AuthToken: secret, BaseURL: "127.0.0.1:8089"}, "Base URL"},
		{"negative timeout", twilioapi.Config{AccountSID: ac, AuthToken: secret, Timeout: -1}, "Timeout"},
		{"edge", twilioapi.Config{AccountSID: ac, AuthToken: secret, Edge: "Sydney!"}, "Edge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := twilioapi.New(tt.cfg)
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.AccountSID() != ac || c.IsSandbox() != (tt.cfg.BaseURL != "") || c.BaseURL() != tt.cfg.BaseURL {
					t.Fatalf("client reports %q sandbox=%v", c.AccountSID(), c.IsSandbox())
				}
				c.Close()
				return
			}
			wantInvalid(t, err, tt.field)
			if strings.Contains(err.Error(), secret) || strings.Contains(err.(*twilioapi.Error).Detail(), secret) {
				t.Fatalf("error reveals the secret: %q", err)
			}
		})
	}
}
