package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// countryAll is the Country of a service's global messaging configuration.
const countryAll = "all"

// msgConfig is a stored messaging configuration: SMS to Country (or to
// every country without its own, for "all") go out through the Messaging
// Service MessagingServiceSID.
type msgConfig struct {
	ServiceSID          string    `json:"service_sid"`
	Country             string    `json:"country"`
	Seq                 int64     `json:"seq"`
	MessagingServiceSID string    `json:"messaging_service_sid"`
	DateCreated         time.Time `json:"date_created"`
	DateUpdated         time.Time `json:"date_updated"`
}

func (mc *msgConfig) sequence() int64 { return mc.Seq }

// msgConfigKey is the state key of a service's configuration for country.
func msgConfigKey(serviceSID, country string) string { return serviceSID + "/" + country }

// msgConfigJSON is the wire shape of a messaging configuration
// (VerifyV2MessagingConfiguration): no sid, the country is the key.
type msgConfigJSON struct {
	AccountSID          string `json:"account_sid"`
	ServiceSID          string `json:"service_sid"`
	Country             string `json:"country"`
	MessagingServiceSID string `json:"messaging_service_sid"`
	DateCreated         string `json:"date_created"`
	DateUpdated         string `json:"date_updated"`
	URL                 string `json:"url"`
}

func (s *Sandbox) renderMsgConfig(base string, mc *msgConfig) msgConfigJSON {
	return msgConfigJSON{
		AccountSID: s.st.AccountSID, ServiceSID: mc.ServiceSID, Country: mc.Country, MessagingServiceSID: mc.MessagingServiceSID,
		DateCreated: rfc3339(mc.DateCreated), DateUpdated: rfc3339(mc.DateUpdated),
		URL: msgConfigsURL(base, mc.ServiceSID) + "/" + mc.Country,
	}
}

func msgConfigsURL(base, serviceSID string) string {
	return base + "/Services/" + serviceSID + "/MessagingConfigurations"
}

// normaliseCountry reads a Country (body or path): "all", or an ISO
// 3166-1 alpha-2 code libphonenumber knows, upper-cased (Twilio's
// examples answer "CA"; accepting lower case is the sandbox's choice).
func normaliseCountry(v string) (string, bool) {
	if strings.EqualFold(v, countryAll) {
		return countryAll, true
	}
	cc := strings.ToUpper(v)
	return cc, knownCountry(cc)
}

// routeMsgConfigs answers /v2/Services/{VA}/MessagingConfigurations[/{Country}];
// base is the answer's URL base.
func (s *Sandbox) routeMsgConfigs(w http.ResponseWriter, m, base string, segs []string, f form) {
	switch {
	case len(segs) == 3:
		dispatch(w, m, func() { s.listMsgConfigs(w, base, segs[1], f) }, func() { s.createMsgConfig(w, base, segs[1], f) }, nil)
	case len(segs) == 4 && segs[3] != "":
		dispatch(w, m, func() { s.fetchMsgConfig(w, base, segs[1], segs[3]) },
			func() { s.updateMsgConfig(w, base, segs[1], segs[3], f) }, func() { s.deleteMsgConfig(w, segs[1], segs[3]) })
	default:
		writeError(w, errNotFound("/"+strings.Join(segs, "/")))
	}
}

// messagingServiceSID reads the required MessagingServiceSid (MG…).
func messagingServiceSID(f form) (string, *apiError) {
	v := f.str("MessagingServiceSid")
	if !validSID(v, "MG") {
		return "", errInvalid("MessagingServiceSid")
	}
	return v, nil
}

// lookupMsgConfig finds a service's configuration for the path's country;
// the caller holds s.mu.
func (s *Sandbox) lookupMsgConfig(serviceSID, country string) (*msgConfig, *apiError) {
	if _, err := s.service(serviceSID); err != nil {
		return nil, err
	}
	cc, _ := normaliseCountry(country)
	mc := s.st.MessagingConfigs[msgConfigKey(serviceSID, cc)]
	if mc == nil {
		return nil, errNotFound("/Services/" + serviceSID + "/MessagingConfigurations/" + country)
	}
	return mc, nil
}

func (s *Sandbox) createMsgConfig(w http.ResponseWriter, base, serviceSID string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		if _, err := s.service(serviceSID); err != nil {
			return 0, nil, err
		}
		cc, ok := normaliseCountry(f.str("Country"))
		if !ok {
			return 0, nil, errInvalid("Country")
		}
		mg, aerr := messagingServiceSID(f)
		if aerr != nil {
			return 0, nil, aerr
		}
		key := msgConfigKey(serviceSID, cc)
		if s.st.MessagingConfigs[key] != nil {
			// Unverified: Twilio's answer to a second configuration for
			// the same country is not documented.
			return 0, nil, errf(http.StatusBadRequest, 60200, "Invalid parameter: Country (the service already has a messaging configuration for "+cc+")")
		}
		mc := &msgConfig{ServiceSID: serviceSID, Country: cc, Seq: s.st.nextSeq(), MessagingServiceSID: mg, DateCreated: now, DateUpdated: now}
		s.st.MessagingConfigs[key] = mc
		return http.StatusCreated, s.renderMsgConfig(base, mc), nil
	})
}

func (s *Sandbox) fetchMsgConfig(w http.ResponseWriter, base, serviceSID, country string) {
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		mc, err := s.lookupMsgConfig(serviceSID, country)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, s.renderMsgConfig(base, mc), nil
	})
}

// updateMsgConfig changes the Messaging Service (required).
func (s *Sandbox) updateMsgConfig(w http.ResponseWriter, base, serviceSID, country string, f form) {
	s.serveLocked(w, true, func(now time.Time) (int, any, *apiError) {
		mc, err := s.lookupMsgConfig(serviceSID, country)
		if err != nil {
			return 0, nil, err
		}
		mg, aerr := messagingServiceSID(f)
		if aerr != nil {
			return 0, nil, aerr
		}
		mc.MessagingServiceSID, mc.DateUpdated = mg, now
		return http.StatusOK, s.renderMsgConfig(base, mc), nil
	})
}

func (s *Sandbox) deleteMsgConfig(w http.ResponseWriter, serviceSID, country string) {
	s.serveLocked(w, true, func(time.Time) (int, any, *apiError) {
		mc, err := s.lookupMsgConfig(serviceSID, country)
		if err != nil {
			return 0, nil, err
		}
		delete(s.st.MessagingConfigs, msgConfigKey(serviceSID, mc.Country))
		return http.StatusNoContent, nil, nil
	})
}

// listMsgConfigs answers one page of a service's configurations in
// creation order.
func (s *Sandbox) listMsgConfigs(w http.ResponseWriter, base, serviceSID string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	s.serveLocked(w, false, func(time.Time) (int, any, *apiError) {
		if _, err := s.service(serviceSID); err != nil {
			return 0, nil, err
		}
		all := creationOrder(s.st.MessagingConfigs, func(mc *msgConfig) bool { return mc.ServiceSID == serviceSID })
		return http.StatusOK, listPage(pg, "messaging_configurations", msgConfigsURL(base, serviceSID), all,
			func(mc *msgConfig) msgConfigJSON { return s.renderMsgConfig(base, mc) }), nil
	})
}

// smsSender is the Messaging Service an SMS to country goes out through:
// the service's configuration for that country, else its "all" one, else
// "" (Twilio's own senders); the caller holds s.mu.
func (s *Sandbox) smsSender(serviceSID, country string) string {
	if country != "" {
		if mc := s.st.MessagingConfigs[msgConfigKey(serviceSID, country)]; mc != nil {
			return mc.MessagingServiceSID
		}
	}
	if mc := s.st.MessagingConfigs[msgConfigKey(serviceSID, countryAll)]; mc != nil {
		return mc.MessagingServiceSID
	}
	return ""
}

// sender is the From of a message on channel to a destination in country;
// the caller holds s.mu.
func (s *Sandbox) sender(sv *service, channel, country string) string {
	switch channel {
	case "sms":
		return s.smsSender(sv.SID, country)
	case "whatsapp":
		if sv.WhatsAppFrom != nil {
			return *sv.WhatsAppFrom
		}
		if sv.WhatsAppMsgServiceSID != nil {
			return *sv.WhatsAppMsgServiceSID
		}
	}
	return ""
}
