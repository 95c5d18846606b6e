package keyring

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"
)

// setupProfiles writes a config with two profiles (prod: API key, default;
// staging: auth token) and their secrets in the mock keyring.
func setupProfiles(t *testing.T) string {
	t.Helper()
	mockKeyring(t, nil)
	dir := t.TempDir()
	s := SystemSecrets(0)
	if _, err := SaveProfile(dir, s, Profile{Name: "prod", AccountSID: testAC, AuthMode: APIKey, APIKeySID: testSK, Region: "ie1", ReadOnly: true}, testSecret, true); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveProfile(dir, s, Profile{Name: "staging", AccountSID: testAC2, AuthMode: AuthToken}, testToken, false); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestResolveOrder(t *testing.T) {
	envToken := map[string]string{"TWILIO_ACCOUNT_SID": testAC2, "TWILIO_AUTH_TOKEN": "envTok3n0000000000000000000000000", "TWILIO_REGION": "au1", "TWILIO_EDGE": "sydney"}
	envKey := map[string]string{"TWILIO_ACCOUNT_SID": testAC, "TWILIO_API_KEY": testSK, "TWILIO_API_SECRET": "envS3cret000000000000000000000000", "TWILIO_AUTH_TOKEN": "ignoredWhenKeyPresent000000000000"}
	tests := []struct {
		name       string
		noDefault  bool
		flag       string
		env        map[string]string
		wantSource Source
		wantName   string
		wantSID    string
		wantMode   AuthMode
		wantSecret string
		wantRegion string
	}{
		{"flag beats env", false, "staging", envKey, SourceFlag, "staging", testAC2, AuthToken, testToken, ""},
		{"env api key beats default", false, "", envKey, SourceEnv, "", testAC, APIKey, "envS3cret000000000000000000000000", ""},
		{"env token with region", false, "", envToken, SourceEnv, "", testAC2, AuthToken, "envTok3n0000000000000000000000000", "au1"},
		{"default", false, "", nil, SourceDefault, "prod", testAC, APIKey, testSecret, "ie1"},
		{"incomplete env falls through", false, "", map[string]string{"TWILIO_ACCOUNT_SID": testAC, "TWILIO_API_KEY": testSK}, SourceDefault, "prod", testAC, APIKey, testSecret, "ie1"},
		{"none", true, "", nil, SourceNone, "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setupProfiles(t)
			if tt.noDefault {
				dir = t.TempDir()
			}
			c, err := Resolve(dir, SystemSecrets(0), tt.flag, mapEnv(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.Source != tt.wantSource || c.Profile.Name != tt.wantName || c.AccountSID != tt.wantSID || c.Region != tt.wantRegion {
				t.Fatalf("got %v (source %v, profile %q, region %q)", c, c.Source, c.Profile.Name, c.Region)
			}
			if tt.wantSource == SourceNone {
				return
			}
			if c.AuthMode() != tt.wantMode {
				t.Errorf("mode = %v, want %v", c.AuthMode(), tt.wantMode)
			}
			secret := c.AuthToken
			if tt.wantMode == APIKey {
				secret = c.APIKeySecret
				if c.APIKeySID != testSK {
					t.Errorf("APIKeySID = %q", c.APIKeySID)
				}
			}
			if secret != tt.wantSecret {
				t.Errorf("secret mismatch")
			}
		})
	}
}

// TestResolveSandboxProfile: a profile saved against a sandbox resolves to
// that sandbox's address, so its credentials never go to Twilio.
func TestResolveSandboxProfile(t *testing.T) {
	dir := setupProfiles(t)
	if _, err := SaveProfile(dir, SystemSecrets(0), Profile{Name: "local", AccountSID: testAC2, AuthMode: AuthToken, BaseURL: "http://127.0.0.1:8089"}, testToken, false); err != nil {
		t.Fatal(err)
	}
	c, err := Resolve(dir, SystemSecrets(0), "local", mapEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "http://127.0.0.1:8089" || c.Profile.BaseURL != c.BaseURL || !strings.Contains(c.String(), "sandbox http://127.0.0.1:8089") {
		t.Fatalf("got %v (BaseURL %q)", c, c.BaseURL)
	}
	if c, _ := Resolve(dir, SystemSecrets(0), "staging", mapEnv(nil)); c.BaseURL != "" {
		t.Fatalf("Twilio profile got BaseURL %q", c.BaseURL)
	}
}

func TestResolveErrors(t *testing.T) {
	dir := setupProfiles(t)
	if _, err := Resolve(dir, SystemSecrets(0), "ghost", mapEnv(nil)); !errors.Is(err, ErrUnknownProfile) {
		t.Errorf("unknown profile: %v", err)
	}
	// Malformed env is an error, not a fall-through to the default.
	_, err := Resolve(dir, SystemSecrets(0), "", mapEnv(map[string]string{"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": testToken}))
	if err == nil || !strings.Contains(err.Error(), "TWILIO_ACCOUNT_SID") {
		t.Errorf("bad env: %v", err)
	}
	// Secret missing from the keyring: a NotFound with a login hint.
	gokeyring.Delete(ServiceName, "prod")
	_, err = Resolve(dir, SystemSecrets(0), "", mapEnv(nil))
	if !errors.Is(err, ErrNotFound) || !strings.Contains(Hint(err), "login --profile prod") {
		t.Errorf("missing secret: %v / %q", err, Hint(err))
	}
	// Keyring unavailable: the error says so.
	mockKeyring(t, errors.New("dbus: couldn't determine address of session bus"))
	_, err = Resolve(dir, SystemSecrets(0), "staging", mapEnv(nil))
	if !errors.Is(err, ErrNoKeyring) {
		t.Errorf("no keyring: %v", err)
	}
	// ...but the environment still works without any keyring.
	c, err := Resolve(dir, SystemSecrets(0), "", mapEnv(map[string]string{"TWILIO_ACCOUNT_SID": testAC, "TWILIO_AUTH_TOKEN": testToken}))
	if err != nil || c.Source != SourceEnv {
		t.Errorf("env without keyring: %v %v", c, err)
	}
}

func TestCredentialsNeverPrintSecret(t *testing.T) {
	for _, c := range []Credentials{
		{Source: SourceEnv, AccountSID: testAC, AuthToken: testToken},
		{Source: SourceFlag, Profile: Profile{Name: "prod"}, AccountSID: testAC, APIKeySID: testSK, APIKeySecret: testSecret, Region: "ie1", Edge: "dublin"},
	} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			out := fmt.Sprintf(verb, c)
			if strings.Contains(out, testToken[:20]) || strings.Contains(out, testSecret[:20]) {
				t.Errorf("%s leaks the secret: %s", verb, out)
			}
		}
		var logBuf strings.Builder
		slog.New(slog.NewJSONHandler(&logBuf, nil)).Info("x", "creds", c)
		slog.New(slog.NewTextHandler(&logBuf, nil)).Info("x", "creds", c)
		js, _ := json.Marshal(struct{ C Credentials }{c})
		for _, s := range []string{logBuf.String(), string(js)} {
			if strings.Contains(s, testToken[:20]) || strings.Contains(s, testSecret[:20]) || !strings.Contains(s, "AC…cdef") {
				t.Errorf("log/json output leaks or lacks the masked form: %s", s)
			}
		}
		if s := fmt.Sprint([]any{c}); strings.Contains(s, testToken[:20]) || strings.Contains(s, testSecret[:20]) {
			t.Errorf("nested print leaks: %s", s)
		}
	}
	got := Credentials{Source: SourceFlag, Profile: Profile{Name: "prod"}, AccountSID: testAC, APIKeySID: testSK, APIKeySecret: testSecret, Region: "ie1"}.String()
	want := `profile "prod" (--profile): account AC…cdef, API key SK…cdef, secret ••••0002, region ie1`
	if got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
