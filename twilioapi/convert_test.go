package twilioapi

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// decode fills a twilio-go model from JSON the way twilio-go does.
func decode(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatal(err)
	}
}

func TestServiceFrom(t *testing.T) {
	var m verify.VerifyV2Service
	decode(t, `{"sid":"VA1","account_sid":"AC1","friendly_name":"Acme","code_length":8,
		"lookup_enabled":true,"psd2_enabled":true,"skip_sms_to_landlines":true,"dtmf_input_required":true,
		"tts_name":"alice","do_not_share_warning_enabled":true,"custom_code_enabled":true,
		"push":{"include_date":true,"apn_credential_sid":"CRa","fcm_credential_sid":"CRf"},
		"totp":{"issuer":"Acme Inc","time_step":45,"code_length":7,"skew":2},
		"whatsapp":{"msg_service_sid":"MG1","from":"whatsapp:+14155550100"},
		"passkeys":{"relying_party":{"id":null}},
		"default_template_sid":"HJ1","verify_event_subscription_enabled":true,
		"date_created":"2026-11-26T12:00:00Z","date_updated":"2026-11-26T12:30:00Z",
		"url":"https://verify.twilio.com/v2/Services/VA1","links":{}}`, &m)
	got := serviceFrom(&m)
	want := Service{
		SID: "VA1", AccountSID: "AC1", FriendlyName: "Acme", CodeLength: 8, LookupEnabled: true,
		SkipSMSToLandlines: true, DTMFInputRequired: true, TTSName: "alice", PSD2Enabled: true,
		DoNotShareWarningEnabled: true, CustomCodeEnabled: true, DefaultTemplateSID: "HJ1",
		VerifyEventSubscriptionEnabled: true,
		Push:                           PushSettings{IncludeDate: true, APNCredentialSID: "CRa", FCMCredentialSID: "CRf"},
		TOTP:                           TOTPSettings{Issuer: "Acme Inc", TimeStep: 45, CodeLength: 7, Skew: 2},
		WhatsApp:                       WhatsAppSettings{MsgServiceSID: "MG1", From: "whatsapp:+14155550100"},
		DateCreated:                    time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC),
		DateUpdated:                    time.Date(2026, 11, 26, 12, 30, 0, 0, time.UTC),
		URL:                            "https://verify.twilio.com/v2/Services/VA1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}

	// Nulls everywhere (the spec's fetch example) give zero values, no panic.
	var empty verify.VerifyV2Service
	decode(t, `{"sid":"VA2","push":null,"totp":{"issuer":null,"time_step":null},"whatsapp":"oops","date_created":null}`, &empty)
	if got := serviceFrom(&empty); got.SID != "VA2" || got.TOTP != (TOTPSettings{}) || got.WhatsApp != (WhatsAppSettings{}) || !got.DateCreated.IsZero() {
		t.Fatalf("nulls: %+v", got)
	}
}

func TestVerificationFrom(t *testing.T) {
	var m verify.VerifyV2Verification
	decode(t, `{"sid":"VE1","service_sid":"VA1","account_sid":"AC1","to":"+14155550100","channel":"sms",
		"status":"pending","valid":false,
		"lookup":{"carrier":{"mobile_country_code":"311","type":"mobile","error_code":null,"mobile_network_code":180,"name":"T-Mobile USA, Inc."}},
		"amount":null,"payee":null,
		"send_code_attempts":[{"time":"2026-11-26T12:00:00.000Z","channel":"SMS","attempt_sid":"VL1"},
		                      {"time":"2026-11-26T12:01:00Z","channel":"call","attempt_sid":"VL2"}, "junk"],
		"date_created":"2026-11-26T12:00:00Z","date_updated":"2026-11-26T12:01:00Z",
		"sna":{"url":"http://127.0.0.1:1/sandbox/v1/sna/VE1"},"url":"https://verify.twilio.com/v2/Services/VA1/Verifications/VE1"}`, &m)
	got := verificationFrom(&m)
	if got.SID != "VE1" || got.Channel != ChannelSMS || got.Status != StatusPending || got.Valid {
		t.Fatalf("basic fields: %+v", got)
	}
	if got.Carrier != (CarrierInfo{Name: "T-Mobile USA, Inc.", Type: "mobile", MobileCountryCode: "311", MobileNetworkCode: "180"}) {
		t.Fatalf("carrier: %+v", got.Carrier)
	}
	wantAttempts := []SendAttempt{
		{AttemptSID: "VL1", Channel: ChannelSMS, Time: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)},
		{AttemptSID: "VL2", Channel: ChannelCall, Time: time.Date(2026, 11, 26, 12, 1, 0, 0, time.UTC)},
		{},
	}
	if !reflect.DeepEqual(got.SendCodeAttempts, wantAttempts) {
		t.Fatalf("attempts: %+v", got.SendCodeAttempts)
	}
	if got.SNAURL != "http://127.0.0.1:1/sandbox/v1/sna/VE1" {
		t.Fatalf("sna: %q", got.SNAURL)
	}
	var bare verify.VerifyV2Verification
	decode(t, `{"sid":"VE2","lookup":{},"sna":null,"send_code_attempts":null}`, &bare)
	if got := verificationFrom(&bare); got.Carrier != (CarrierInfo{}) || got.SNAURL != "" || got.SendCodeAttempts != nil {
		t.Fatalf("bare: %+v", got)
	}
}

func TestCheckFrom(t *testing.T) {
	tests := []struct {
		body string
		want []SNAAttemptError
	}{
		{`{"sid":"VE1","status":"approved","valid":true,"channel":"sms","sna_attempts_error_codes":null}`, nil},
		{`{"sid":"VE1","status":"approved","valid":true,"channel":"sna","sna_attempts_error_codes":[]}`, []SNAAttemptError{}},
		{`{"sid":"VE1","status":"pending","valid":false,"channel":"sna","sna_attempts_error_codes":[{"attempt_sid":"VL1","code":60519}]}`,
			[]SNAAttemptError{{AttemptSID: "VL1", Code: 60519}}},
	}
	for _, tt := range tests {
		var m verify.VerifyV2VerificationCheck
		decode(t, tt.body, &m)
		got := checkFrom(&m)
		if !reflect.DeepEqual(got.SNAAttemptErrorCodes, tt.want) {
			t.Errorf("%s: codes = %#v, want %#v", tt.body, got.SNAAttemptErrorCodes, tt.want)
		}
		if got.SID != "VE1" || got.Valid != (got.Status == StatusApproved) {
			t.Errorf("%s: %+v", tt.body, got)
		}
	}
}

func TestPhoneInfoFrom(t *testing.T) {
	var m lookups.LookupResponse
	decode(t, `{"calling_country_code":"1","country_code":"US","phone_number":"+14155550101",
		"national_format":"(415) 555-0101","valid":true,"validation_errors":null,
		"caller_name":null,"line_type_intelligence":{"mobile_country_code":null,"mobile_network_code":null,
		"carrier_name":"Sandbox Telco","type":"landline","error_code":null},
		"sms_pumping_risk":{"carrier_risk_category":"low","number_blocked":false,"number_blocked_date":null,
		"number_blocked_last_3_months":null,"sms_pumping_risk_score":12,"error_code":null},"url":"x"}`, &m)
	got := phoneInfoFrom(&m)
	want := PhoneInfo{PhoneNumber: "+14155550101", NationalFormat: "(415) 555-0101", CountryCode: "US",
		CallingCountryCode: "1", Valid: true, LineType: CarrierInfo{Name: "Sandbox Telco", Type: "landline"},
		SMSPumpingRisk: SMSPumpingRisk{Score: 12, CarrierRiskCategory: "low"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
	var bad lookups.LookupResponse
	decode(t, `{"phone_number":"+1999","valid":false,"validation_errors":["TOO_LONG"]}`, &bad)
	if got := phoneInfoFrom(&bad); got.Valid || !reflect.DeepEqual(got.ValidationErrors, []string{"TOO_LONG"}) {
		t.Fatalf("invalid: %+v", got)
	}
}

func TestPageTokens(t *testing.T) {
	next := "https://verify.twilio.com/v2/Services?PageSize=2&Page=1&PageToken=PAabc"
	tok := encodePageToken(&next)
	page, pt, err := decodePageToken(tok)
	if err != nil || page != "1" || pt != "PAabc" {
		t.Fatalf("round trip %q: %q %q %v", tok, page, pt, err)
	}
	empty := ""
	for _, p := range []*string{nil, &empty} {
		if tok := encodePageToken(p); tok != "" {
			t.Fatalf("last page gave token %q", tok)
		}
	}
	noPage := "http://127.0.0.1:1/v2/Services?PageSize=2"
	if tok := encodePageToken(&noPage); tok != "" {
		t.Fatalf("unaddressable next page gave %q", tok)
	}
	for _, bad := range []string{"%zz", "Foo=1", "Page=-1", "Page=x"} {
		if _, _, err := decodePageToken(bad); err == nil {
			t.Errorf("decodePageToken(%q) accepted", bad)
		}
	}
}
