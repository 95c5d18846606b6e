package sandbox

import (
	"net/http"
	"sort"
	"strings"
	"time"
)

// service is a stored Verify service. Optional settings are pointers so an
// unset value is echoed as null, as Twilio does (its fetch example shows
// totp all-null until set).
type service struct {
	SID                            string    `json:"sid"`
	Seq                            int64     `json:"seq"`
	FriendlyName                   string    `json:"friendly_name"`
	CodeLength                     int       `json:"code_length"`
	LookupEnabled                  bool      `json:"lookup_enabled"`
	SkipSMSToLandlines             bool      `json:"skip_sms_to_landlines"`
	DTMFInputRequired              bool      `json:"dtmf_input_required"`
	TTSName                        *string   `json:"tts_name"`
	PSD2Enabled                    bool      `json:"psd2_enabled"`
	DoNotShareWarningEnabled       bool      `json:"do_not_share_warning_enabled"`
	CustomCodeEnabled              bool      `json:"custom_code_enabled"`
	DefaultTemplateSID             *string   `json:"default_template_sid"`
	VerifyEventSubscriptionEnabled bool      `json:"verify_event_subscription_enabled"`
	PushIncludeDate                bool      `json:"push_include_date"`
	PushAPNCredentialSID           *string   `json:"push_apn_credential_sid"`
	PushFCMCredentialSID           *string   `json:"push_fcm_credential_sid"`
	TOTPIssuer                     *string   `json:"totp_issuer"`
	TOTPTimeStep                   *int      `json:"totp_time_step"`
	TOTPCodeLength                 *int      `json:"totp_code_length"`
	TOTPSkew                       *int      `json:"totp_skew"`
	WhatsAppMsgServiceSID          *string   `json:"whatsapp_msg_service_sid"`
	WhatsAppFrom                   *string   `json:"whatsapp_from"`
	PasskeysRPID                   *string   `json:"passkeys_rp_id"`
	PasskeysRPName                 *string   `json:"passkeys_rp_name"`
	PasskeysRPOrigins              []string  `json:"passkeys_rp_origins"`
	PasskeysAuthenticatorAttach    *string   `json:"passkeys_authenticator_attachment"`
	PasskeysDiscoverableCreds      *string   `json:"passkeys_discoverable_credentials"`
	PasskeysUserVerification       *string   `json:"passkeys_user_verification"`
	DateCreated                    time.Time `json:"date_created"`
	DateUpdated                    time.Time `json:"date_updated"`
}

// demoFriendlyName is the name of the service a fresh sandbox starts with.
const demoFriendlyName = "Sandbox Demo"

// demoService is the service a fresh sandbox starts with: lookup and
// skip-SMS-to-landlines on, so the landline demo (+14155550101) works out
// of the box; a WhatsApp sender, so the whatsapp channel is enabled.
func demoService(now time.Time) *service {
	from := "whatsapp:+14155238886"
	return &service{
		SID:                newSID("VA"),
		FriendlyName:       demoFriendlyName,
		CodeLength:         6,
		LookupEnabled:      true,
		SkipSMSToLandlines: true,
		WhatsAppFrom:       &from,
		DateCreated:        now,
		DateUpdated:        now,
	}
}

// applyServiceForm validates and applies Create/UpdateService parameters.
// Nothing is changed when any parameter is invalid.
func applyServiceForm(sv *service, f form, create bool) *apiError {
	next := *sv
	if name, ok := f.get("FriendlyName"); ok || create {
		name = strings.TrimSpace(name)
		// Twilio: at most 30 characters (error 60200 page); required on create.
		if name == "" || len([]rune(name)) > 30 {
			return errInvalid("FriendlyName")
		}
		next.FriendlyName = name
	}
	type boolField struct {
		key string
		dst *bool
	}
	for _, b := range []boolField{
		{"LookupEnabled", &next.LookupEnabled},
		{"SkipSmsToLandlines", &next.SkipSMSToLandlines},
		{"DtmfInputRequired", &next.DTMFInputRequired},
		{"Psd2Enabled", &next.PSD2Enabled},
		{"DoNotShareWarningEnabled", &next.DoNotShareWarningEnabled},
		{"CustomCodeEnabled", &next.CustomCodeEnabled},
		{"VerifyEventSubscriptionEnabled", &next.VerifyEventSubscriptionEnabled},
		{"Push.IncludeDate", &next.PushIncludeDate},
	} {
		v, err := f.optBool(b.key)
		if err != nil {
			return err
		}
		if v != nil {
			*b.dst = *v
		}
	}
	type intField struct {
		key    string
		lo, hi int
		dst    **int
	}
	if n, err := f.optInt("CodeLength", 4, 10); err != nil {
		return err
	} else if n != nil {
		next.CodeLength = *n
	}
	for _, i := range []intField{
		{"Totp.TimeStep", 20, 60, &next.TOTPTimeStep},
		{"Totp.CodeLength", 3, 8, &next.TOTPCodeLength},
		{"Totp.Skew", 0, 2, &next.TOTPSkew},
	} {
		n, err := f.optInt(i.key, i.lo, i.hi)
		if err != nil {
			return err
		}
		if n != nil {
			*i.dst = n
		}
	}
	type strField struct {
		key    string
		prefix string // required SID prefix, "" for free text
		enum   []string
		dst    **string
	}
	for _, s := range []strField{
		{key: "TtsName", dst: &next.TTSName},
		{key: "DefaultTemplateSid", prefix: "HJ", dst: &next.DefaultTemplateSID},
		{key: "Push.ApnCredentialSid", prefix: "CR", dst: &next.PushAPNCredentialSID},
		{key: "Push.FcmCredentialSid", prefix: "CR", dst: &next.PushFCMCredentialSID},
		{key: "Totp.Issuer", dst: &next.TOTPIssuer},
		{key: "Whatsapp.MsgServiceSid", prefix: "MG", dst: &next.WhatsAppMsgServiceSID},
		{key: "Whatsapp.From", dst: &next.WhatsAppFrom},
		{key: "Passkeys.RelyingParty.Id", dst: &next.PasskeysRPID},
		{key: "Passkeys.RelyingParty.Name", dst: &next.PasskeysRPName},
		{key: "Passkeys.AuthenticatorAttachment", enum: []string{"platform", "cross-platform", "any"}, dst: &next.PasskeysAuthenticatorAttach},
		{key: "Passkeys.DiscoverableCredentials", enum: []string{"required", "preferred", "discouraged"}, dst: &next.PasskeysDiscoverableCreds},
		{key: "Passkeys.UserVerification", enum: []string{"required", "preferred", "discouraged"}, dst: &next.PasskeysUserVerification},
	} {
		v := f.optStr(s.key)
		if v == nil {
			continue
		}
		switch {
		case *v == "":
			// An empty value clears the setting (echoed as null).
			*s.dst = nil
			continue
		case s.prefix != "" && !validSID(*v, s.prefix):
			return errInvalid(s.key)
		case s.enum != nil && !contains(s.enum, *v):
			return errInvalid(s.key)
		}
		*s.dst = v
	}
	if v, ok := f.get("Passkeys.RelyingParty.Origins"); ok {
		// Sent comma-separated, echoed as a JSON array.
		next.PasskeysRPOrigins = nil
		for _, o := range strings.Split(v, ",") {
			if o = strings.TrimSpace(o); o != "" {
				next.PasskeysRPOrigins = append(next.PasskeysRPOrigins, o)
			}
		}
	}
	*sv = next
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// validSID reports whether s is prefix + 32 hex characters.
func validSID(s, prefix string) bool {
	if len(s) != 34 || !strings.HasPrefix(s, prefix) {
		return false
	}
	for _, c := range s[2:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// serviceJSON is the wire shape of a service (VerifyV2Service).
type serviceJSON struct {
	SID                            string            `json:"sid"`
	AccountSID                     string            `json:"account_sid"`
	FriendlyName                   string            `json:"friendly_name"`
	CodeLength                     int               `json:"code_length"`
	LookupEnabled                  bool              `json:"lookup_enabled"`
	PSD2Enabled                    bool              `json:"psd2_enabled"`
	SkipSMSToLandlines             bool              `json:"skip_sms_to_landlines"`
	DTMFInputRequired              bool              `json:"dtmf_input_required"`
	TTSName                        *string           `json:"tts_name"`
	DoNotShareWarningEnabled       bool              `json:"do_not_share_warning_enabled"`
	CustomCodeEnabled              bool              `json:"custom_code_enabled"`
	Push                           pushJSON          `json:"push"`
	TOTP                           totpJSON          `json:"totp"`
	WhatsApp                       whatsappJSON      `json:"whatsapp"`
	Passkeys                       passkeysJSON      `json:"passkeys"`
	DefaultTemplateSID             *string           `json:"default_template_sid"`
	VerifyEventSubscriptionEnabled bool              `json:"verify_event_subscription_enabled"`
	DateCreated                    string            `json:"date_created"`
	DateUpdated                    string            `json:"date_updated"`
	URL                            string            `json:"url"`
	Links                          map[string]string `json:"links"`
}

type pushJSON struct {
	IncludeDate      bool    `json:"include_date"`
	APNCredentialSID *string `json:"apn_credential_sid"`
	FCMCredentialSID *string `json:"fcm_credential_sid"`
}

type totpJSON struct {
	Issuer     *string `json:"issuer"`
	TimeStep   *int    `json:"time_step"`
	CodeLength *int    `json:"code_length"`
	Skew       *int    `json:"skew"`
}

type whatsappJSON struct {
	MsgServiceSID *string `json:"msg_service_sid"`
	From          *string `json:"from"`
}

type passkeysJSON struct {
	RelyingParty struct {
		ID      *string  `json:"id"`
		Name    *string  `json:"name"`
		Origins []string `json:"origins"`
	} `json:"relying_party"`
	AuthenticatorAttachment *string `json:"authenticator_attachment"`
	DiscoverableCredentials *string `json:"discoverable_credentials"`
	UserVerification        *string `json:"user_verification"`
}

// verifyBase is the host every Verify resource URL names. Twilio's own host
// keeps URLs faithful, and twilio-go sends next_page_url through the same
// host-rewriting transport, so paging reaches the sandbox.
const verifyBase = "https://verify.twilio.com/v2"

func (s *Sandbox) renderService(sv *service) serviceJSON {
	u := verifyBase + "/Services/" + sv.SID
	j := serviceJSON{
		SID:                            sv.SID,
		AccountSID:                     s.st.AccountSID,
		FriendlyName:                   sv.FriendlyName,
		CodeLength:                     sv.CodeLength,
		LookupEnabled:                  sv.LookupEnabled,
		PSD2Enabled:                    sv.PSD2Enabled,
		SkipSMSToLandlines:             sv.SkipSMSToLandlines,
		DTMFInputRequired:              sv.DTMFInputRequired,
		TTSName:                        sv.TTSName,
		DoNotShareWarningEnabled:       sv.DoNotShareWarningEnabled,
		CustomCodeEnabled:              sv.CustomCodeEnabled,
		Push:                           pushJSON{sv.PushIncludeDate, sv.PushAPNCredentialSID, sv.PushFCMCredentialSID},
		TOTP:                           totpJSON{sv.TOTPIssuer, sv.TOTPTimeStep, sv.TOTPCodeLength, sv.TOTPSkew},
		WhatsApp:                       whatsappJSON{sv.WhatsAppMsgServiceSID, sv.WhatsAppFrom},
		DefaultTemplateSID:             sv.DefaultTemplateSID,
		VerifyEventSubscriptionEnabled: sv.VerifyEventSubscriptionEnabled,
		DateCreated:                    rfc3339(sv.DateCreated),
		DateUpdated:                    rfc3339(sv.DateUpdated),
		URL:                            u,
		Links: map[string]string{
			"verification_checks":      u + "/VerificationCheck",
			"verifications":            u + "/Verifications",
			"rate_limits":              u + "/RateLimits",
			"messaging_configurations": u + "/MessagingConfigurations",
			"entities":                 u + "/Entities",
			"webhooks":                 u + "/Webhooks",
			"access_tokens":            u + "/AccessTokens",
		},
	}
	j.Passkeys.RelyingParty.ID = sv.PasskeysRPID
	j.Passkeys.RelyingParty.Name = sv.PasskeysRPName
	j.Passkeys.RelyingParty.Origins = sv.PasskeysRPOrigins
	j.Passkeys.AuthenticatorAttachment = sv.PasskeysAuthenticatorAttach
	j.Passkeys.DiscoverableCredentials = sv.PasskeysDiscoverableCreds
	j.Passkeys.UserVerification = sv.PasskeysUserVerification
	return j
}

// rfc3339 formats t as Twilio does ("2015-07-30T20:00:00Z").
func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// service looks up a service by SID; the caller holds s.mu.
func (s *Sandbox) service(sid string) (*service, *apiError) {
	sv, ok := s.st.Services[sid]
	if !ok {
		return nil, errNotFound("/Services/" + sid)
	}
	return sv, nil
}

func (s *Sandbox) createService(w http.ResponseWriter, f form) {
	now := s.clock()
	sv := &service{SID: newSID("VA"), CodeLength: 6, DateCreated: now, DateUpdated: now}
	if err := applyServiceForm(sv, f, true); err != nil {
		writeError(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.addService(sv)
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, s.renderService(sv))
}

func (s *Sandbox) fetchService(w http.ResponseWriter, sid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sv, err := s.service(sid)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s.renderService(sv))
}

func (s *Sandbox) updateService(w http.ResponseWriter, sid string, f form) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sv, err := s.service(sid)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := applyServiceForm(sv, f, false); err != nil {
		writeError(w, err)
		return
	}
	sv.DateUpdated = s.clock()
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s.renderService(sv))
}

func (s *Sandbox) deleteService(w http.ResponseWriter, sid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.service(sid); err != nil {
		writeError(w, err)
		return
	}
	delete(s.st.Services, sid)
	// The service's verifications go with it.
	for _, v := range s.st.Verifications {
		if v.ServiceSID == sid {
			s.unindex(v)
			delete(s.st.Verifications, v.SID)
		}
	}
	if err := s.commit(); err != nil {
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// listServices answers one page of services in creation order.
func (s *Sandbox) listServices(w http.ResponseWriter, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	all := make([]*service, 0, len(s.st.Services))
	for _, sv := range s.st.Services {
		all = append(all, sv)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Seq < all[j].Seq })
	seqs := make([]int64, len(all))
	for i, sv := range all {
		seqs[i] = sv.Seq
	}
	from, to, next := pg.window(seqs)
	items := make([]serviceJSON, 0, to-from)
	for _, sv := range all[from:to] {
		items = append(items, s.renderService(sv))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"services": items,
		"meta":     pg.meta(verifyBase+"/Services", "services", next),
	})
}
