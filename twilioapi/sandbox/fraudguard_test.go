package sandbox

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// setGuard posts the Fraud Guard settings of the demo service.
func (e *env) setGuard(body string) map[string]any {
	e.t.Helper()
	resp, b := e.raw("POST", "/sandbox/v1/Guard", body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || resp.StatusCode != 200 {
		e.t.Fatalf("guard: %d %s", resp.StatusCode, b)
	}
	return m
}

func (e *env) guardLevel(level string, countries ...string) {
	e.t.Helper()
	cs, _ := json.Marshal(countries)
	if countries == nil {
		cs = []byte("[]")
	}
	e.setGuard(fmt.Sprintf(`{"service_sid":%q,"level":%q,"blocked_countries":%s}`, e.demo, level, cs))
}

// tryStart starts to "to" on channel and returns the error (nil when sent).
func (e *env) tryStart(to, channel string) error {
	_, err := e.v.CreateVerification(e.demo, p(to, channel))
	return err
}

func TestFraudGuardLevels(t *testing.T) {
	const premium = "+19005550100" // a US premium-rate number (+1900)
	tests := []struct {
		level        string
		fraud, risky int // expected code for NumberFraud and a high-risk number (0 = sent)
	}{
		{GuardOff, 0, 0},
		{GuardBasic, 60410, 0},
		{GuardStandard, 60410, 60410},
		{GuardMax, 60410, 60410},
	}
	for _, tt := range tests {
		t.Run(tt.level, func(t *testing.T) {
			e := newEnv(t, Options{})
			e.guardLevel(tt.level)
			for to, code := range map[string]int{NumberFraud: tt.fraud, premium: tt.risky} {
				err := e.tryStart(to, "sms")
				if code == 0 {
					if err != nil {
						t.Fatalf("%s: %v", to, err)
					}
					continue
				}
				wantErr(t, err, 403, code)
				// Fraud Guard is SMS only.
				if err := e.tryStart(to, "call"); err != nil {
					t.Fatalf("%s call: %v", to, err)
				}
			}
			// Geo Permissions are not Fraud Guard: the geo test number is
			// blocked at every level.
			wantErr(t, e.tryStart(NumberGeoBlocked, "sms"), 403, 60605)
		})
	}
}

func TestFraudGuardDefaultIsBasic(t *testing.T) {
	e := newEnv(t, Options{})
	resp, b := e.raw("GET", "/sandbox/v1/Guard?ServiceSid="+e.demo, "")
	var g map[string]any
	if err := json.Unmarshal(b, &g); err != nil || resp.StatusCode != 200 || g["level"] != GuardBasic ||
		g["service_sid"] != e.demo || len(g["high_risk_prefixes"].([]any)) != len(HighRiskPrefixes()) {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	wantErr(t, e.tryStart(NumberFraud, "sms"), 403, 60410)
	if err := e.tryStart("+19005550100", "sms"); err != nil {
		t.Fatalf("basic blocked a high-risk prefix: %v", err)
	}
}

func TestFraudGuardBurstAtMax(t *testing.T) {
	e := newEnv(t, Options{})
	e.guardLevel(GuardMax)
	// Five starts to numbers sharing the first 8 digits (14155550) pass.
	for i := 0; i < burstMax; i++ {
		if err := e.tryStart(fmt.Sprintf("+1415555012%d", i), "sms"); err != nil {
			t.Fatalf("start %d: %v", i, err)
		}
	}
	// The sixth within ten minutes is a burst: blocked, and the prefix
	// stays blocked for 12 hours even once the burst is over.
	wantErr(t, e.tryStart("+14155550130", "sms"), 403, 60410)
	e.clock.Advance(burstWindow)
	wantErr(t, e.tryStart("+14155550131", "sms"), 403, 60410)
	// Other prefixes, other channels and the Safe List are not affected.
	if err := e.tryStart("+14155551000", "sms"); err != nil {
		t.Fatal(err)
	}
	if err := e.tryStart("+14155550131", "call"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.v.CreateSafelist((&verify.CreateSafelistParams{}).SetPhoneNumber("+14155550132")); err != nil {
		t.Fatal(err)
	}
	if err := e.tryStart("+14155550132", "sms"); err != nil {
		t.Fatalf("safe-listed number blocked: %v", err)
	}
	e.clock.Advance(burstBlock)
	if err := e.tryStart("+14155550133", "sms"); err != nil {
		t.Fatalf("after 12 hours: %v", err)
	}
	// At standard the burst rule is off; starts spaced out at max are fine.
	e2 := newEnv(t, Options{})
	e2.guardLevel(GuardMax)
	for i := 0; i < 3*burstMax; i++ {
		if err := e2.tryStart(fmt.Sprintf("+1415555014%d", i%10), "sms"); err != nil {
			t.Fatalf("spaced start %d: %v", i, err)
		}
		e2.clock.Advance(burstWindow/burstMax + time.Second)
	}
	e2.guardLevel(GuardStandard)
	for i := 0; i < burstMax+1; i++ {
		if err := e2.tryStart(fmt.Sprintf("+1415555015%d", i), "sms"); err != nil {
			t.Fatalf("standard start %d: %v", i, err)
		}
	}
}

func TestGeoPermissionsBlockedCountries(t *testing.T) {
	e := newEnv(t, Options{})
	g := e.setGuard(fmt.Sprintf(`{"service_sid":%q,"blocked_countries":["gb","CU","GB"]}`, e.demo))
	if fmt.Sprint(g["blocked_countries"]) != "[CU GB]" || g["level"] != GuardBasic {
		t.Fatalf("guard %v", g)
	}
	const uk, cuba = "+447400123456", "+5353123456"
	wantErr(t, e.tryStart(uk, "sms"), 403, 60605)
	wantErr(t, e.tryStart(cuba, "call"), 403, 60605)
	// Geo Permissions cover SMS and voice only.
	if err := e.tryStart(uk, "whatsapp"); err != nil {
		t.Fatal(err)
	}
	if err := e.tryStart("+4915155555555", "sms"); err != nil {
		t.Fatal(err)
	}
	// RiskCheck=disable lets one start through.
	if _, err := e.v.CreateVerification(e.demo, p(cuba, "sms").SetRiskCheck("disable")); err != nil {
		t.Fatal(err)
	}
	// Other services keep their own settings.
	plain := e.newService("Plain", nil)
	if _, err := e.v.CreateVerification(plain, p(uk, "sms")); err != nil {
		t.Fatal(err)
	}
	// The blocks are in the attempts log, with no verification.
	var blocked []Attempt
	for _, a := range e.sb.Attempts() {
		if a.Status == deliveryBlocked {
			blocked = append(blocked, a)
		}
	}
	if len(blocked) != 2 || blocked[0].ErrorCode != 60605 || blocked[0].Country != "CU" || blocked[0].VerificationSID != "" ||
		blocked[1].To != uk || blocked[1].Price != "0.0000" {
		t.Fatalf("blocked attempts %+v", blocked)
	}
}

func TestSafeListBypassesEveryBlock(t *testing.T) {
	e := newEnv(t, Options{})
	e.guardLevel(GuardMax, "GB")
	const uk, premium = "+447400123456", "+19005550100"
	for _, to := range []string{NumberFraud, NumberGeoBlocked, uk, premium} {
		if e.tryStart(to, "sms") == nil {
			t.Fatalf("%s not blocked", to)
		}
		sl, err := e.v.CreateSafelist((&verify.CreateSafelistParams{}).SetPhoneNumber(to))
		if err != nil || *sl.PhoneNumber != to {
			t.Fatalf("safe list %s: %v", to, err)
		}
		if err := e.tryStart(to, "sms"); err != nil {
			t.Fatalf("%s safe-listed but: %v", to, err)
		}
		if err := e.v.DeleteSafelist(to); err != nil {
			t.Fatal(err)
		}
		if e.tryStart(to, "call") != nil && to != NumberGeoBlocked && to != uk {
			t.Fatalf("%s call blocked", to)
		}
	}
	// RiskCheck=disable bypasses them too, for that start only.
	for _, to := range []string{NumberFraud, NumberGeoBlocked, uk, premium} {
		if _, err := e.v.CreateVerification(e.demo, p(to, "sms").SetRiskCheck("disable")); err != nil {
			t.Fatalf("%s with RiskCheck=disable: %v", to, err)
		}
	}
}

func TestSafeListTwilioExampleNumber(t *testing.T) {
	e := newEnv(t, Options{})
	const n = "+18001234567" // Twilio's docs example; libphonenumber calls it invalid
	resp, err := e.v.CreateSafelistWithMetadata((&verify.CreateSafelistParams{}).SetPhoneNumber(n))
	if err != nil || resp.StatusCode != 201 || !validSID(*resp.Resource.Sid, "GN") ||
		*resp.Resource.Url != e.srv.URL()+"/v2/SafeList/Numbers/"+n {
		t.Fatalf("create: %v %+v", err, resp)
	}
	got, err := e.v.FetchSafelist(n)
	if err != nil || *got.PhoneNumber != n || *got.Sid != *resp.Resource.Sid {
		t.Fatalf("fetch: %v %+v", err, got)
	}
	if err := e.v.DeleteSafelist(n); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchSafelist(n)
	wantErr(t, err, 404, 20404)
	_, err = e.v.CreateSafelist((&verify.CreateSafelistParams{}).SetPhoneNumber("18001234567"))
	wantErr(t, err, 400, 60200)
}

func TestGuardRouteValidation(t *testing.T) {
	e := newEnv(t, Options{})
	for _, body := range []string{
		`{"service_sid":"` + e.demo + `","level":"paranoid"}`,
		`{"service_sid":"` + e.demo + `","blocked_countries":["XX"]}`,
		`{"service_sid":"` + e.demo + `","blocked_countries":["GBR"]}`,
		`{"service_sid":"VAnope"}`,
		`{"service_sid":"` + e.demo + `","extra":1}`,
		`not json`,
	} {
		resp, b := e.raw("POST", "/sandbox/v1/Guard", body)
		if resp.StatusCode != 400 || !strings.Contains(string(b), "60200") {
			t.Fatalf("%s: %d %s", body, resp.StatusCode, b)
		}
	}
	resp, _ := e.raw("POST", "/sandbox/v1/Guard", `{"service_sid":"VA`+strings.Repeat("0", 32)+`"}`)
	if resp.StatusCode != 404 {
		t.Fatalf("unknown service: %d", resp.StatusCode)
	}
	resp, _ = e.raw("DELETE", "/sandbox/v1/Guard", "")
	if resp.StatusCode != 405 {
		t.Fatalf("DELETE: %d", resp.StatusCode)
	}
	// A partial update keeps the other field.
	e.guardLevel(GuardStandard, "IR")
	g := e.setGuard(`{"service_sid":"` + e.demo + `","level":"off"}`)
	if g["level"] != GuardOff || fmt.Sprint(g["blocked_countries"]) != "[IR]" {
		t.Fatalf("partial update %v", g)
	}
	resp, b := e.raw("GET", "/sandbox/v1/Guard", "")
	var all struct{ Guards []map[string]any }
	if err := json.Unmarshal(b, &all); err != nil || resp.StatusCode != 200 || len(all.Guards) != 1 || all.Guards[0]["level"] != GuardOff {
		t.Fatalf("list: %d %s", resp.StatusCode, b)
	}
}

func TestGuardSettingsPersist(t *testing.T) {
	path := t.TempDir() + "/state.json"
	e := newEnv(t, Options{StatePath: path})
	e.guardLevel(GuardOff, "CU")
	rl, _ := e.newRateLimit(e.demo, "end_user_ip_address", 1, 60)
	_ = e.srv.Close()
	_ = e.sb.Close() // releases the state file
	e2 := newEnv(t, Options{StatePath: path, AccountSID: e.sb.AccountSID()})
	if err := e2.tryStart(NumberFraud, "sms"); err != nil {
		t.Fatalf("level off was not kept: %v", err)
	}
	wantErr(t, e2.tryStart("+5353123456", "sms"), 403, 60605)
	if _, err := e2.v.FetchRateLimit(e2.demo, rl); err != nil {
		t.Fatalf("rate limit not kept: %v", err)
	}
}
