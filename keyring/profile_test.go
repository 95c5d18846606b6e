package keyring

import (
	"strings"
	"testing"
)

func TestValidateSIDs(t *testing.T) {
	tests := []struct {
		name    string
		check   func(string) error
		in      string
		wantErr string // substring; "" = valid
	}{
		{"account ok", ValidateAccountSID, testAC, ""},
		{"account upper hex ok", ValidateAccountSID, "AC0123456789ABCDEF0123456789ABCDEF", ""},
		{"account empty", ValidateAccountSID, "", "empty"},
		{"account wrong prefix", ValidateAccountSID, testSK, `start with "AC"`},
		{"account short", ValidateAccountSID, testAC[:33], "has 33 characters; it must have 34"},
		{"account long", ValidateAccountSID, testAC + "0", "has 35 characters"},
		{"account not hex", ValidateAccountSID, "AC0123456789abcdef0123456789abcdeg", "hex digits"},
		{"key ok", ValidateAPIKeySID, testSK, ""},
		{"key wrong prefix", ValidateAPIKeySID, testAC, `start with "SK"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.in)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// A secret typed into the SID prompt must not be echoed back.
func TestValidationNeverEchoesValue(t *testing.T) {
	for _, in := range []string{testToken, "AC" + testToken, testToken + testToken} {
		for _, err := range []error{ValidateAccountSID(in), ValidateAPIKeySID(in)} {
			if err == nil || strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), testToken[:8]) {
				t.Errorf("error %q echoes the input", err)
			}
		}
	}
	if err := ValidateSecret("auth token", "has space"+testToken); err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("ValidateSecret error %v", err)
	}
}

func TestValidateSecret(t *testing.T) {
	if err := ValidateSecret("auth token", ""); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty: %v", err)
	}
	if err := ValidateSecret("auth token", "a b"); err == nil {
		t.Error("space accepted")
	}
	if err := ValidateSecret("auth token", strings.Repeat("a", 257)); err == nil {
		t.Error("257 characters accepted")
	}
	if err := ValidateSecret("auth token", testToken); err != nil {
		t.Error(err)
	}
}

func TestProfileValidate(t *testing.T) {
	ok := Profile{Name: "prod", AccountSID: testAC, AuthMode: APIKey, APIKeySID: testSK,
		Region: "ie1", Edge: "dublin", DefaultServiceSID: "VA0123456789abcdef0123456789abcdef",
		DefaultRiskCheck: "disable", DefaultCountry: "GB"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"http://127.0.0.1:8089", "https://sandbox.example.com/prefix"} {
		p := ok
		p.BaseURL = u
		if err := p.Validate(); err != nil {
			t.Errorf("base_url %s: %v", u, err)
		}
	}
	// A password in the URL is never repeated in the error.
	p := ok
	p.BaseURL = "http://user:hunter2@127.0.0.1:8089"
	if err := p.Validate(); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("base_url with user info: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(*Profile)
		want   string
	}{
		{"empty name", func(p *Profile) { p.Name = "" }, "profile name"},
		{"name with space", func(p *Profile) { p.Name = "my prod" }, "profile name"},
		{"name leading dash", func(p *Profile) { p.Name = "-x" }, "profile name"},
		{"bad account", func(p *Profile) { p.AccountSID = "AC1" }, "account SID"},
		{"bad mode", func(p *Profile) { p.AuthMode = "password" }, "auth_mode"},
		{"api key missing", func(p *Profile) { p.APIKeySID = "" }, "API key SID"},
		{"token with key", func(p *Profile) { p.AuthMode = AuthToken }, "api_key_sid is set"},
		{"bad region", func(p *Profile) { p.Region = "EU 1" }, "region"},
		{"bad edge", func(p *Profile) { p.Edge = "Dublin!" }, "edge"},
		{"bad service", func(p *Profile) { p.DefaultServiceSID = "VB0123456789abcdef0123456789abcdef" }, "default_service_sid"},
		{"bad risk", func(p *Profile) { p.DefaultRiskCheck = "on" }, "default_risk_check"},
		{"bad country", func(p *Profile) { p.DefaultCountry = "usa" }, "default_country"},
		{"country no phone region", func(p *Profile) { p.DefaultCountry = "UK" }, "default_country"},
		{"country lower case", func(p *Profile) { p.DefaultCountry = "gb" }, "default_country"},
		{"base url no scheme", func(p *Profile) { p.BaseURL = "127.0.0.1:8089" }, "base_url"},
		{"base url ftp", func(p *Profile) { p.BaseURL = "ftp://127.0.0.1:8089" }, "base_url"},
		{"base url no host", func(p *Profile) { p.BaseURL = "http://" }, "base_url"},
		{"base url query", func(p *Profile) { p.BaseURL = "http://127.0.0.1:8089?x=1" }, "base_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.mutate(&p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
