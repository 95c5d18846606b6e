package sandbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"hash"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// RFC 6238 (TOTP) as the sandbox checks codes. It is written here, on
// crypto/hmac, rather than borrowed: the tests compare it against an
// independent implementation (pquerna/otp), which only means something if
// the two share no code.

// TOTP algorithms Verify accepts.
var totpAlgs = []string{"sha1", "sha256", "sha512"}

// totpDefaults are Verify's TOTP defaults when neither the factor nor the
// service sets a value.
const (
	defaultTimeStep   = 30
	defaultSkew       = 1
	defaultCodeLength = 6
	defaultAlg        = "sha1"
)

// b32 is RFC 4648 Base32 without padding: what authenticator apps and
// otpauth URIs use.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// newTOTPSecret returns a fresh 160-bit secret as 32 Base32 characters,
// the length of every secret in Twilio's examples.
func newTOTPSecret() string {
	var raw [20]byte
	_, _ = rand.Read(raw[:])
	return b32.EncodeToString(raw[:])
}

// decodeTOTPSecret decodes a Base32 secret, ignoring case, spaces and
// padding the way authenticator apps do; ok is false for anything else or
// for a secret shorter than 80 bits (RFC 4226 requires at least 128, but
// many deployed secrets are 80).
func decodeTOTPSecret(s string) ([]byte, bool) {
	s = strings.TrimRight(strings.ToUpper(strings.ReplaceAll(s, " ", "")), "=")
	key, err := b32.DecodeString(s)
	if err != nil || len(key) < 10 || len(key) > 128 {
		return nil, false
	}
	return key, true
}

// hashFor returns the HMAC hash of a Verify algorithm name.
func hashFor(alg string) func() hash.Hash {
	switch alg {
	case "sha256":
		return sha256.New
	case "sha512":
		return sha512.New
	default:
		return sha1.New
	}
}

// hotp is RFC 4226's HOTP value of counter: dynamic truncation of the
// HMAC, modulo 10^digits, zero-padded to digits.
func hotp(key []byte, counter uint64, alg string, digits int) string {
	mac := hmac.New(hashFor(alg), key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	code := strconv.FormatUint(uint64(bin%mod), 10)
	return strings.Repeat("0", digits-len(code)) + code
}

// totpConfig is a TOTP factor's parameters.
type totpConfig struct {
	Alg        string `json:"alg"`
	Skew       int    `json:"skew"`
	CodeLength int    `json:"code_length"`
	TimeStep   int    `json:"time_step"`
}

// checkTOTP reports whether code is the TOTP of key at now or within skew
// time steps either side. Codes are compared in constant time.
func checkTOTP(key []byte, cfg totpConfig, code string, now time.Time) bool {
	if len(code) != cfg.CodeLength || cfg.TimeStep <= 0 || now.Unix() < 0 {
		return false
	}
	counter := now.Unix() / int64(cfg.TimeStep)
	ok := 0
	for d := -cfg.Skew; d <= cfg.Skew; d++ {
		c := counter + int64(d)
		if c < 0 {
			continue
		}
		ok |= subtle.ConstantTimeCompare([]byte(hotp(key, uint64(c), cfg.Alg, cfg.CodeLength)), []byte(code))
	}
	return ok == 1
}

// otpauthURI is the Key URI an authenticator app scans:
// otpauth://totp/{issuer}:{name}?secret=…&issuer=…&algorithm=…&digits=…&period=…
// The label parts are path-escaped (a space is %20, as in Twilio's
// example) with ":" escaped too, since it separates issuer from name; the
// query values are query-escaped.
func otpauthURI(issuer, name, secret string, cfg totpConfig) string {
	label := func(s string) string { return strings.ReplaceAll(url.PathEscape(s), ":", "%3A") }
	return "otpauth://totp/" + label(issuer) + ":" + label(name) +
		"?secret=" + url.QueryEscape(secret) +
		"&issuer=" + url.QueryEscape(issuer) +
		"&algorithm=" + strings.ToUpper(cfg.Alg) +
		"&digits=" + strconv.Itoa(cfg.CodeLength) +
		"&period=" + strconv.Itoa(cfg.TimeStep)
}
