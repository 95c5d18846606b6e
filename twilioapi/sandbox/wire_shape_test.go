package sandbox

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// errorKeys is the exact key set of Twilio's error body, which the
// OpenAPI descriptions do not give.
var errorKeys = keys("code message more_info status")

func keys(s string) string {
	f := strings.Fields(s)
	sort.Strings(f)
	return strings.Join(f, " ")
}

// keysOf is the sorted key set of a JSON object.
func keysOf(t *testing.T, v any) string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %#v", v)
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// generatedSID is what every SID the sandbox makes must look like.
var generatedSID = regexp.MustCompile(`^[A-Z]{2}[0-9a-f]{32}$`)

// walkWire checks rules that hold everywhere in an answer: a date is
// RFC 3339 (a day, for the one field Twilio sends so) or null (never ""), and every SID is two capitals and 32
// lowercase hex digits.
func walkWire(t *testing.T, path string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := path + "." + k
			isDate := strings.HasPrefix(k, "date_") || strings.HasSuffix(k, "_date") || k == "time"
			if isDate && k != "include_date" { // push.include_date is a flag
				if s, ok := x.(string); x != nil && (!ok || s == "") {
					t.Errorf("%s = %#v: a date must be RFC 3339 or null", p, x)
				} else if ok {
					layout := time.RFC3339
					if k == "last_verified_date" { // Lookup's reassigned_number: a day, as Twilio sends it
						layout = time.DateOnly
					}
					if _, err := time.Parse(layout, s); err != nil {
						t.Errorf("%s = %q: %v", p, s, err)
					}
				}
			}
			if k == "sid" || strings.HasSuffix(k, "_sid") {
				if s, ok := x.(string); ok && !generatedSID.MatchString(s) {
					t.Errorf("%s = %q is not a SID", p, s)
				}
			}
			walkWire(t, p, x)
		}
	case []any:
		for _, x := range v {
			walkWire(t, path+"[]", x)
		}
	}
}

// rawJSON makes a request and decodes its JSON answer, checking the
// status and walking it with walkWire.
func (e *env) rawJSON(method, path, body string, status int) map[string]any {
	e.t.Helper()
	resp, b := e.raw(method, path, body)
	if resp.StatusCode != status {
		e.t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, status, b)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		e.t.Fatalf("%s %s: Content-Type %q", method, path, ct)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		e.t.Fatalf("%s %s: %v: %s", method, path, err, b)
	}
	walkWire(e.t.(*testing.T), method+" "+path, m)
	return m
}

func TestWireShapes(t *testing.T) {
	e := newEnv(t, Options{})
	plain := e.newService("Plain", nil)

	// Services: the nested objects and links, whose keys the OpenAPI
	// description leaves open (TestShapesMatchOpenAPI checks the rest).
	sv := e.rawJSON("GET", "/v2/Services/"+e.demo, "", 200)
	for name, want := range map[string]string{
		"push":     "apn_credential_sid fcm_credential_sid include_date",
		"totp":     "code_length issuer skew time_step",
		"whatsapp": "from msg_service_sid",
		"passkeys": "authenticator_attachment discoverable_credentials relying_party user_verification",
		"links":    "access_tokens entities messaging_configurations rate_limits verification_checks verifications webhooks",
	} {
		if got := keysOf(t, sv[name]); got != want {
			t.Errorf("service.%s keys: %s, want %s", name, got, want)
		}
	}
	if got := keysOf(t, sv["passkeys"].(map[string]any)["relying_party"]); got != "id name origins" {
		t.Errorf("passkeys.relying_party keys: %s", got)
	}
	if _, ok := sv["code_length"].(float64); !ok {
		t.Errorf("code_length is not a JSON number: %#v", sv["code_length"])
	}
	list := e.rawJSON("GET", "/v2/Services?PageSize=1", "", 200)
	meta := list["meta"].(map[string]any)
	if meta["next_page_url"] == nil || meta["previous_page_url"] != nil || meta["page"] != float64(0) || meta["page_size"] != float64(1) {
		t.Errorf("first page meta: %v", meta)
	}

	// A verification on a service without lookup: lookup {}, sna null,
	// amount and payee null, one send_code_attempts entry.
	v := e.rawJSON("POST", "/v2/Services/"+plain+"/Verifications", "To=%2B14155550100&Channel=sms", 201)
	if keysOf(t, v["lookup"]) != "" || v["sna"] != nil || v["amount"] != nil || v["payee"] != nil || v["valid"] != false {
		t.Errorf("verification: %v", v)
	}
	atts, _ := v["send_code_attempts"].([]any)
	if len(atts) != 1 || keysOf(t, atts[0]) != "attempt_sid channel time" {
		t.Errorf("send_code_attempts: %v", v["send_code_attempts"])
	}
	// With lookup on, the carrier block.
	v = e.rawJSON("POST", "/v2/Services/"+e.demo+"/Verifications", "To=%2B15005550100&Channel=sms", 201)
	carrier := v["lookup"].(map[string]any)["carrier"]
	if got := keysOf(t, carrier); got != "error_code mobile_country_code mobile_network_code name type" {
		t.Errorf("lookup.carrier keys: %s", got)
	}
	// SNA: sna is {"url"}.
	v = e.rawJSON("POST", "/v2/Services/"+e.demo+"/Verifications", "To=%2B14155550104&Channel=sna", 201)
	if got := keysOf(t, v["sna"]); got != "url" {
		t.Errorf("sna keys: %s", got)
	}
	fetched := e.rawJSON("GET", "/v2/Services/"+e.demo+"/Verifications/"+v["sid"].(string), "", 200)
	if got := keysOf(t, fetched["sna"]); got != "url" {
		t.Errorf("fetched sna keys: %s", got)
	}

	// A check: sna_attempts_error_codes null for SMS, an array for SNA.
	c := e.rawJSON("POST", "/v2/Services/"+plain+"/VerificationCheck", "To=%2B14155550100&Code=0000", 200)
	if c["sna_attempts_error_codes"] != nil {
		t.Errorf("sms check: sna_attempts_error_codes = %v", c["sna_attempts_error_codes"])
	}
	c = e.rawJSON("POST", "/v2/Services/"+e.demo+"/VerificationCheck", "To=%2B14155550104", 200)
	codes, ok := c["sna_attempts_error_codes"].([]any)
	if !ok || len(codes) != 1 || keysOf(t, codes[0]) != "attempt_sid code" {
		t.Errorf("sna check: %v", c["sna_attempts_error_codes"])
	}

	// Lookup: a valid number has no validation errors.
	l := e.rawJSON("GET", "/v2/PhoneNumbers/+14155550102?Fields=line_type_intelligence,sms_pumping_risk", "", 200)
	if l["validation_errors"] != nil {
		t.Errorf("valid number: validation_errors = %v", l["validation_errors"])
	}

	// The outbox, the sandbox's own route.
	msgs := e.rawJSON("GET", "/sandbox/v1/Messages", "", 200)
	first := msgs["messages"].([]any)[0]
	if got := keysOf(t, first); got != "body channel code date_created from sid to verification_sid" {
		t.Errorf("message keys: %s", got)
	}
}

// TestDeleteIsEmpty204: deletes answer 204 with no body at all.
func TestDeleteIsEmpty204(t *testing.T) {
	e := newEnv(t, Options{})
	svc := e.newService("Doomed", nil)
	e.rawJSON("POST", "/v2/SafeList/Numbers", "PhoneNumber=%2B14155550100", 201)
	for _, path := range []string{"/v2/Services/" + svc, "/v2/SafeList/Numbers/+14155550100"} {
		resp, body := e.raw("DELETE", path, "")
		if resp.StatusCode != http.StatusNoContent || len(body) != 0 {
			t.Errorf("DELETE %s: %d %q", path, resp.StatusCode, body)
		}
		// A second delete is a JSON 404.
		e.rawJSON("DELETE", path, "", 404)
	}
}

// TestEveryErrorIsTwilioJSON: unknown routes, wrong methods and bad input
// on every route family answer exactly {code, message, more_info, status}.
func TestEveryErrorIsTwilioJSON(t *testing.T) {
	e := newEnv(t, Options{})
	ve := "VE" + strings.Repeat("0", 32)
	for _, tt := range []struct {
		method, path, body string
		status, code       int
	}{
		{"GET", "/sandbox/v1/Nope", "", 404, 20404},
		{"GET", "/sandbox/v1/SNA/abc/extra", "", 404, 20404},
		{"GET", "/sandbox/v1/SNA/unknowntoken", "", 404, 20404},
		{"PUT", "/sandbox/v1/SNA/unknowntoken", "", 405, 20004},
		{"DELETE", "/sandbox/v1/Faults", "", 405, 20004},
		{"POST", "/sandbox/v1/Faults", "not json", 400, 60200},
		{"GET", "/v2", "", 404, 20404},
		{"GET", "/v2/Services/" + e.demo + "/Verifications/" + ve + "/Extra", "", 404, 20404},
		{"GET", "/v2/Services/" + e.demo + "/Verifications/" + ve, "", 404, 20404},
		{"DELETE", "/v2/Services/" + e.demo + "/Verifications/" + ve, "", 405, 20004},
		{"GET", "/v2/Services/" + e.demo + "/verifications", "", 404, 20404},
		{"POST", "/v2/PhoneNumbers/+14155550100", "", 405, 20004},
		{"GET", "/v2/PhoneNumbers/", "", 404, 20404},
		{"GET", "/v2/SafeList/Numbers", "", 405, 20004},
		{"GET", "/v2/SafeList/Numbers/+14155550199", "", 404, 20404},
		{"POST", "/v2/Services/" + e.demo, "CodeLength=twelve", 400, 60200},
		{"GET", "/v2/Services?Page=-1", "", 400, 60200},
		{"GET", "/v2/Services?PageToken=nope", "", 400, 60200},
		{"POST", "/v2/Services/" + e.demo + "/Verifications", "To=%2B14155550100&Channel=sms&EnableSnaClientToken=perhaps", 400, 60200},
	} {
		m := e.rawJSON(tt.method, tt.path, tt.body, tt.status)
		if got := keysOf(t, m); got != errorKeys || m["code"] != float64(tt.code) || m["status"] != float64(tt.status) ||
			m["more_info"] != "https://www.twilio.com/docs/errors/"+itoa(tt.code) || m["message"] == "" {
			t.Errorf("%s %s: %v", tt.method, tt.path, m)
		}
	}
}
