package twilioapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

func TestSecretsNeverPrinted(t *testing.T) {
	const token, secret = "tokenvalue0123456789abcdefTOKEN1", "secretvalue0123456789abcdefSEC42"
	cfg := twilioapi.Config{AccountSID: "AC0123456789abcdef0123456789abcdef", AuthToken: token,
		APIKeySID: "SK0123456789abcdef0123456789abcdef", APIKeySecret: secret, BaseURL: "http://127.0.0.1:1"}
	c, err := twilioapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{cfg, &cfg, c} {
			out := fmt.Sprintf(format, v)
			if strings.Contains(out, token[:20]) || strings.Contains(out, secret[:20]) {
				t.Errorf("%s of %T leaks a secret: %s", format, v, out)
			}
		}
	}
	if got := fmt.Sprint(cfg); !strings.Contains(got, "••••KEN1") || !strings.Contains(got, "••••EC42") {
		t.Errorf("masked config %s", got)
	}
}

// TestMask pins the one masking rule every screen, log and command uses.
func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"short":                            "••••",
		"fifteen-chars!!":                  "••••",
		"0123456789abcdef":                 "••••cdef",
		"tokenvalue0123456789abcdefTOKEN1": "••••KEN1",
	} {
		if got := twilioapi.Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"AC0123456789abcdef0123456789abcdef": "AC…cdef",
		"AC12":                               "••••",
		"":                                   "",
	} {
		if got := twilioapi.MaskSID(in); got != want {
			t.Errorf("MaskSID(%q) = %q, want %q", in, got, want)
		}
	}
}
