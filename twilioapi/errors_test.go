package twilioapi_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

func TestHintFor(t *testing.T) {
	tests := []struct {
		code int
		subs []string // each must appear in the hint
	}{
		{20003, []string{"Account SID", "Auth Token"}},
		{20404, []string{"approved", "expired", "canceled", "attempts"}},
		{20429, []string{"Retry-After"}},
		{60200, []string{"E.164"}},
		{60202, []string{"5 times", "new one"}},
		{60203, []string{"5 codes", "10 minutes", "new one"}},
		{60204, []string{"custom codes"}},
		{60205, []string{"landline"}},
		{60206, []string{"Amount", "Payee"}},
		{60212, []string{"same time"}},
		{60214, []string{"call"}},
		{60223, []string{"channel"}},
		{60410, []string{"Fraud Guard", "Safe List", "RiskCheck"}},
		{60605, []string{"Geo Permissions"}},
	}
	for _, tt := range tests {
		h := twilioapi.HintFor(tt.code)
		for _, s := range tt.subs {
			if !strings.Contains(h, s) {
				t.Errorf("HintFor(%d) = %q, lacks %q", tt.code, h, s)
			}
		}
	}
	if h := twilioapi.HintFor(12345); h != "" {
		t.Errorf("HintFor(unknown) = %q", h)
	}
}

func TestErrorText(t *testing.T) {
	inner := errors.New("inner")
	tests := []struct {
		name       string
		e          *twilioapi.Error
		str        string
		detailHas  []string
		detailLack []string
	}{
		{
			name: "api",
			e: &twilioapi.Error{Kind: twilioapi.KindAPI, Status: 404, Code: 20404, Message: "The requested resource was not found",
				MoreInfo: "https://www.twilio.com/docs/errors/20404", Hint: twilioapi.HintFor(20404)},
			str:       "Twilio error 20404: The requested resource was not found",
			detailHas: []string{"Status:    404 Not Found", "Code:      20404", "Message:   The requested", "Hint:      Twilio has no", "More info: https://www.twilio.com/docs/errors/20404"},
		},
		{
			name:      "status only",
			e:         &twilioapi.Error{Kind: twilioapi.KindAPI, Status: 502, Message: "Bad Gateway", RetryAfter: 3 * time.Second},
			str:       "HTTP 502: Bad Gateway",
			detailHas: []string{"Status:    502 Bad Gateway", "Retry in:  3s"}, detailLack: []string{"Code:"},
		},
		{
			name:      "input",
			e:         &twilioapi.Error{Kind: twilioapi.KindInvalidInput, Field: "To", Message: "Enter a number."},
			str:       "Enter a number.",
			detailHas: []string{"Kind:      invalid input", "Field:     To"}, detailLack: []string{"Status", "Code"},
		},
		{
			name:      "refused",
			e:         &twilioapi.Error{Kind: twilioapi.KindRefused, Message: "Connection refused", Err: inner},
			str:       "Connection refused",
			detailHas: []string{"Kind:      connection refused"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Error(); got != tt.str {
				t.Errorf("Error() = %q, want %q", got, tt.str)
			}
			d := tt.e.Detail()
			for _, s := range tt.detailHas {
				if !strings.Contains(d, s) {
					t.Errorf("Detail lacks %q:\n%s", s, d)
				}
			}
			for _, s := range tt.detailLack {
				if strings.Contains(d, s) {
					t.Errorf("Detail has %q:\n%s", s, d)
				}
			}
			if strings.HasSuffix(d, "\n") {
				t.Error("Detail ends with a newline")
			}
		})
	}
	e := &twilioapi.Error{Kind: twilioapi.KindNetwork, Message: "x", Err: inner}
	if !errors.Is(e, inner) {
		t.Error("Unwrap does not reach the cause")
	}
	for k := twilioapi.KindAPI; k <= twilioapi.KindDecode; k++ {
		if s := k.String(); s == "" || strings.HasPrefix(s, "ErrorKind(") {
			t.Errorf("kind %d has no name", k)
		}
	}
}
