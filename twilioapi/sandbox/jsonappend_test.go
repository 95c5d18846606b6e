package sandbox

import (
	"encoding/json"
	"testing"
	"time"
)

// oddStrings need every kind of escape encoding/json knows.
var oddStrings = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "tab\tnew\nline\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "é ü 日本 🇬🇧", "\u2028\u2029", "bad \xff\xfe utf8 \xe2\x82", "a\u00a0b",
}

// The hand-written verification answer equals json.Marshal of the wire
// struct, whatever the verification holds.
func TestAppendVerificationMatchesMarshal(t *testing.T) {
	s := &Sandbox{st: newState("AC0123456789abcdef0123456789abcdef")}
	t1 := time.Date(2026, 11, 26, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	for i, odd := range oddStrings {
		for _, lookup := range []bool{false, true} {
			for _, to := range []string{NumberMobile, NumberLandline, odd + "@example.com"} {
				sv := &service{SID: "VA0123456789abcdef0123456789abcdef", LookupEnabled: lookup}
				v := &verification{
					SID: "VE0123456789abcdef0123456789abcdef", ServiceSID: sv.SID, To: to, Channel: "sms",
					Status: statusPending, DateCreated: t1, DateUpdated: t1.Add(time.Second),
				}
				if i%2 == 1 {
					v.Amount, v.Payee = &oddStrings[i], &oddStrings[(i+3)%len(oddStrings)]
					v.Status = statusApproved
				}
				for n := 0; n < 3; n++ {
					checkVerificationJSON(t, s, sv, v)
					v.Sends = append(v.Sends, sendAttempt{SID: "VL" + odd, Channel: odd, Time: t1.Add(time.Duration(n) * time.Minute)})
				}
				v.Channel, v.SNAURL = "sna", "http://127.0.0.1:1/sandbox/v1/SNA/"+odd
				checkVerificationJSON(t, s, sv, v)
				checkVerificationJSON(t, s, nil, v)
			}
		}
	}
}

// checkVerificationJSON fails t unless appendVerification (after a
// prefix) equals json.Marshal of the wire struct.
func checkVerificationJSON(t *testing.T, s *Sandbox, sv *service, v *verification) {
	t.Helper()
	for _, base := range []string{twilioVerifyBase, "http://127.0.0.1:8089/v2", `http://odd"host\<>/v2`} {
		got := string(appendVerification([]byte("prefix"), base, s.st.AccountSID, sv, v))
		if want := "prefix" + marshalRef(s.renderVerification(base, sv, v)); got != want {
			t.Fatalf("appendVerification:\n got %s\nwant %s", got, want)
		}
	}
}

// The hand-written check answer equals json.Marshal of the wire struct.
func TestAppendCheckMatchesMarshal(t *testing.T) {
	s := &Sandbox{st: newState("AC0123456789abcdef0123456789abcdef")}
	t1 := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for i, odd := range oddStrings {
		v := &verification{
			SID: "VE0123456789abcdef0123456789abcdef", ServiceSID: "VA" + odd, To: odd, Channel: "sms",
			Status: []string{statusPending, statusApproved}[i%2], DateCreated: t1, DateUpdated: t1,
		}
		if i%3 == 0 {
			v.Amount, v.Payee = &oddStrings[i], &oddStrings[len(oddStrings)-1-i]
		}
		for _, errs := range [][]snaErrorJSON{nil, {}, {{AttemptSID: odd, Code: snaPending}}, {{"a", 1}, {"b", -2}}} {
			got := string(appendCheck(nil, s.st.AccountSID, v, errs))
			if want := marshalRef(s.renderCheck(v, errs)); got != want {
				t.Fatalf("appendCheck:\n got %s\nwant %s", got, want)
			}
		}
	}
}

// FuzzAppendJSONString: any string is quoted exactly as encoding/json
// quotes it. The seeds run in every go test.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range oddStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}
