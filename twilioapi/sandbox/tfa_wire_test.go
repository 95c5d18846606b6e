package sandbox

import (
	"net/url"
	"testing"
	"time"
)

// TestTFAWireShapes checks what the OpenAPI description leaves open
// (TestShapesMatchOpenAPI checks the keys it gives): links, binding and
// config keys, nulls, list filters carried to the next page, expiry and
// delete.
func TestTFAWireShapes(t *testing.T) {
	e := newEnv(t, Options{})
	base := "/v2/Services/" + e.demo + "/Entities"
	en := e.rawJSON("POST", base, "Identity="+identity, 201)
	if got := keysOf(t, en["links"]); got != "challenges factors new_factors" {
		t.Errorf("entity links: %s", got)
	}
	eb := base + "/" + identity
	nf := e.rawJSON("POST", eb+"/Factors", "FriendlyName=Phone&FactorType=totp", 201)
	if nf["options"] != nil || nf["metadata"] != nil || keysOf(t, nf["binding"]) != "secret uri" ||
		keysOf(t, nf["config"]) != "alg code_length skew time_step" {
		t.Errorf("new factor %v", nf)
	}
	sid := nf["sid"].(string)
	if got := keysOf(t, e.rawJSON("GET", eb+"/Factors/"+sid, "", 200)["config"]); got != "alg code_length skew time_step" {
		t.Errorf("fetched factor config keys: %s", got)
	}
	secret := nf["binding"].(map[string]any)["secret"].(string)
	code := pquernaCode(t, secret, totpConfig{Alg: "sha1", CodeLength: 6, TimeStep: 30}, e.clock.Now())
	e.rawJSON("POST", eb+"/Factors/"+sid, "AuthPayload="+code, 200)
	ch := e.rawJSON("POST", eb+"/Challenges", "FactorSid="+sid, 201)
	if ch["date_responded"] != nil || ch["details"] != nil || ch["responded_reason"] != "none" || keysOf(t, ch["links"]) != "notifications" {
		t.Errorf("pending challenge %v", ch)
	}
	// The filters carried in next_page_url.
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
