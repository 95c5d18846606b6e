package keyring

import (
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

func TestMergeLogin(t *testing.T) {
	old := Profile{Name: "p", AccountSID: testAC, AuthMode: APIKey, APIKeySID: testSK, Region: "ie1", Edge: "dublin",
		DefaultServiceSID: "VA0123456789abcdef0123456789abcdef", ReadOnly: true, DefaultRiskCheck: "disable",
		DefaultCountry: "IE", BaseURL: "http://127.0.0.1:8089"}
	cfg := Config{Default: "p", Profiles: []Profile{old}}
	tests := []struct {
		name        string
		cfg         Config
		fresh, want Profile
	}{
		{"new profile is saved as given", Config{},
			Profile{Name: "p", AccountSID: testAC, AuthMode: AuthToken, ReadOnly: true},
			Profile{Name: "p", AccountSID: testAC, AuthMode: AuthToken, ReadOnly: true}},
		{"same account keeps console defaults, drops the sandbox URL", cfg,
			Profile{Name: "p", AccountSID: testAC, AuthMode: AuthToken},
			Profile{Name: "p", AccountSID: testAC, AuthMode: AuthToken, ReadOnly: true, DefaultRiskCheck: "disable",
				DefaultCountry: "IE", DefaultServiceSID: old.DefaultServiceSID}},
		{"other account drops the default service", cfg,
			Profile{Name: "p", AccountSID: testAC2, AuthMode: AuthToken, Region: "au1", BaseURL: "http://127.0.0.1:9"},
			Profile{Name: "p", AccountSID: testAC2, AuthMode: AuthToken, Region: "au1", BaseURL: "http://127.0.0.1:9",
				ReadOnly: true, DefaultRiskCheck: "disable", DefaultCountry: "IE"}},
		{"a country given replaces the kept one", cfg,
			Profile{Name: "p", AccountSID: testAC, AuthMode: AuthToken, DefaultCountry: "GB"},
			Profile{Name: "p", AccountSID: testAC, AuthMode: AuthToken, ReadOnly: true, DefaultRiskCheck: "disable",
				DefaultCountry: "GB", DefaultServiceSID: old.DefaultServiceSID}},
		{"another name is not merged", cfg,
			Profile{Name: "q", AccountSID: testAC, AuthMode: AuthToken},
			Profile{Name: "q", AccountSID: testAC, AuthMode: AuthToken}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cfg.MergeLogin(tt.fresh); got != tt.want {
				t.Errorf("MergeLogin =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func TestCredentialsAPIConfig(t *testing.T) {
	c := Credentials{Source: SourceFlag, Profile: Profile{Name: "p", ReadOnly: true}, AccountSID: testAC,
		AuthToken: "tok", APIKeySID: testSK, APIKeySecret: "sec", Region: "ie1", Edge: "dublin", BaseURL: "http://127.0.0.1:8089"}
	want := twilioapi.Config{AccountSID: testAC, AuthToken: "tok", APIKeySID: testSK, APIKeySecret: "sec",
		BaseURL: "http://127.0.0.1:8089", Region: "ie1", Edge: "dublin", ReadOnly: true,
		AuthFailureHint: "They are saved in profile \"p\": `twilio-verify login --profile p --api-key --sandbox-url http://127.0.0.1:8089` checks new ones and replaces them."}
	if got := c.APIConfig(); got != want {
		t.Errorf("APIConfig =\n %+v\nwant\n %+v", got, want)
	}
	c.Profile.ReadOnly = false
	if c.APIConfig().ReadOnly {
		t.Error("a profile that is not read-only gave a read-only client")
	}
}
