package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// Helpers for the Push/TOTP tests. Codes come from pquerna/otp, an
// implementation independent of the sandbox's.

const identity = "user-0001-abcd"

// totpFactor creates a TOTP factor for identity and returns it with its
// Base32 secret.
func (e *env) totpFactor(service, id string, set func(*verify.CreateNewFactorParams)) (*verify.VerifyV2NewFactor, string) {
	e.t.Helper()
	p := (&verify.CreateNewFactorParams{}).SetFriendlyName("Phone").SetFactorType("totp")
	if set != nil {
		set(p)
	}
	f, err := e.v.CreateNewFactor(service, id, p)
	if err != nil {
		e.t.Fatalf("CreateNewFactor: %v", err)
	}
	return f, asMap(e.t, f.Binding)["secret"].(string)
}

// verifiedTOTP creates a TOTP factor and verifies it with the current code.
func (e *env) verifiedTOTP(service, id string) (sid, secret string, cfg totpConfig) {
	e.t.Helper()
	f, secret := e.totpFactor(service, id, nil)
	cfg = configOf(e.t, f.Config)
	got, err := e.v.UpdateFactor(service, id, *f.Sid, (&verify.UpdateFactorParams{}).SetAuthPayload(e.code(secret, cfg, 0)))
	if err != nil || *got.Status != "verified" {
		e.t.Fatalf("verify factor: %v %v", err, got)
	}
	return *f.Sid, secret, cfg
}

// code is pquerna/otp's code for secret at the sandbox clock plus steps
// time steps.
func (e *env) code(secret string, cfg totpConfig, steps int) string {
	e.t.Helper()
	return pquernaCode(e.t, secret, cfg, e.clock.Now().Add(time.Duration(steps*cfg.TimeStep)*time.Second))
}

// pquernaCode is pquerna/otp's TOTP of secret at t with cfg.
func pquernaCode(t testing.TB, secret string, cfg totpConfig, at time.Time) string {
	t.Helper()
	algs := map[string]otp.Algorithm{"sha1": otp.AlgorithmSHA1, "sha256": otp.AlgorithmSHA256, "sha512": otp.AlgorithmSHA512}
	c, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{
		Period: uint(cfg.TimeStep), Digits: otp.Digits(cfg.CodeLength), Algorithm: algs[cfg.Alg],
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// configOf decodes a factor's config into a totpConfig.
func configOf(t testing.TB, v *interface{}) totpConfig {
	t.Helper()
	b, _ := json.Marshal(asMap(t, v))
	var c totpConfig
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// wrong returns a well-formed code that differs from right.
func wrong(right string) string {
	b := []byte(right)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}

// device is a push device: its key pair signs challenge answers.
type device struct {
	key    *ecdsa.PrivateKey
	public string // Base64 DER, as Binding.PublicKey
}

func newDevice(t testing.TB) device {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return device{key: k, public: base64.StdEncoding.EncodeToString(der)}
}

// sign makes the compact ES256 JWS of claims.
func (d device) sign(t testing.TB, claims map[string]any) string {
	enc := base64.RawURLEncoding.EncodeToString
	body, _ := json.Marshal(claims)
	input := enc([]byte(`{"alg":"ES256","typ":"JWT"}`)) + "." + enc(body)
	sum := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, d.key, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return input + "." + enc(sig)
}

// pushFactor creates a push factor bound to d.
func (e *env) pushFactor(service, id string, d device) *verify.VerifyV2NewFactor {
	e.t.Helper()
	f, err := e.v.CreateNewFactor(service, id, pushParams(d))
	if err != nil {
		e.t.Fatalf("create push factor: %v", err)
	}
	return f
}

func pushParams(d device) *verify.CreateNewFactorParams {
	return (&verify.CreateNewFactorParams{}).SetFriendlyName("Pixel").SetFactorType("push").
		SetBindingAlg("ES256").SetBindingPublicKey(d.public).SetConfigAppId("com.example.app").
		SetConfigSdkVersion("1.0").SetConfigNotificationPlatform("fcm").
		SetConfigNotificationToken(strings.Repeat("t", 40))
}
