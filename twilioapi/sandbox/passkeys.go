package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// Passkeys factors are created with a JSON body at /Passkeys/Factors and
// then listed, fetched and deleted with the other factors of their entity.
// The sandbox creates them (unverified) with Twilio's answer shape; it does
// not run the WebAuthn ceremony that would verify them.

// passkeysConfig is a passkeys factor's config, on the wire and in state.
type passkeysConfig struct {
	RelyingParty struct {
		ID      string   `json:"id"`
		Name    string   `json:"name"`
		Origins []string `json:"origins"`
	} `json:"relying_party"`
	AuthenticatorAttachment string `json:"authenticator_attachment"`
	DiscoverableCredentials string `json:"discoverable_credentials"`
	UserVerification        string `json:"user_verification"`
}

// passkeysRequest is the CreateNewPasskeysFactorRequest body.
type passkeysRequest struct {
	FriendlyName string         `json:"friendly_name"`
	Identity     string         `json:"identity"`
	Config       passkeysConfig `json:"config"`
}

// createPasskeysFactor answers POST /Services/{VA}/Passkeys/Factors. Unset
// config values come from the service's Passkeys settings, then WebAuthn's
// usual defaults.
func (s *Sandbox) createPasskeysFactor(w http.ResponseWriter, r *http.Request, serviceSID string) {
	body, aerr := readBody(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var req passkeysRequest
	if json.Unmarshal(body, &req) != nil {
		writeError(w, errTFA("body (not a JSON object)"))
		return
	}
	base := s.basesFor(r).verify
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		sv, aerr := s.service(serviceSID)
		if aerr != nil {
			return 0, nil, aerr
		}
		if req.FriendlyName == "" || len([]rune(req.FriendlyName)) > maxFactorNameLen {
			return 0, nil, errTFA("friendly_name")
		}
		if !validIdentity(req.Identity) {
			return 0, nil, errTFA("identity")
		}
		cfg, aerr := passkeysDefaults(sv, req.Config)
		if aerr != nil {
			return 0, nil, aerr
		}
		en := s.ensureEntity(serviceSID, req.Identity, now)
		fa := &factor{
			SID: newSID("YF"), Seq: s.st.nextSeq(), Type: factorPasskeys, Status: factorUnverified,
			FriendlyName: req.FriendlyName, DateCreated: now, DateUpdated: now, Passkeys: &cfg,
		}
		en.Factors[fa.SID] = fa
		s.factorEvent(eventFactorCreated, en, fa)
		return http.StatusCreated, s.renderNewFactor(base, en, fa, nil, passkeysOptions(en, fa)), nil
	})
}

// passkeysDefaults fills cfg from the service and validates the enums.
func passkeysDefaults(sv *service, cfg passkeysConfig) (passkeysConfig, *apiError) {
	fill := func(dst *string, svc *string, def string) {
		if *dst == "" && svc != nil {
			*dst = *svc
		}
		if *dst == "" {
			*dst = def
		}
	}
	fill(&cfg.RelyingParty.ID, sv.PasskeysRPID, "")
	fill(&cfg.RelyingParty.Name, sv.PasskeysRPName, cfg.RelyingParty.ID)
	if cfg.RelyingParty.Origins == nil {
		cfg.RelyingParty.Origins = slices.Clone(sv.PasskeysRPOrigins)
	}
	if cfg.RelyingParty.Origins == nil {
		cfg.RelyingParty.Origins = []string{}
	}
	fill(&cfg.AuthenticatorAttachment, sv.PasskeysAuthenticatorAttach, "platform")
	fill(&cfg.DiscoverableCredentials, sv.PasskeysDiscoverableCreds, "preferred")
	fill(&cfg.UserVerification, sv.PasskeysUserVerification, "preferred")
	switch {
	case cfg.RelyingParty.ID == "":
		return cfg, errTFA("config.relying_party.id")
	case !slices.Contains([]string{"platform", "cross-platform", "any"}, cfg.AuthenticatorAttachment):
		return cfg, errTFA("config.authenticator_attachment")
	case !slices.Contains([]string{"required", "preferred", "discouraged"}, cfg.DiscoverableCredentials):
		return cfg, errTFA("config.discoverable_credentials")
	case !slices.Contains([]string{"required", "preferred", "discouraged"}, cfg.UserVerification):
		return cfg, errTFA("config.user_verification")
	}
	return cfg, nil
}

// passkeysOptions is the create answer's options: WebAuthn credential
// creation options, as in Twilio's example (user.id is the entity SID,
// Base64url).
func passkeysOptions(en *entity, fa *factor) map[string]any {
	b64 := base64.RawURLEncoding.EncodeToString
	var chal [32]byte
	_, _ = rand.Read(chal[:])
	cfg := fa.Passkeys
	return map[string]any{"publicKey": map[string]any{
		"rp":                 map[string]string{"id": cfg.RelyingParty.ID, "name": cfg.RelyingParty.Name},
		"user":               map[string]string{"id": b64([]byte(en.SID)), "name": fa.FriendlyName, "displayName": fa.FriendlyName},
		"challenge":          b64(chal[:]),
		"pubKeyCredParams":   map[string]any{"type": "public-key", "alg": -7},
		"timeout":            600000,
		"excludeCredentials": []any{},
		"authenticatorSelection": map[string]any{
			"authenticatorAttachment": cfg.AuthenticatorAttachment,
			"requireResidentKey":      cfg.DiscoverableCredentials == "required",
			"residentKey":             cfg.DiscoverableCredentials,
			"userVerification":        cfg.UserVerification,
		},
		"attestation": "none",
	}}
}
