package sandbox

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// RFC 6238 Appendix B: 8 digits, 30-second steps, one ASCII seed per
// algorithm.
func TestHOTPMatchesRFC6238Vectors(t *testing.T) {
	seeds := map[string]string{
		"sha1":   "12345678901234567890",
		"sha256": "12345678901234567890123456789012",
		"sha512": "1234567890123456789012345678901234567890123456789012345678901234",
	}
	for _, v := range []struct {
		unix             int64
		sha1, s256, s512 string
	}{
		{59, "94287082", "46119246", "90693936"},
		{1111111109, "07081804", "68084774", "25091201"},
		{1111111111, "14050471", "67062674", "99943326"},
		{1234567890, "89005924", "91819424", "93441116"},
		{2000000000, "69279037", "90698825", "38618901"},
		{20000000000, "65353130", "77737706", "47863826"},
	} {
		for alg, want := range map[string]string{"sha1": v.sha1, "sha256": v.s256, "sha512": v.s512} {
			if got := hotp([]byte(seeds[alg]), uint64(v.unix/30), alg, 8); got != want {
				t.Errorf("%s at %d: %s, want %s", alg, v.unix, got, want)
			}
		}
	}
}

// checkTOTP agrees with pquerna/otp's validator on random secrets, times,
// algorithms, lengths, steps and skews, for right codes at every offset
// up to three steps either side.
func TestCheckTOTPMatchesPquerna(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	algs := map[string]otp.Algorithm{"sha1": otp.AlgorithmSHA1, "sha256": otp.AlgorithmSHA256, "sha512": otp.AlgorithmSHA512}
	for i := range 300 {
		secret := newTOTPSecret()
		key, _ := decodeTOTPSecret(secret)
		cfg := totpConfig{
			Alg: totpAlgs[rng.IntN(3)], Skew: rng.IntN(3), CodeLength: 3 + rng.IntN(6), TimeStep: 20 + rng.IntN(41),
		}
		now := time.Unix(1e9+rng.Int64N(2e9), 0)
		offset := rng.IntN(7) - 3
		code := pquernaCode(t, secret, cfg, now.Add(time.Duration(offset*cfg.TimeStep)*time.Second))
		want, err := totp.ValidateCustom(code, secret, now, totp.ValidateOpts{
			Period: uint(cfg.TimeStep), Skew: uint(cfg.Skew), Digits: otp.Digits(cfg.CodeLength), Algorithm: algs[cfg.Alg],
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := checkTOTP(key, cfg, code, now); got != want {
			t.Fatalf("case %d %+v offset %d: sandbox %v, pquerna %v", i, cfg, offset, got, want)
		}
	}
}

// Over loopback: codes from pquerna/otp are accepted within the skew and
// refused outside it, at the first and the last second of a time step,
// for each algorithm, 6 and 8 digits, and skews 0 and 2.
func TestTOTPChallengesAtStepBoundaries(t *testing.T) {
	e := newEnv(t, Options{})
	n := 0
	for _, alg := range totpAlgs {
		for _, digits := range []int{6, 8} {
			for _, skew := range []int{0, 2} {
				step := []int{20, 30, 60}[n%3]
				n++
				id := fmt.Sprintf("user-%s-%d-%d", alg, digits, skew)
				f, secret := e.totpFactor(e.demo, id, func(p *verify.CreateNewFactorParams) {
					p.SetConfigAlg(alg).SetConfigCodeLength(digits).SetConfigSkew(skew).SetConfigTimeStep(step)
				})
				cfg := configOf(t, f.Config)
				if _, err := e.v.UpdateFactor(e.demo, id, *f.Sid, (&verify.UpdateFactorParams{}).SetAuthPayload(e.code(secret, cfg, 0))); err != nil {
					t.Fatal(err)
				}
				// To the first second of a step, then to its last.
				e.clock.Advance(time.Duration(int64(step)-e.clock.Now().Unix()%int64(step)) * time.Second)
				for _, at := range []string{"first", "last"} {
					if at == "last" {
						e.clock.Advance(time.Duration(step-1) * time.Second)
					}
					for off := -skew - 1; off <= skew+1; off++ {
						c, err := e.v.CreateChallenge(e.demo, id, (&verify.CreateChallengeParams{}).
							SetFactorSid(*f.Sid).SetAuthPayload(e.code(secret, cfg, off)))
						if err != nil {
							t.Fatal(err)
						}
						want := "approved"
						if off < -skew || off > skew {
							want = "pending"
						}
						if *c.Status != want {
							t.Errorf("%+v, %s second of the step, offset %d: %s, want %s", cfg, at, off, *c.Status, want)
						}
					}
				}
			}
		}
	}
}

func BenchmarkCheckTOTP(b *testing.B) {
	key, _ := decodeTOTPSecret(newTOTPSecret())
	cfg := totpConfig{Alg: "sha1", Skew: 1, CodeLength: 6, TimeStep: 30}
	now := time.Unix(1_800_000_000, 0)
	for b.Loop() {
		checkTOTP(key, cfg, "123456", now)
	}
}
