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

// TestMask pins the masking rules every screen, log, command and the
// audit trail use.
func TestMask(t *testing.T) {
	rules := []struct {
		name  string
		mask  func(string) string
		cases map[string]string
	}{
		{"Mask", twilioapi.Mask, map[string]string{
			"":                                 "",
			"short":                            "••••",
			"fifteen-chars!!":                  "••••",
			"0123456789abcdef":                 "••••cdef",
			"tokenvalue0123456789abcdefTOKEN1": "••••KEN1",
		}},
		{"MaskSID", twilioapi.MaskSID, map[string]string{
			"AC0123456789abcdef0123456789abcdef": "AC…cdef",
			"AC12":                               "••••",
			"":                                   "",
		}},
		{"MaskDestination", twilioapi.MaskDestination, map[string]string{
			"+14155550100":      "••••0100",
			"alice@example.com": "a•••@example.com",
			"123":               "••••",
			"":                  "",
		}},
	}
	for _, r := range rules {
		for in, want := range r.cases {
			if got := r.mask(in); got != want {
				t.Errorf("%s(%q) = %q, want %q", r.name, in, got, want)
			}
		}
	}
}
