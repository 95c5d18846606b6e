package twilioapi_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// The Push/TOTP client against the sandbox over loopback. Codes come from
// twilioapi.TOTPCode (pquerna/otp); the sandbox checks them with its own
// RFC 6238 code.

const who = "user-0001-abcd"

// code is the current code of a factor with secret.
func (e *env) code(t *testing.T, secret string, cfg twilioapi.TOTPConfig, offset time.Duration) string {
	t.Helper()
	c, err := twilioapi.TOTPCode(secret, e.clock.Now().Add(offset), cfg.Algorithm, cfg.CodeLength, cfg.TimeStep)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// verifiedFactor creates and verifies a TOTP factor.
func (e *env) verifiedFactor(t *testing.T, va string) (twilioapi.Factor, twilioapi.FactorBinding) {
	t.Helper()
	f, b, err := e.c.CreateTOTPFactor(e.ctx, twilioapi.TOTPFactorParams{ServiceSID: va, Identity: who, FriendlyName: "Phone"})
	if err != nil {
		t.Fatal(err)
	}
	f, err = e.c.VerifyFactor(e.ctx, va, who, f.SID, e.code(t, b.Secret, f.TOTP, 0))
	if err != nil || f.Status != twilioapi.FactorVerified {
		t.Fatalf("verify: %v %+v", err, f)
	}
	return f, b
}

// notFound asserts a 20404 with the Push/TOTP hint.
func notFound(t *testing.T, err error) {
	t.Helper()
	var e *twilioapi.Error
	if !errors.As(err, &e) || e.Code != 20404 || e.Status != 404 || !strings.Contains(e.Hint, "entity, factor or challenge") {
		t.Fatalf("want 404/20404 with the Push/TOTP hint, got %#v", err)
	}
}

func TestTFAEntities(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	en, err := e.c.CreateEntity(e.ctx, va, who)
	if err != nil || en.Identity != who || !strings.HasPrefix(en.SID, "YE") || en.ServiceSID != va ||
		!en.DateCreated.Equal(e.clock.Now()) || !strings.HasSuffix(en.URL, "/Entities/"+who) {
		t.Fatalf("create: %v %+v", err, en)
	}
	for i := range 4 {
		if _, err := e.c.CreateEntity(e.ctx, va, fmt.Sprintf("entity-%04d", i)); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	tok := ""
	for pages := 0; ; pages++ {
		p, err := e.c.ListEntitiesPage(e.ctx, va, 2, tok)
		if err != nil || pages > 3 {
			t.Fatalf("page %d: %v", pages, err)
		}
		for _, en := range p.Entities {
			ids = append(ids, en.Identity)
		}
		if tok = p.NextPageToken; tok == "" {
			break
		}
	}
	if strings.Join(ids, ",") != who+",entity-0000,entity-0001,entity-0002,entity-0003" {
		t.Fatalf("listed %v", ids)
	}
	if got, err := e.c.FetchEntity(e.ctx, va, who); err != nil || got != en {
		t.Fatalf("fetch: %v %+v", err, got)
	}
	_, err = e.c.CreateEntity(e.ctx, va, who)
	apiErr(t, err, 400, 60300)
	if err := e.c.DeleteEntity(e.ctx, va, who); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.FetchEntity(e.ctx, va, who)
	notFound(t, err)
	notFound(t, e.c.DeleteEntity(e.ctx, va, who))
}

func TestTFAFactorLifecycle(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{FriendlyName: ptr("Acme"), TOTPIssuer: ptr("Acme Inc")})
	f, b, err := e.c.CreateTOTPFactor(e.ctx, twilioapi.TOTPFactorParams{
		ServiceSID: va, Identity: who, FriendlyName: "Ann's phone",
		Config:   twilioapi.TOTPOptions{Algorithm: twilioapi.TOTPSHA256, CodeLength: ptr(8), TimeStep: ptr(60), Skew: ptr(0)},
		Metadata: map[string]string{"os": "ios"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCfg := twilioapi.TOTPConfig{Algorithm: "sha256", TimeStep: 60, CodeLength: 8, Skew: 0}
	if f.Type != twilioapi.FactorTOTP || f.Status != twilioapi.FactorUnverified || f.TOTP != wantCfg ||
		f.Metadata["os"] != "ios" || f.FriendlyName != "Ann's phone" || f.Identity != who {
		t.Fatalf("factor %+v", f)
	}
	if len(b.Secret) != 32 || !strings.HasPrefix(b.URI, "otpauth://totp/Acme%20Inc:Ann%27s%20phone?secret="+b.Secret+"&issuer=Acme+Inc&algorithm=SHA256&digits=8&period=60") {
		t.Fatalf("binding %+v", b)
	}
	// A wrong code is not an error: the factor stays unverified.
	right := e.code(t, b.Secret, f.TOTP, 0)
	wrongCode := fmt.Sprintf("%08d", (atoi(right)+1)%1e8)
	got, err := e.c.VerifyFactor(e.ctx, va, who, f.SID, wrongCode)
	if err != nil || got.Status != twilioapi.FactorUnverified {
		t.Fatalf("wrong code: %v %+v", err, got)
	}
	got, err = e.c.VerifyFactor(e.ctx, va, who, f.SID, right)
	if err != nil || got.Status != twilioapi.FactorVerified {
		t.Fatalf("right code: %v %+v", err, got)
	}
	got, err = e.c.UpdateFactor(e.ctx, va, who, f.SID, twilioapi.FactorUpdate{
		FriendlyName: ptr("Work"), TOTP: twilioapi.TOTPOptions{Skew: ptr(2), Algorithm: twilioapi.TOTPSHA1},
	})
	if err != nil || got.FriendlyName != "Work" || got.TOTP != (twilioapi.TOTPConfig{Algorithm: "sha1", TimeStep: 60, CodeLength: 8, Skew: 2}) {
		t.Fatalf("update: %v %+v", err, got)
	}
	list, err := e.c.ListFactors(e.ctx, va, who)
	if err != nil || len(list) != 1 || list[0].SID != f.SID || list[0].Status != twilioapi.FactorVerified {
		t.Fatalf("list: %v %+v", err, list)
	}
	if fetched, err := e.c.FetchFactor(e.ctx, va, who, f.SID); err != nil || fetched.FriendlyName != "Work" {
		t.Fatalf("fetch: %v %+v", err, fetched)
	}
	if err := e.c.DeleteFactor(e.ctx, va, who, f.SID); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.FetchFactor(e.ctx, va, who, f.SID)
	notFound(t, err)
	_, err = e.c.ListFactors(e.ctx, va, "nobody-at-all")
	notFound(t, err)
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

func TestTFAFactorAttemptLimit(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	f, b, err := e.c.CreateTOTPFactor(e.ctx, twilioapi.TOTPFactorParams{ServiceSID: va, Identity: who, FriendlyName: "Phone"})
	if err != nil {
		t.Fatal(err)
	}
	right := e.code(t, b.Secret, f.TOTP, 0)
	for range 5 {
		if _, err := e.c.VerifyFactor(e.ctx, va, who, f.SID, fmt.Sprintf("%06d", (atoi(right)+1)%1e6)); err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.c.VerifyFactor(e.ctx, va, who, f.SID, right)
	apiErr(t, err, 429, twilioapi.CodeMaxFactorAttempts)
	// A limit of the factor, not a rate limit: waiting does not clear it.
	if !twilioapi.IsAttemptLimit(err) || twilioapi.IsRateLimited(err) {
		t.Fatalf("60310 classified as a rate limit: %v", err)
	}
}

func TestTFAChallenges(t *testing.T) {
	e := newEnv(t)
	va := e.service(t, twilioapi.ServiceSettings{})
	// An unverified factor cannot be challenged.
	uf, ub, err := e.c.CreateTOTPFactor(e.ctx, twilioapi.TOTPFactorParams{ServiceSID: va, Identity: who, FriendlyName: "New"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.c.CreateChallenge(e.ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: uf.SID, Code: e.code(t, ub.Secret, uf.TOTP, 0)})
	apiErr(t, err, 403, 60318)

	f, b := e.verifiedFactor(t, va)
	ch, err := e.c.CreateChallenge(e.ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: f.SID,
		Code: e.code(t, b.Secret, f.TOTP, 0)})
	if err != nil || ch.Status != twilioapi.ChallengeApproved || ch.DateResponded.IsZero() || ch.FactorType != twilioapi.FactorTOTP {
		t.Fatalf("create with code: %v %+v", err, ch)
	}
	// Without a code, then answered: once wrong, once right.
	ch, err = e.c.CreateChallenge(e.ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: f.SID,
		Message: "Log in?", Fields: []twilioapi.ChallengeField{{Label: "IP", Value: "10.0.0.1"}},
		HiddenDetails: map[string]string{"session": "s1"}, ExpirationDate: e.clock.Now().Add(10 * time.Minute)})
	if err != nil || ch.Status != twilioapi.ChallengePending || ch.Message != "Log in?" || len(ch.Fields) != 1 ||
		ch.Fields[0] != (twilioapi.ChallengeField{Label: "IP", Value: "10.0.0.1"}) || ch.HiddenDetails["session"] != "s1" ||
		!ch.ExpirationDate.Equal(e.clock.Now().Add(10*time.Minute)) {
		t.Fatalf("create: %v %+v", err, ch)
	}
	right := e.code(t, b.Secret, f.TOTP, 0)
	got, err := e.c.AnswerChallenge(e.ctx, va, who, ch.SID, fmt.Sprintf("%06d", (atoi(right)+1)%1e6))
	if err != nil || got.Status != twilioapi.ChallengePending {
		t.Fatalf("wrong: %v %+v", err, got)
	}
	got, err = e.c.AnswerChallenge(e.ctx, va, who, ch.SID, right)
	if err != nil || got.Status != twilioapi.ChallengeApproved {
		t.Fatalf("right: %v %+v", err, got)
	}
	if fetched, err := e.c.FetchChallenge(e.ctx, va, who, ch.SID); err != nil || fetched.Status != twilioapi.ChallengeApproved {
		t.Fatalf("fetch: %v %+v", err, fetched)
	}

	// Five wrong answers, then 429/60308.
	ch, _ = e.c.CreateChallenge(e.ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: f.SID})
	for range 5 {
		if _, err := e.c.AnswerChallenge(e.ctx, va, who, ch.SID, fmt.Sprintf("%06d", (atoi(right)+1)%1e6)); err != nil {
			t.Fatal(err)
		}
	}
	_, err = e.c.AnswerChallenge(e.ctx, va, who, ch.SID, right)
	apiErr(t, err, 429, twilioapi.CodeMaxChallengeAttempts)
	if !twilioapi.IsAttemptLimit(err) || twilioapi.IsRateLimited(err) {
		t.Fatalf("60308 classified as a rate limit: %v", err)
	}

	// Expiry: 403/60323 once the five minutes are up.
	ch, _ = e.c.CreateChallenge(e.ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: f.SID})
	e.clock.Advance(5 * time.Minute)
	if got, _ := e.c.FetchChallenge(e.ctx, va, who, ch.SID); got.Status != twilioapi.ChallengeExpired {
		t.Fatalf("not expired: %+v", got)
	}
	_, err = e.c.AnswerChallenge(e.ctx, va, who, ch.SID, e.code(t, b.Secret, f.TOTP, 0))
	apiErr(t, err, 403, 60323)

	// Listing: newest first, filtered, one per page (the locked challenge
	// expired with the other).
	var statuses []string
	tok := ""
	for {
		p, err := e.c.ListChallengesPage(e.ctx, twilioapi.ChallengeFilter{ServiceSID: va, Identity: who, FactorSID: f.SID, NewestFirst: true}, 1, tok)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.Challenges {
			statuses = append(statuses, string(c.Status))
		}
		if tok = p.NextPageToken; tok == "" {
			break
		}
	}
	if strings.Join(statuses, ",") != "expired,expired,approved,approved" {
		t.Fatalf("newest first: %v", statuses)
	}
	p, err := e.c.ListChallengesPage(e.ctx, twilioapi.ChallengeFilter{ServiceSID: va, Identity: who, Status: twilioapi.ChallengeApproved}, 50, "")
	if err != nil || len(p.Challenges) != 2 || p.NextPageToken != "" {
		t.Fatalf("approved: %v %+v", err, p)
	}
}

func TestTFAValidationBeforeAnyCall(t *testing.T) {
	// Nothing listens at this address: a request would fail as refused.
	c, err := twilioapi.New(twilioapi.Config{AccountSID: "AC0123456789abcdef0123456789abcdef", AuthToken: "token123",
		BaseURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	va, yf, yc := "VA0123456789abcdef0123456789abcdef", "YF0123456789abcdef0123456789abcdef", "YC0123456789abcdef0123456789abcdef"
	okTOTP := twilioapi.TOTPFactorParams{ServiceSID: va, Identity: who, FriendlyName: "Phone"}
	with := func(f func(*twilioapi.TOTPFactorParams)) twilioapi.TOTPFactorParams { p := okTOTP; f(&p); return p }
	cases := []struct {
		name, field string
		call        func() error
	}{
		{"entity short", "Identity", func() error { _, err := c.CreateEntity(ctx, va, "short"); return err }},
		{"entity slash", "Identity", func() error { _, err := c.FetchEntity(ctx, va, "abcd/efgh/ijkl"); return err }},
		{"entity double dash", "Identity", func() error { return c.DeleteEntity(ctx, va, "abcd--efgh") }},
		{"bad service", "Service SID", func() error { _, err := c.ListEntitiesPage(ctx, "VA1", 50, ""); return err }},
		{"page size", "Page size", func() error { _, err := c.ListEntitiesPage(ctx, va, 0, ""); return err }},
		{"factor name", "Friendly name", func() error {
			_, _, err := c.CreateTOTPFactor(ctx, with(func(p *twilioapi.TOTPFactorParams) { p.FriendlyName = strings.Repeat("x", 65) }))
			return err
		}},
		{"digits", "TOTP code length", func() error {
			_, _, err := c.CreateTOTPFactor(ctx, with(func(p *twilioapi.TOTPFactorParams) { p.Config.CodeLength = ptr(9) }))
			return err
		}},
		{"step", "TOTP time step", func() error {
			_, _, err := c.CreateTOTPFactor(ctx, with(func(p *twilioapi.TOTPFactorParams) { p.Config.TimeStep = ptr(19) }))
			return err
		}},
		{"skew", "TOTP skew", func() error {
			_, err := c.UpdateFactor(ctx, va, who, yf, twilioapi.FactorUpdate{TOTP: twilioapi.TOTPOptions{Skew: ptr(3)}})
			return err
		}},
		{"algorithm", "TOTP algorithm", func() error {
			_, _, err := c.CreateTOTPFactor(ctx, with(func(p *twilioapi.TOTPFactorParams) { p.Config.Algorithm = "SHA1" }))
			return err
		}},
		{"secret", "Secret", func() error {
			_, _, err := c.CreateTOTPFactor(ctx, with(func(p *twilioapi.TOTPFactorParams) { p.Secret = "not-base-32!!!!!!" }))
			return err
		}},
		{"factor sid", "Factor SID", func() error { _, err := c.FetchFactor(ctx, va, who, "YC0123456789abcdef0123456789abcdef"); return err }},
		{"code letters", "Code", func() error { _, err := c.VerifyFactor(ctx, va, who, yf, "12345a"); return err }},
		{"code long", "Code", func() error { _, err := c.AnswerChallenge(ctx, va, who, yc, "123456789"); return err }},
		{"challenge sid", "Challenge SID", func() error { _, err := c.FetchChallenge(ctx, va, who, yf); return err }},
		{"message", "Message", func() error {
			_, err := c.CreateChallenge(ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: yf, Message: strings.Repeat("m", 257)})
			return err
		}},
		{"fields", "Fields", func() error {
			_, err := c.CreateChallenge(ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: yf,
				Fields: []twilioapi.ChallengeField{{Label: "", Value: "v"}}})
			return err
		}},
		{"hidden", "Hidden details", func() error {
			_, err := c.CreateChallenge(ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: yf,
				HiddenDetails: map[string]string{"k": strings.Repeat("v", 1100)}})
			return err
		}},
		{"status filter", "Status", func() error {
			_, err := c.ListChallengesPage(ctx, twilioapi.ChallengeFilter{ServiceSID: va, Identity: who, Status: "done"}, 50, "")
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantInvalid(t, tc.call(), tc.field) })
	}
}

func TestTFAReadOnlyRefusesMutations(t *testing.T) {
	c, err := twilioapi.New(twilioapi.Config{AccountSID: "AC0123456789abcdef0123456789abcdef", AuthToken: "token123",
		BaseURL: "http://127.0.0.1:1", ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	va, yf, yc := "VA0123456789abcdef0123456789abcdef", "YF0123456789abcdef0123456789abcdef", "YC0123456789abcdef0123456789abcdef"
	for name, call := range map[string]func() error{
		"CreateEntity": func() error { _, err := c.CreateEntity(ctx, va, who); return err },
		"DeleteEntity": func() error { return c.DeleteEntity(ctx, va, who) },
		"CreateTOTPFactor": func() error {
			_, _, err := c.CreateTOTPFactor(ctx, twilioapi.TOTPFactorParams{ServiceSID: va, Identity: who, FriendlyName: "P"})
			return err
		},
		"VerifyFactor": func() error { _, err := c.VerifyFactor(ctx, va, who, yf, "123456"); return err },
		"UpdateFactor": func() error {
			_, err := c.UpdateFactor(ctx, va, who, yf, twilioapi.FactorUpdate{FriendlyName: ptr("x")})
			return err
		},
		"DeleteFactor": func() error { return c.DeleteFactor(ctx, va, who, yf) },
		"CreateChallenge": func() error {
			_, err := c.CreateChallenge(ctx, twilioapi.ChallengeParams{ServiceSID: va, Identity: who, FactorSID: yf})
			return err
		},
		"AnswerChallenge": func() error { _, err := c.AnswerChallenge(ctx, va, who, yc, "123456"); return err },
	} {
		if err := call(); !twilioapi.IsReadOnly(err) {
			t.Errorf("%s: %v, want the read-only refusal", name, err)
		}
	}
	// Reads go out (and fail only because nothing listens).
	if _, err := c.ListFactors(ctx, va, who); twilioapi.IsReadOnly(err) {
		t.Error("a read was refused")
	}
}

// RFC 6238 Appendix B (SHA-1, 8 digits, 30 s): TOTPCode against the
// published values, with the 20-byte ASCII seed as Base32.
func TestTOTPCodeRFC6238(t *testing.T) {
	const seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // "12345678901234567890"
	for unix, want := range map[int64]string{59: "94287082", 1111111109: "07081804", 1234567890: "89005924", 2000000000: "69279037"} {
		got, err := twilioapi.TOTPCode(seed, time.Unix(unix, 0), twilioapi.TOTPSHA1, 8, 30)
		if err != nil || got != want {
			t.Errorf("at %d: %q %v, want %s", unix, got, err, want)
		}
	}
	// Lower case and spaces are what apps show; they give the same code.
	a, _ := twilioapi.TOTPCode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", time.Unix(59, 0), twilioapi.TOTPSHA1, 8, 30)
	if a != "94287082" {
		t.Errorf("normalised secret: %q", a)
	}
	for name, call := range map[string]func() (string, error){
		"algorithm": func() (string, error) { return twilioapi.TOTPCode(seed, time.Now(), "md5", 6, 30) },
		"digits":    func() (string, error) { return twilioapi.TOTPCode(seed, time.Now(), "sha1", 2, 30) },
		"step":      func() (string, error) { return twilioapi.TOTPCode(seed, time.Now(), "sha1", 6, 61) },
		"secret":    func() (string, error) { return twilioapi.TOTPCode("1111", time.Now(), "sha1", 6, 30) },
	} {
		if _, err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
