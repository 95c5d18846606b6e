package keyring

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzLoadConfig: any input either fails cleanly or loads a valid config
// that survives a save/load round trip unchanged.
func FuzzLoadConfig(f *testing.F) {
	f.Add("")
	f.Add("default = \"a\"\n[[profiles]]\nname = \"a\"\naccount_sid = \"" + testAC + "\"\nauth_mode = \"auth_token\"\n")
	f.Add("[[profiles]]\nname = \"p\"\naccount_sid = \"" + testAC + "\"\nauth_mode = \"api_key\"\napi_key_sid = \"" + testSK + "\"\nregion = \"ie1\"\nread_only = true\n[keys]\nquit = [\"q\"]\n")
	f.Add("[[profiles]]\nname = \"local\"\naccount_sid = \"" + testAC + "\"\nauth_mode = \"auth_token\"\nbase_url = \"http://127.0.0.1:8089\"\n")
	f.Add("[[profiles]]\nname = \"local\"\naccount_sid = \"" + testAC + "\"\nauth_mode = \"auth_token\"\nbase_url = \"http://u:p@h\"\n")
	f.Add("[keys]\n\"a b\" = [\"x\", \"\\u0000\"]\n")
	f.Add("default = 3")
	f.Add("[[profiles]\n")
	f.Fuzz(func(t *testing.T, content string) {
		c, err := parseConfig("config.toml", []byte(content))
		if err != nil {
			return
		}
		data, err := encodeConfig(c)
		if err != nil {
			t.Fatalf("loaded config does not encode: %v", err)
		}
		c2, err := parseConfig("config.toml", data)
		if err != nil {
			t.Fatalf("saved config does not load: %v", err)
		}
		if len(c.Keys) == 0 {
			c.Keys = nil
		}
		if len(c2.Keys) == 0 {
			c2.Keys = nil
		}
		if len(c.Profiles) == 0 {
			c.Profiles = nil
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip changed config:\n%+v\n%+v", c, c2)
		}
	})
}

// FuzzValidateAccountSID: validation never echoes its input back.
func FuzzValidateAccountSID(f *testing.F) {
	f.Add(testAC)
	f.Add(testToken)
	f.Add("AC" + testToken)
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		err := ValidateAccountSID(s)
		if err == nil || len(s) < 8 {
			return
		}
		if strings.Contains(err.Error(), s) || strings.Contains(err.Error(), s[2:]) {
			t.Fatalf("error %q echoes the input", err)
		}
	})
}

// FuzzParseTwilioCLI: any config.json either fails with a message that does
// not repeat secret-looking input, or yields profiles sorted by ID.
func FuzzParseTwilioCLI(f *testing.F) {
	f.Add(twilioCLIJSON)
	f.Add(`{"profiles": {"a": {"apiSecret": 5}}}`)
	f.Add(`{"projects": [{"id": "x"}], "activeProject": "x"}`)
	f.Add(`{"profiles": null}`)
	f.Add(`[`)
	f.Fuzz(func(t *testing.T, content string) {
		tc, err := parseTwilioCLI("config.json", []byte(content))
		if err != nil {
			if strings.Contains(err.Error(), testSecret) {
				t.Fatalf("error repeats a secret: %v", err)
			}
			return
		}
		for i := 1; i < len(tc.Profiles); i++ {
			if tc.Profiles[i-1].ID > tc.Profiles[i].ID {
				t.Fatalf("profiles not sorted: %v", tc.Profiles)
			}
		}
	})
}
