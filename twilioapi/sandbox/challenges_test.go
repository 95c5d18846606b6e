package sandbox

import (
	"strings"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestChallengeOnUnverifiedFactor(t *testing.T) {
	e := newEnv(t, Options{})
	f, secret := e.totpFactor(e.demo, identity, nil)
	_, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(*f.Sid).
		SetAuthPayload(e.code(secret, configOf(t, f.Config), 0)))
	wantErr(t, err, 403, 60318)
}

func TestTOTPChallengeWithAuthPayload(t *testing.T) {
	e := newEnv(t, Options{})
	sid, secret, cfg := e.verifiedTOTP(e.demo, identity)
	e.clock.Advance(90 * time.Second)
	resp, err := e.v.CreateChallengeWithMetadata(e.demo, identity, (&verify.CreateChallengeParams{}).
		SetFactorSid(sid).SetAuthPayload(e.code(secret, cfg, 0)))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("create: %v %v", err, resp)
	}
	c := resp.Resource
	now := e.clock.Now()
	u := e.srv.URL() + "/v2/Services/" + e.demo + "/Entities/" + identity + "/Challenges/" + *c.Sid
	if !validSID(*c.Sid, "YC") || *c.Status != "approved" || *c.FactorSid != sid || *c.FactorType != "totp" ||
		*c.RespondedReason != "none" || c.DateResponded == nil || !c.DateResponded.Equal(now) ||
		!c.ExpirationDate.Equal(now.Add(5*time.Minute)) || *c.Url != u || (*c.Links)["notifications"] != u+"/Notifications" ||
		c.Details != nil {
		t.Fatalf("challenge %+v", c)
	}
	// A wrong code at creation leaves it pending.
	c2, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).
		SetFactorSid(sid).SetAuthPayload(wrong(e.code(secret, cfg, 0))))
	if err != nil || *c2.Status != "pending" || c2.DateResponded != nil {
		t.Fatalf("wrong code: %v %+v", err, c2)
	}
}

func TestTOTPChallengeAnsweredLater(t *testing.T) {
	e := newEnv(t, Options{})
	sid, secret, cfg := e.verifiedTOTP(e.demo, identity)
	c, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sid).
		SetDetailsMessage("Log in?").SetHiddenDetails(map[string]string{"ip": "172.168.1.234"}))
	if err != nil || *c.Status != "pending" {
		t.Fatalf("create: %v %+v", err, c)
	}
	if d := asMap(t, c.Details); d["message"] != "Log in?" || len(d["fields"].([]any)) != 0 {
		t.Fatalf("details %v", d)
	}
	if h := asMap(t, c.HiddenDetails); h["ip"] != "172.168.1.234" {
		t.Fatalf("hidden %v", h)
	}
	upd := func(p *verify.UpdateChallengeParams) (*verify.VerifyV2Challenge, error) {
		return e.v.UpdateChallenge(e.demo, identity, *c.Sid, p)
	}
	got, err := upd((&verify.UpdateChallengeParams{}).SetAuthPayload(wrong(e.code(secret, cfg, 0))))
	if err != nil || *got.Status != "pending" {
		t.Fatalf("wrong: %v %+v", err, got)
	}
	_, err = upd((&verify.UpdateChallengeParams{}).SetAuthPayload("12"))
	wantErr(t, err, 400, 60300)
	e.clock.Advance(time.Minute)
	got, err = upd((&verify.UpdateChallengeParams{}).SetAuthPayload(e.code(secret, cfg, 0)).
		SetMetadata(map[string]string{"os": "linux"}))
	if err != nil || *got.Status != "approved" || !got.DateResponded.Equal(e.clock.Now()) || asMap(t, got.Metadata)["os"] != "linux" {
		t.Fatalf("right: %v %+v", err, got)
	}
	fetched, err := e.v.FetchChallenge(e.demo, identity, *c.Sid)
	if err != nil || *fetched.Status != "approved" {
		t.Fatalf("fetch: %v %+v", err, fetched)
	}
	_, err = e.v.FetchChallenge(e.demo, identity, "YC"+strings.Repeat("0", 32))
	wantErr(t, err, 404, 20404)
}

func TestChallengeAttemptLimit(t *testing.T) {
	e := newEnv(t, Options{})
	sid, secret, cfg := e.verifiedTOTP(e.demo, identity)
	c, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sid).
		SetAuthPayload(wrong(e.code(secret, cfg, 0)))) // the first wrong answer
	if err != nil {
		t.Fatal(err)
	}
	for range maxTOTPFailures - 1 {
		if _, err := e.v.UpdateChallenge(e.demo, identity, *c.Sid, (&verify.UpdateChallengeParams{}).
			SetAuthPayload(wrong(e.code(secret, cfg, 0)))); err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.v.UpdateChallenge(e.demo, identity, *c.Sid, (&verify.UpdateChallengeParams{}).SetAuthPayload(e.code(secret, cfg, 0)))
	wantErr(t, err, 429, 60308)
	// Another challenge has its own count.
	c2, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sid).
		SetAuthPayload(e.code(secret, cfg, 0)))
	if err != nil || *c2.Status != "approved" {
		t.Fatalf("second challenge: %v %+v", err, c2)
	}
}

func TestChallengeExpiry(t *testing.T) {
	e := newEnv(t, Options{})
	sid, secret, cfg := e.verifiedTOTP(e.demo, identity)
	c, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sid))
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(5*time.Minute - time.Second)
	if got, _ := e.v.FetchChallenge(e.demo, identity, *c.Sid); *got.Status != "pending" {
		t.Fatalf("expired early: %s", *got.Status)
	}
	e.clock.Advance(time.Second)
	got, err := e.v.FetchChallenge(e.demo, identity, *c.Sid)
	if err != nil || *got.Status != "expired" || !got.DateUpdated.Equal(*got.ExpirationDate) {
		t.Fatalf("at expiry: %v %+v", err, got)
	}
	_, err = e.v.UpdateChallenge(e.demo, identity, *c.Sid, (&verify.UpdateChallengeParams{}).SetAuthPayload(e.code(secret, cfg, 0)))
	wantErr(t, err, 403, 60323)

	// A chosen expiration date, within the hour.
	at := e.clock.Now().Add(30 * time.Minute)
	c2, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sid).SetExpirationDate(at))
	if err != nil || !c2.ExpirationDate.Equal(at) {
		t.Fatalf("expiration date: %v %+v", err, c2)
	}
	for _, bad := range []time.Time{e.clock.Now().Add(-time.Second), e.clock.Now(), e.clock.Now().Add(61 * time.Minute)} {
		_, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sid).SetExpirationDate(bad))
		wantErr(t, err, 400, 60300)
	}
}

func TestChallengeCreateRefusals(t *testing.T) {
	e := newEnv(t, Options{})
	sid, _, _ := e.verifiedTOTP(e.demo, identity)
	for name, p := range map[string]*verify.CreateChallengeParams{
		"no factor":     &verify.CreateChallengeParams{},
		"bad factor":    (&verify.CreateChallengeParams{}).SetFactorSid("YF123"),
		"long message":  (&verify.CreateChallengeParams{}).SetFactorSid(sid).SetDetailsMessage(strings.Repeat("m", 257)),
		"bad field":     (&verify.CreateChallengeParams{}).SetFactorSid(sid).SetDetailsFields([]interface{}{"x"}),
		"long label":    (&verify.CreateChallengeParams{}).SetFactorSid(sid).SetDetailsFields([]interface{}{map[string]string{"label": strings.Repeat("l", 37), "value": "v"}}),
		"hidden array":  (&verify.CreateChallengeParams{}).SetFactorSid(sid).SetHiddenDetails([]string{"x"}),
		"short payload": (&verify.CreateChallengeParams{}).SetFactorSid(sid).SetAuthPayload("12"),
	} {
		_, err := e.v.CreateChallenge(e.demo, identity, p)
		t.Run(name, func(t *testing.T) { wantErr(t, err, 400, 60300) })
	}
	_, err := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid("YF"+strings.Repeat("a", 32)))
	wantErr(t, err, 404, 20404)
	_, err = e.v.CreateChallenge(e.demo, "nobody-here", (&verify.CreateChallengeParams{}).SetFactorSid(sid))
	wantErr(t, err, 404, 20404)
}

func TestPushChallenge(t *testing.T) {
	e := newEnv(t, Options{})
	va := e.newService("Push", func(p *verify.CreateServiceParams) { p.SetPushIncludeDate(true) })
	d := newDevice(t)
	f := e.pushFactor(va, identity, d)
	if _, err := e.v.UpdateFactor(va, identity, *f.Sid, (&verify.UpdateFactorParams{}).SetAuthPayload(d.sign(t, map[string]any{}))); err != nil {
		t.Fatal(err)
	}
	create := func(p *verify.CreateChallengeParams) (*verify.VerifyV2Challenge, error) {
		return e.v.CreateChallenge(va, identity, p.SetFactorSid(*f.Sid))
	}
	_, err := create(&verify.CreateChallengeParams{}) // push needs Details.Message
	wantErr(t, err, 400, 60300)
	_, err = create((&verify.CreateChallengeParams{}).SetDetailsMessage("Hi").SetAuthPayload("123456"))
	wantErr(t, err, 400, 60300) // AuthPayload at creation is TOTP only
	c, err := create((&verify.CreateChallengeParams{}).SetDetailsMessage("Sign in from Berlin?").
		SetDetailsFields([]interface{}{map[string]string{"label": "Action", "value": "Sign in"}}))
	if err != nil || *c.FactorType != "push" || *c.Status != "pending" {
		t.Fatalf("create: %v %+v", err, c)
	}
	det := asMap(t, c.Details)
	fields := det["fields"].([]any)
	if det["message"] != "Sign in from Berlin?" || det["date"] != rfc3339(t0) || len(fields) != 1 ||
		fields[0].(map[string]any)["label"] != "Action" {
		t.Fatalf("details %v", det)
	}
	answer := func(sid, token string) (*verify.VerifyV2Challenge, error) {
		return e.v.UpdateChallenge(va, identity, sid, (&verify.UpdateChallengeParams{}).SetAuthPayload(token))
	}
	_, err = answer(*c.Sid, newDevice(t).sign(t, map[string]any{"status": "approved"}))
	wantErr(t, err, 403, 60324)
	_, err = answer(*c.Sid, d.sign(t, map[string]any{"status": "maybe"}))
	wantErr(t, err, 403, 60324)
	_, err = answer(*c.Sid, "not.a.jws")
	wantErr(t, err, 403, 60324)
	got, err := answer(*c.Sid, d.sign(t, map[string]any{"status": "approved"}))
	if err != nil || *got.Status != "approved" {
		t.Fatalf("approve: %v %+v", err, got)
	}
	c2, _ := create((&verify.CreateChallengeParams{}).SetDetailsMessage("Again?"))
	got, err = answer(*c2.Sid, d.sign(t, map[string]any{"status": "denied"}))
	if err != nil || *got.Status != "denied" || got.DateResponded == nil {
		t.Fatalf("deny: %v %+v", err, got)
	}
}

func TestChallengeListFilters(t *testing.T) {
	e := newEnv(t, Options{})
	sidA, secret, cfg := e.verifiedTOTP(e.demo, identity)
	sidB, _, _ := e.verifiedTOTP(e.demo, identity)
	var approvedA, pendingA, onB []string
	for range 3 {
		c, _ := e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sidA).SetAuthPayload(e.code(secret, cfg, 0)))
		approvedA = append(approvedA, *c.Sid)
		c, _ = e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sidA))
		pendingA = append(pendingA, *c.Sid)
		c, _ = e.v.CreateChallenge(e.demo, identity, (&verify.CreateChallengeParams{}).SetFactorSid(sidB))
		onB = append(onB, *c.Sid)
	}
	sids := func(p *verify.ListChallengeParams) []string {
		t.Helper()
		list, err := e.v.ListChallenge(e.demo, identity, p.SetPageSize(1)) // one per page: filters must survive next_page_url
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range list {
			out = append(out, *c.Sid)
		}
		return out
	}
	eq := func(name string, got, want []string) {
		t.Helper()
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: got %v want %v", name, got, want)
		}
	}
	eq("status approved", sids((&verify.ListChallengeParams{}).SetStatus("approved")), approvedA)
	eq("factor A pending", sids((&verify.ListChallengeParams{}).SetFactorSid(sidA).SetStatus("pending")), pendingA)
	eq("factor B", sids((&verify.ListChallengeParams{}).SetFactorSid(sidB)), onB)
	rev := []string{onB[2], onB[1], onB[0]}
	eq("factor B desc", sids((&verify.ListChallengeParams{}).SetFactorSid(sidB).SetOrder("desc")), rev)
	if n := len(sids(&verify.ListChallengeParams{})); n != 9 {
		t.Errorf("all: %d", n)
	}
	e.clock.Advance(6 * time.Minute)
	eq("expired on B", sids((&verify.ListChallengeParams{}).SetFactorSid(sidB).SetStatus("expired")), onB)
	for _, q := range []string{"Status=done", "Order=up", "FactorSid=YF1", "PageSize=0"} {
		resp, _ := e.raw("GET", "/v2/Services/"+e.demo+"/Entities/"+identity+"/Challenges?"+q, "")
		if resp.StatusCode != 400 {
			t.Errorf("%s: %d", q, resp.StatusCode)
		}
	}
}
