package sandbox

import (
	"net/url"
	"testing"
	"time"
)

// The exact key sets of the Push/TOTP wire shapes (Verify v2 OpenAPI:
// verify.v2.service.entity, .entity.factor, .entity.new_factor,
// .entity.challenge).
var (
	entityKeys    = keys("sid identity account_sid service_sid date_created date_updated url links")
	factorKeys    = keys("sid account_sid service_sid entity_sid identity date_created date_updated friendly_name status factor_type config metadata url")
	newFactorKeys = keys(factorKeys + " binding options")
	challengeKeys = keys("sid account_sid service_sid entity_sid identity factor_sid date_created date_updated date_responded " +
		"expiration_date status responded_reason details hidden_details metadata factor_type url links")
)

func TestTFAWireShapes(t *testing.T) {
	e := newEnv(t, Options{})
	base := "/v2/Services/" + e.demo + "/Entities"
	en := e.rawJSON("POST", base, "Identity="+identity, 201)
	if got := keysOf(t, en); got != entityKeys {
		t.Errorf("entity keys:\n got %s\nwant %s", got, entityKeys)
	}
	if got := keysOf(t, en["links"]); got != "challenges factors new_factors" {
		t.Errorf("entity links: %s", got)
	}
	eb := base + "/" + identity
	nf := e.rawJSON("POST", eb+"/Factors", "FriendlyName=Phone&FactorType=totp", 201)
	if got := keysOf(t, nf); got != newFactorKeys {
		t.Errorf("new factor keys:\n got %s\nwant %s", got, newFactorKeys)
	}
	if nf["options"] != nil || nf["metadata"] != nil || keysOf(t, nf["binding"]) != "secret uri" ||
		keysOf(t, nf["config"]) != "alg code_length skew time_step" {
		t.Errorf("new factor %v", nf)
	}
	sid := nf["sid"].(string)
	if got := keysOf(t, e.rawJSON("GET", eb+"/Factors/"+sid, "", 200)); got != factorKeys {
		t.Errorf("factor keys:\n got %s\nwant %s", got, factorKeys)
	}
	secret := nf["binding"].(map[string]any)["secret"].(string)
	code := pquernaCode(t, secret, totpConfig{Alg: "sha1", CodeLength: 6, TimeStep: 30}, e.clock.Now())
	e.rawJSON("POST", eb+"/Factors/"+sid, "AuthPayload="+code, 200)
	ch := e.rawJSON("POST", eb+"/Challenges", "FactorSid="+sid, 201)
	if got := keysOf(t, ch); got != challengeKeys {
		t.Errorf("challenge keys:\n got %s\nwant %s", got, challengeKeys)
	}
	if ch["date_responded"] != nil || ch["details"] != nil || ch["responded_reason"] != "none" || keysOf(t, ch["links"]) != "notifications" {
		t.Errorf("pending challenge %v", ch)
	}
	// The list envelopes, and the filters carried in next_page_url.
	for path, key := range map[string]string{base: "entities", eb + "/Factors": "factors", eb + "/Challenges": "challenges"} {
		l := e.rawJSON("GET", path, "", 200)
		if got := keysOf(t, l); got != keys(key+" meta") {
			t.Errorf("%s list keys: %s", key, got)
		}
		if m := l["meta"]; keysOf(t, m) != metaKeys || m.(map[string]any)["key"] != key {
			t.Errorf("%s meta: %v", key, m)
		}
	}
	e.rawJSON("POST", eb+"/Challenges", "FactorSid="+sid, 201)
	l := e.rawJSON("GET", eb+"/Challenges?Status=pending&Order=desc&PageSize=1", "", 200)
	next, _ := url.Parse(l["meta"].(map[string]any)["next_page_url"].(string))
	if q := next.Query(); q.Get("Status") != "pending" || q.Get("Order") != "desc" || q.Get("PageToken") == "" {
		t.Errorf("next_page_url %s lost the filter", next)
	}
	e.clock.Advance(time.Hour)
	if got := e.rawJSON("GET", eb+"/Challenges/"+ch["sid"].(string), "", 200); got["status"] != "expired" {
		t.Errorf("status %v", got["status"])
	}
	if resp, body := e.raw("DELETE", eb, ""); resp.StatusCode != 204 || len(body) != 0 {
		t.Errorf("delete entity: %d %q", resp.StatusCode, body)
	}
}
