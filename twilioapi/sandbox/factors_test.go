package sandbox

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pquerna/otp"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func TestTOTPFactorCreate(t *testing.T) {
	e := newEnv(t, Options{})
	va := e.newService("Acme Corp", func(p *verify.CreateServiceParams) {
		p.SetTotpTimeStep(45).SetTotpCodeLength(7).SetTotpSkew(2)
	})
	resp, err := e.v.CreateNewFactorWithMetadata(va, identity, (&verify.CreateNewFactorParams{}).
		SetFriendlyName("John’s Account Name").SetFactorType("totp").SetMetadata(map[string]string{"os": "ios"}))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("create: %v %v", err, resp)
	}
	f := resp.Resource
	if !validSID(*f.Sid, "YF") || *f.Status != "unverified" || *f.FactorType != "totp" || *f.Identity != identity ||
		!validSID(*f.EntitySid, "YE") || *f.FriendlyName != "John’s Account Name" || f.Options != nil {
		t.Fatalf("factor %+v", f)
	}
	// Defaults come from the service; the algorithm from Verify.
	if cfg := configOf(t, f.Config); cfg != (totpConfig{Alg: "sha1", Skew: 2, CodeLength: 7, TimeStep: 45}) {
		t.Fatalf("config %+v", cfg)
	}
	if m := asMap(t, f.Metadata); m["os"] != "ios" {
		t.Fatalf("metadata %v", m)
	}
	b := asMap(t, f.Binding)
	secret := b["secret"].(string)
	if len(secret) != 32 || strings.Trim(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
		t.Fatalf("secret %q", secret)
	}
	// No issuer set: the service's friendly name; the label escaped like
	// Twilio's example, the query values query-escaped.
	want := "otpauth://totp/Acme%20Corp:John%E2%80%99s%20Account%20Name?secret=" + secret +
		"&issuer=Acme+Corp&algorithm=SHA1&digits=7&period=45"
	if b["uri"] != want {
		t.Fatalf("uri\n got %s\nwant %s", b["uri"], want)
	}
	// pquerna/otp reads the URI back.
	key, err := otp.NewKeyFromURL(b["uri"].(string))
	if err != nil || key.Secret() != secret || key.Issuer() != "Acme Corp" || key.AccountName() != "John’s Account Name" ||
		key.Period() != 45 || key.Digits() != 7 || key.Algorithm() != otp.AlgorithmSHA1 {
		t.Fatalf("pquerna reads %v %+v", err, key)
	}
	// The entity came with the factor.
	if en, err := e.v.FetchEntity(va, identity); err != nil || *en.Sid != *f.EntitySid {
		t.Fatalf("entity %v %+v", err, en)
	}
	// The binding is never shown again.
	for _, path := range []string{"/Factors/" + *f.Sid, "/Factors"} {
		_, body := e.raw("GET", "/v2/Services/"+va+"/Entities/"+identity+path, "")
		if strings.Contains(string(body), "binding") || strings.Contains(string(body), secret) {
			t.Fatalf("GET %s shows the binding: %s", path, body)
		}
	}
}

func TestTOTPFactorIssuerAndOverrides(t *testing.T) {
	e := newEnv(t, Options{})
	va := e.newService("Acme", func(p *verify.CreateServiceParams) { p.SetTotpIssuer("Acme: Login & Co") })
	secret := "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	f, got := e.totpFactor(va, identity, func(p *verify.CreateNewFactorParams) {
		p.SetBindingSecret(secret).SetConfigAlg("sha512").SetConfigCodeLength(8).SetConfigTimeStep(60).SetConfigSkew(0)
	})
	if got != secret {
		t.Fatalf("secret %q", got)
	}
	want := "otpauth://totp/Acme%3A%20Login%20&%20Co:Phone?secret=" + secret +
		"&issuer=Acme%3A+Login+%26+Co&algorithm=SHA512&digits=8&period=60"
	if uri := asMap(t, f.Binding)["uri"]; uri != want {
		t.Fatalf("uri\n got %s\nwant %s", uri, want)
	}
	if cfg := configOf(t, f.Config); cfg != (totpConfig{Alg: "sha512", Skew: 0, CodeLength: 8, TimeStep: 60}) {
		t.Fatalf("config %+v", cfg)
	}
	// A factor on the demo service (no TOTP settings) gets Verify's defaults.
	f2, _ := e.totpFactor(e.demo, identity, nil)
	if cfg := configOf(t, f2.Config); cfg != (totpConfig{Alg: "sha1", Skew: 1, CodeLength: 6, TimeStep: 30}) {
		t.Fatalf("default config %+v", cfg)
	}
}

func TestFactorCreateRefusesBadParams(t *testing.T) {
	e := newEnv(t, Options{})
	d := newDevice(t)
	totpP := func() *verify.CreateNewFactorParams {
		return (&verify.CreateNewFactorParams{}).SetFriendlyName("Phone").SetFactorType("totp")
	}
	for name, p := range map[string]*verify.CreateNewFactorParams{
		"no name":          (&verify.CreateNewFactorParams{}).SetFactorType("totp"),
		"long name":        totpP().SetFriendlyName(strings.Repeat("n", 65)),
		"no type":          (&verify.CreateNewFactorParams{}).SetFriendlyName("Phone"),
		"bad type":         totpP().SetFactorType("sms"),
		"passkeys here":    totpP().SetFactorType("passkeys"),
		"step 19":          totpP().SetConfigTimeStep(19),
		"step 61":          totpP().SetConfigTimeStep(61),
		"skew 3":           totpP().SetConfigSkew(3),
		"skew -1":          totpP().SetConfigSkew(-1),
		"digits 2":         totpP().SetConfigCodeLength(2),
		"digits 9":         totpP().SetConfigCodeLength(9),
		"alg md5":          totpP().SetConfigAlg("md5"),
		"alg SHA1":         totpP().SetConfigAlg("SHA1"),
		"secret not b32":   totpP().SetBindingSecret("not base32!"),
		"secret short":     totpP().SetBindingSecret("JBSWY3DP"),
		"metadata array":   totpP().SetMetadata([]string{"a"}),
		"metadata numbers": totpP().SetMetadata(map[string]int{"a": 1}),
		"push no key":      pushParams(d).SetBindingPublicKey(""),
		"push bad key":     pushParams(d).SetBindingPublicKey("bm90IGEga2V5"),
		"push bad alg":     pushParams(d).SetBindingAlg("RS256"),
		"push no app":      pushParams(d).SetConfigAppId(""),
		"push long app":    pushParams(d).SetConfigAppId(strings.Repeat("a", 101)),
		"push no sdk":      pushParams(d).SetConfigSdkVersion(""),
		"push platform":    pushParams(d).SetConfigNotificationPlatform("sms"),
		"push token short": pushParams(d).SetConfigNotificationToken("short"),
	} {
		_, err := e.v.CreateNewFactor(e.demo, identity, p)
		t.Run(name, func(t *testing.T) { wantErr(t, err, 400, 60300) })
	}
	_, err := e.v.CreateNewFactor(e.demo, "bad id", totpP())
	wantErr(t, err, 400, 60300)
	// Nothing was created by the refusals, not even the entity.
	_, err = e.v.FetchEntity(e.demo, identity)
	wantErr(t, err, 404, 20404)
	// Platform "none" needs no token.
	if _, err := e.v.CreateNewFactor(e.demo, identity, pushParams(d).SetConfigNotificationPlatform("none").
		SetConfigNotificationToken("")); err == nil {
		t.Fatal("an empty token is still a bad token")
	}
	p := pushParams(d).SetConfigNotificationPlatform("none")
	p.ConfigNotificationToken = nil
	if _, err := e.v.CreateNewFactor(e.demo, identity, p); err != nil {
		t.Fatalf("platform none without token: %v", err)
	}
}

func TestFactorVerification(t *testing.T) {
	e := newEnv(t, Options{})
	f, secret := e.totpFactor(e.demo, identity, nil)
	cfg := configOf(t, f.Config)
	upd := func(code string) (*verify.VerifyV2Factor, error) {
		return e.v.UpdateFactor(e.demo, identity, *f.Sid, (&verify.UpdateFactorParams{}).SetAuthPayload(code))
	}
	right := e.code(secret, cfg, 0)
	got, err := upd(wrong(right))
	if err != nil || *got.Status != "unverified" {
		t.Fatalf("wrong code: %v %+v", err, got)
	}
	for _, bad := range []string{"12", "123456789", "12a456", ""} {
		_, err := upd(bad)
		wantErr(t, err, 400, 60300)
	}
	e.clock.Advance(10e9)
	got, err = upd(right)
	if err != nil || *got.Status != "verified" || !got.DateUpdated.After(*got.DateCreated) {
		t.Fatalf("right code: %v %+v", err, got)
	}
}

func TestFactorVerificationAttemptLimit(t *testing.T) {
	e := newEnv(t, Options{})
	f, secret := e.totpFactor(e.demo, identity, nil)
	cfg := configOf(t, f.Config)
	right := e.code(secret, cfg, 0)
	for i := range maxTOTPFailures {
		got, err := e.v.UpdateFactor(e.demo, identity, *f.Sid, (&verify.UpdateFactorParams{}).SetAuthPayload(wrong(right)))
		if err != nil || *got.Status != "unverified" {
			t.Fatalf("wrong code %d: %v", i+1, err)
		}
	}
	// Even the right code is refused now.
	_, err := e.v.UpdateFactor(e.demo, identity, *f.Sid, (&verify.UpdateFactorParams{}).SetAuthPayload(right))
	wantErr(t, err, 429, 60310)
	got, _ := e.v.FetchFactor(e.demo, identity, *f.Sid)
	if *got.Status != "unverified" {
		t.Fatalf("status %s", *got.Status)
	}
}

func TestFactorUpdateFetchListDelete(t *testing.T) {
	e := newEnv(t, Options{})
	f1, _ := e.totpFactor(e.demo, identity, nil)
	d := newDevice(t)
	f2 := e.pushFactor(e.demo, identity, d)
	e.clock.Advance(60e9)
	got, err := e.v.UpdateFactor(e.demo, identity, *f1.Sid, (&verify.UpdateFactorParams{}).
		SetFriendlyName("Work phone").SetConfigAlg("sha256").SetConfigCodeLength(8).SetConfigTimeStep(20).SetConfigSkew(0))
	if err != nil || *got.FriendlyName != "Work phone" ||
		configOf(t, got.Config) != (totpConfig{Alg: "sha256", Skew: 0, CodeLength: 8, TimeStep: 20}) {
		t.Fatalf("update: %v %+v", err, got)
	}
	for name, p := range map[string]*verify.UpdateFactorParams{
		"push config on totp": (&verify.UpdateFactorParams{}).SetConfigSdkVersion("2.0"),
		"bad step":            (&verify.UpdateFactorParams{}).SetConfigTimeStep(10),
		"empty name":          (&verify.UpdateFactorParams{}).SetFriendlyName(""),
		"bad alg":             (&verify.UpdateFactorParams{}).SetConfigAlg("sha3"),
	} {
		_, err := e.v.UpdateFactor(e.demo, identity, *f1.Sid, p)
		t.Run(name, func(t *testing.T) { wantErr(t, err, 400, 60300) })
	}
	// A refused update changed nothing.
	if got, _ := e.v.FetchFactor(e.demo, identity, *f1.Sid); *got.FriendlyName != "Work phone" {
		t.Fatalf("after refusals %+v", got)
	}
	pu, err := e.v.UpdateFactor(e.demo, identity, *f2.Sid, (&verify.UpdateFactorParams{}).
		SetConfigNotificationToken(strings.Repeat("n", 64)).SetConfigSdkVersion("2.0"))
	if err != nil {
		t.Fatal(err)
	}
	if c := asMap(t, pu.Config); c["notification_token"] != strings.Repeat("n", 64) || c["sdk_version"] != "2.0" ||
		c["app_id"] != "com.example.app" || c["notification_platform"] != "fcm" {
		t.Fatalf("push config %v", c)
	}
	_, err = e.v.UpdateFactor(e.demo, identity, *f2.Sid, (&verify.UpdateFactorParams{}).SetConfigSkew(1))
	wantErr(t, err, 400, 60300)

	list, err := e.v.ListFactor(e.demo, identity, (&verify.ListFactorParams{}).SetPageSize(1))
	if err != nil || len(list) != 2 || *list[0].Sid != *f1.Sid || *list[1].Sid != *f2.Sid || *list[1].FactorType != "push" {
		t.Fatalf("list: %v %+v", err, list)
	}
	if err := e.v.DeleteFactor(e.demo, identity, *f1.Sid); err != nil {
		t.Fatal(err)
	}
	_, err = e.v.FetchFactor(e.demo, identity, *f1.Sid)
	wantErr(t, err, 404, 20404)
	wantErr(t, e.v.DeleteFactor(e.demo, identity, *f1.Sid), 404, 20404)
	if err := e.v.DeleteFactor(e.demo, identity, *f2.Sid); err != nil {
		t.Fatal(err)
	}
	list, err = e.v.ListFactor(e.demo, identity, nil)
	if err != nil || len(list) != 0 {
		t.Fatalf("after deletes: %v %+v", err, list)
	}
	_, err = e.v.ListFactor(e.demo, "unknown-identity", nil)
	wantErr(t, err, 404, 20404)
}

func TestPushFactor(t *testing.T) {
	e := newEnv(t, Options{})
	d := newDevice(t)
	f := e.pushFactor(e.demo, identity, d)
	b := asMap(t, f.Binding)
	if *f.FactorType != "push" || b["alg"] != "ES256" || b["public_key"] != d.public {
		t.Fatalf("push factor %+v %v", f, b)
	}
	c := asMap(t, f.Config)
	if c["app_id"] != "com.example.app" || c["sdk_version"] != "1.0" || c["notification_platform"] != "fcm" {
		t.Fatalf("config %v", c)
	}
	// A signature by another key is refused; the device's verifies.
	_, err := e.v.UpdateFactor(e.demo, identity, *f.Sid, (&verify.UpdateFactorParams{}).
		SetAuthPayload(newDevice(t).sign(t, map[string]any{"factor": *f.Sid})))
	wantErr(t, err, 403, 60311)
	got, err := e.v.UpdateFactor(e.demo, identity, *f.Sid, (&verify.UpdateFactorParams{}).
		SetAuthPayload(d.sign(t, map[string]any{"factor": *f.Sid})))
	if err != nil || *got.Status != "verified" {
		t.Fatalf("verify: %v %+v", err, got)
	}
}

func TestPasskeysFactorShapes(t *testing.T) {
	e := newEnv(t, Options{})
	va := e.newService("Passkeys", func(p *verify.CreateServiceParams) {
		p.SetPasskeysRelyingPartyId("example.com").SetPasskeysRelyingPartyName("Example").
			SetPasskeysRelyingPartyOrigins("https://example.com")
	})
	req := verify.CreateNewPasskeysFactorRequest{FriendlyName: "Laptop", Identity: identity}
	req.Config.UserVerification = "required"
	pk, err := e.v.CreateNewFactorPasskey(va, (&verify.CreateNewFactorPasskeyParams{}).SetCreateNewPasskeysFactorRequest(req))
	if err != nil || pk.Status != "unverified" || pk.FactorType != "passkeys" || pk.Binding != nil {
		t.Fatalf("create: %v %+v", err, pk)
	}
	opts := asMap(t, pk.Options)["publicKey"].(map[string]any)
	if opts["rp"].(map[string]any)["id"] != "example.com" || opts["attestation"] != "none" ||
		opts["authenticatorSelection"].(map[string]any)["userVerification"] != "required" {
		t.Fatalf("options %v", opts)
	}
	list, err := e.v.ListFactor(va, identity, nil)
	if err != nil || len(list) != 1 || *list[0].FactorType != "passkeys" {
		t.Fatalf("list: %v %+v", err, list)
	}
	cfg, _ := json.Marshal(asMap(t, list[0].Config))
	want := `{"authenticator_attachment":"platform","discoverable_credentials":"preferred","relying_party":{"id":"example.com","name":"Example","origins":["https://example.com"]},"user_verification":"required"}`
	if string(cfg) != want {
		t.Fatalf("config %s", cfg)
	}
	if f, err := e.v.FetchFactor(va, identity, *pk.Sid); err != nil || *f.FriendlyName != "Laptop" {
		t.Fatalf("fetch: %v %+v", err, f)
	}
	if err := e.v.DeleteFactor(va, identity, *pk.Sid); err != nil {
		t.Fatal(err)
	}
	// Without a relying party anywhere, creation is refused.
	_, err = e.v.CreateNewFactorPasskey(e.demo, (&verify.CreateNewFactorPasskeyParams{}).SetCreateNewPasskeysFactorRequest(req))
	wantErr(t, err, 400, 60300)
}
