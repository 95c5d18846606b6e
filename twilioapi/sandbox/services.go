package sandbox

import (
	"net/http"
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

func (sv *service) sequence() int64 { return sv.Seq }

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

// service looks up a service by SID; the caller holds s.mu.
func (s *Sandbox) service(sid string) (*service, *apiError) {
	sv, ok := s.st.Services[sid]
	if !ok {
		return nil, errNotFound("/Services/" + sid)
	}
	return sv, nil
}

func (s *Sandbox) createService(w http.ResponseWriter, r *http.Request, f form) {
	now := s.clock()
	sv := &service{SID: newSID("VA"), CodeLength: 6, DateCreated: now, DateUpdated: now}
	if err := applyServiceForm(sv, f, true); err != nil {
		writeError(w, err)
		return
	}
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		s.st.addService(sv)
		return http.StatusCreated, s.renderService(s.basesFor(r).verify, sv), s.commit()
	})
}

func (s *Sandbox) fetchService(w http.ResponseWriter, r *http.Request, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		sv, err := s.service(sid)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.renderService(s.basesFor(r).verify, sv), nil
	})
}

func (s *Sandbox) updateService(w http.ResponseWriter, r *http.Request, sid string, f form) {
	s.serveLocked(w, false, func(now time.Time) (int, any, *apiError) {
		sv, err := s.service(sid)
		if err != nil {
			return 0, nil, err
		}
		if err := applyServiceForm(sv, f, false); err != nil {
			return 0, nil, err
		}
		sv.DateUpdated = now
		return http.StatusOK, s.renderService(s.basesFor(r).verify, sv), s.commit()
	})
}

func (s *Sandbox) deleteService(w http.ResponseWriter, sid string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		if _, err := s.service(sid); err != nil {
			return 0, nil, err
		}
		delete(s.st.Services, sid)
		s.dropServiceProtection(sid)
		// The service's verifications go with it.
		for _, v := range s.st.Verifications {
			if v.ServiceSID == sid {
				s.unindex(v)
				delete(s.st.Verifications, v.SID)
				s.changed(bucketVerifications, v.SID)
			}
		}
		s.deleteEntitiesOf(sid)
		s.deleteServiceIntegrations(sid)
		return http.StatusNoContent, nil, s.commit()
	})
}

// listServices answers one page of services in creation order.
func (s *Sandbox) listServices(w http.ResponseWriter, r *http.Request, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	base := s.basesFor(r).verify
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		return http.StatusOK, listPage(pg, "services", base+"/Services", creationOrder(s.st.Services, nil),
			func(sv *service) serviceJSON { return s.renderService(base, sv) }), nil
	})
}
