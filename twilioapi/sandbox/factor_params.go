package sandbox

import (
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// Parameter limits of the Factors resource (Twilio's API reference).
const (
	maxFactorNameLen  = 64
	maxAppIDLen       = 100
	minNotifyTokenLen = 32
	maxNotifyTokenLen = 255
	maxJSONParamLen   = 1024 // Metadata, HiddenDetails
)

// notificationPlatforms are the values of Config.NotificationPlatform.
var notificationPlatforms = []string{"apn", "fcm", "none"}

// parseFactorName checks FriendlyName: present, at most 64 characters.
func parseFactorName(f form) (string, *apiError) {
	name := f.str("FriendlyName")
	if name == "" || utf8.RuneCountInString(name) > maxFactorNameLen || !utf8.ValidString(name) {
		return "", errTFA("FriendlyName")
	}
	return name, nil
}

// parseStringMap reads a JSON object of string values (Metadata,
// HiddenDetails) of at most 1024 characters; absent gives nil.
func parseStringMap(f form, key string) (map[string]string, *apiError) {
	v, ok := f.get(key)
	if !ok {
		return nil, nil
	}
	var m map[string]string
	if len(v) > maxJSONParamLen || json.Unmarshal([]byte(v), &m) != nil || m == nil {
		return nil, errTFA(key)
	}
	return m, nil
}

// parseNewFactor validates a factor creation and returns the factor (no
// SID yet) and the binding to answer. TOTP settings the request leaves out
// come from the service's TOTP settings, then Verify's defaults.
func parseNewFactor(sv *service, f form) (*factor, any, *apiError) {
	name, aerr := parseFactorName(f)
	if aerr != nil {
		return nil, nil, aerr
	}
	fa := &factor{FriendlyName: name, Type: f.str("FactorType")}
	if fa.Metadata, aerr = parseStringMap(f, "Metadata"); aerr != nil {
		return nil, nil, aerr
	}
	switch fa.Type {
	case factorTOTP:
		cfg := totpConfig{
			Alg:        defaultAlg,
			Skew:       orDefault(sv.TOTPSkew, defaultSkew),
			CodeLength: orDefault(sv.TOTPCodeLength, defaultCodeLength),
			TimeStep:   orDefault(sv.TOTPTimeStep, defaultTimeStep),
		}
		if aerr := applyTOTPConfig(&cfg, f); aerr != nil {
			return nil, nil, aerr
		}
		fa.TOTP = &cfg
		fa.Secret = newTOTPSecret()
		if v, ok := f.get("Binding.Secret"); ok {
			if _, ok := decodeTOTPSecret(v); !ok {
				return nil, nil, errTFA("Binding.Secret")
			}
			fa.Secret = v
		}
		issuer := sv.FriendlyName
		if sv.TOTPIssuer != nil && *sv.TOTPIssuer != "" {
			issuer = *sv.TOTPIssuer
		}
		return fa, totpBinding{Secret: fa.Secret, URI: otpauthURI(issuer, name, fa.Secret, cfg)}, nil
	case factorPush:
		fa.PushAlg, fa.PushKey = f.str("Binding.Alg"), f.str("Binding.PublicKey")
		if fa.PushAlg == "" {
			fa.PushAlg = "ES256"
		}
		if fa.PushAlg != "ES256" {
			return nil, nil, errTFA("Binding.Alg")
		}
		if _, ok := parsePushKey(fa.PushKey); !ok {
			return nil, nil, errTFA("Binding.PublicKey")
		}
		cfg := pushConfig{}
		if aerr := applyPushConfig(&cfg, f, true); aerr != nil {
			return nil, nil, aerr
		}
		fa.Push = &cfg
		return fa, pushBinding{Alg: fa.PushAlg, PublicKey: fa.PushKey}, nil
	default:
		// passkeys factors are created through /Passkeys/Factors.
		return nil, nil, errTFA("FactorType")
	}
}

// orDefault is *p, or def when p is nil.
func orDefault(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// applyTOTPConfig applies the Config.* TOTP parameters present in f.
func applyTOTPConfig(cfg *totpConfig, f form) *apiError {
	for _, p := range []struct {
		key    string
		lo, hi int
		dst    *int
	}{
		{"Config.TimeStep", 20, 60, &cfg.TimeStep},
		{"Config.Skew", 0, 2, &cfg.Skew},
		{"Config.CodeLength", 3, 8, &cfg.CodeLength},
	} {
		n, err := f.optInt(p.key, p.lo, p.hi)
		if err != nil {
			return errTFA(p.key)
		}
		if n != nil {
			*p.dst = *n
		}
	}
	if v, ok := f.get("Config.Alg"); ok {
		if !slices.Contains(totpAlgs, v) {
			return errTFA("Config.Alg")
		}
		cfg.Alg = v
	}
	return nil
}

// applyPushConfig applies the Config.* push parameters present in f; on
// creation all but the token (not needed with platform "none") are
// required.
func applyPushConfig(cfg *pushConfig, f form, create bool) *apiError {
	if v, ok := f.get("Config.AppId"); ok || create {
		if v == "" || len(v) > maxAppIDLen {
			return errTFA("Config.AppId")
		}
		cfg.AppID = v
	}
	if v, ok := f.get("Config.SdkVersion"); ok || create {
		if v == "" {
			return errTFA("Config.SdkVersion")
		}
		cfg.SDKVersion = v
	}
	if v, ok := f.get("Config.NotificationPlatform"); ok || create {
		if !slices.Contains(notificationPlatforms, v) {
			return errTFA("Config.NotificationPlatform")
		}
		cfg.NotificationPlatform = v
	}
	if v, ok := f.get("Config.NotificationToken"); ok || (create && cfg.NotificationPlatform != "none") {
		if len(v) < minNotifyTokenLen || len(v) > maxNotifyTokenLen {
			return errTFA("Config.NotificationToken")
		}
		cfg.NotificationToken = v
	}
	return nil
}

// applyFactorUpdate validates the FriendlyName and Config.* parameters of
// a factor update and returns a changed copy of fa; fa itself is left as
// it is, so a refused update changes nothing. Config parameters of the
// other factor type are refused.
func applyFactorUpdate(fa *factor, f form) (*factor, *apiError) {
	next := *fa
	if _, ok := f.get("FriendlyName"); ok {
		name, aerr := parseFactorName(f)
		if aerr != nil {
			return nil, aerr
		}
		next.FriendlyName = name
	}
	totpKeys := []string{"Config.TimeStep", "Config.Skew", "Config.CodeLength", "Config.Alg"}
	pushKeys := []string{"Config.NotificationToken", "Config.SdkVersion", "Config.NotificationPlatform"}
	switch fa.Type {
	case factorTOTP:
		if k := firstPresent(f, pushKeys); k != "" {
			return nil, errTFA(k)
		}
		cfg := *fa.TOTP
		if aerr := applyTOTPConfig(&cfg, f); aerr != nil {
			return nil, aerr
		}
		next.TOTP = &cfg
	case factorPush:
		if k := firstPresent(f, totpKeys); k != "" {
			return nil, errTFA(k)
		}
		cfg := *fa.Push
		if aerr := applyPushConfig(&cfg, f, false); aerr != nil {
			return nil, aerr
		}
		next.Push = &cfg
	default:
		if k := firstPresent(f, append(totpKeys, pushKeys...)); k != "" {
			return nil, errTFA(k)
		}
	}
	return &next, nil
}

// firstPresent returns the first of keys present in f, or "".
func firstPresent(f form, keys []string) string {
	for _, k := range keys {
		if _, ok := f.get(k); ok {
			return k
		}
	}
	return ""
}
