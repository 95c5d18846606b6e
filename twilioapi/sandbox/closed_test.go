package sandbox

import (
	"testing"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// TestClosedVerificationsAre404: once a verification is approved,
// canceled, expired or out of check attempts, Twilio soft-deletes it: a
// fetch, a check and a status update all answer 404/20404, by SID and by
// To, and the stored status says why it closed.
func TestClosedVerificationsAre404(t *testing.T) {
	tests := []struct {
		name   string
		close  func(e *env, sid string)
		status string
	}{
		{"approved by check", func(e *env, _ string) {
			if c, err := e.check(e.demo, NumberMobile, e.lastCode(NumberMobile)); err != nil || *c.Status != statusApproved {
				e.t.Fatalf("check: %v", err)
			}
		}, statusApproved},
		{"approved by update", func(e *env, sid string) {
			if _, err := e.v.UpdateVerification(e.demo, sid, (&verify.UpdateVerificationParams{}).SetStatus("approved")); err != nil {
				e.t.Fatal(err)
			}
		}, statusApproved},
		{"canceled", func(e *env, sid string) {
			if _, err := e.v.UpdateVerification(e.demo, sid, (&verify.UpdateVerificationParams{}).SetStatus("canceled")); err != nil {
				e.t.Fatal(err)
			}
		}, statusCanceled},
		{"expired", func(e *env, _ string) { e.clock.Advance(CodeLifetime) }, statusExpired},
		{"max check attempts", func(e *env, _ string) {
			wrong := "000000"
			if e.lastCode(NumberMobile) == wrong {
				wrong = "111111"
			}
			for i := 0; i < MaxChecks; i++ {
				if _, err := e.check(e.demo, NumberMobile, wrong); err != nil {
					e.t.Fatal(err)
				}
			}
			_, err := e.check(e.demo, NumberMobile, wrong)
			wantErr(e.t, err, 429, 60202)
		}, statusMaxAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			v := e.start(e.demo, NumberMobile, "sms")
			tt.close(e, *v.Sid)
			for _, ref := range []string{*v.Sid, NumberMobile} {
				_, err := e.v.FetchVerification(e.demo, ref)
				wantErr(t, err, 404, 20404)
				_, err = e.v.UpdateVerification(e.demo, ref, (&verify.UpdateVerificationParams{}).SetStatus("canceled"))
				wantErr(t, err, 404, 20404)
			}
			_, err := e.check(e.demo, NumberMobile, e.lastCode(NumberMobile))
			wantErr(t, err, 404, 20404)
			_, err = e.v.CreateVerificationCheck(e.demo, (&verify.CreateVerificationCheckParams{}).SetVerificationSid(*v.Sid).SetCode("123456"))
			wantErr(t, err, 404, 20404)
			e.sb.mu.Lock()
			got := e.sb.st.Verifications[*v.Sid].Status
			e.sb.mu.Unlock()
			if got != tt.status {
				t.Fatalf("stored status %q, want %q", got, tt.status)
			}
			// The next start is a new verification with a new SID.
			if n := e.start(e.demo, NumberMobile, "sms"); *n.Sid == *v.Sid {
				t.Fatal("a closed verification was reused")
			}
		})
	}
}

// TestLookupRepeatedFields: twilio-go may send Fields as repeated keys;
// every package named in any of them is filled.
func TestLookupRepeatedFields(t *testing.T) {
	e := newEnv(t, Options{})
	m := e.rawJSON("GET", "/v2/PhoneNumbers/+14155550101?Fields=line_type_intelligence&Fields=sms_pumping_risk", "", 200)
	lti, _ := m["line_type_intelligence"].(map[string]any)
	if lti["type"] != "landline" || m["sms_pumping_risk"] == nil {
		t.Fatalf("%v", m)
	}
}
