package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// notServed are the operations of Twilio's descriptions the sandbox does
// not emulate, each with why. The test checks that each still answers
// 404 or 405, so emulating one without testing its shape fails here.
var notServed = map[string]string{
	"POST /v2/Services/{ServiceSid}/AccessTokens":                                                "Push SDK access tokens: the console never enrols a device itself",
	"GET /v2/Services/{ServiceSid}/AccessTokens/{Sid}":                                           "Push SDK access tokens: the console never enrols a device itself",
	"GET /v2/Forms/{FormType}":                                                                   "the Push SDK's form schema, not part of the console",
	"POST /v2/Services/{ServiceSid}/Entities/{Identity}/Challenges/{ChallengeSid}/Notifications": "push notification resend: the sandbox sends no push notifications",
	"POST /v2/Services/{ServiceSid}/Passkeys/VerifyFactor":                                       "needs a WebAuthn attestation from a real authenticator",
	"POST /v2/Services/{ServiceSid}/Passkeys/Challenges":                                         "needs a WebAuthn assertion from a real authenticator",
	"POST /v2/Services/{ServiceSid}/Passkeys/ApproveChallenge":                                   "needs a WebAuthn assertion from a real authenticator",
	"POST /v2/batch/query":                                                                       "Lookup batch queries: the console looks numbers up one at a time",
	"GET /v2/RateLimits":                                                                         "Lookup account rate limits: not emulated",
	"GET /v2/RateLimits/Fields/{Field}/Bucket/{Bucket}":                                          "Lookup account rate limits: not emulated",
	"PUT /v2/RateLimits/Fields/{Field}/Bucket/{Bucket}":                                          "Lookup account rate limits: not emulated",
	"DELETE /v2/RateLimits/Fields/{Field}/Bucket/{Bucket}":                                       "Lookup account rate limits: not emulated",
	"GET /v2/PhoneNumbers/{PhoneNumber}/Overrides/{Field}":                                       "Lookup overrides: not emulated",
	"POST /v2/PhoneNumbers/{PhoneNumber}/Overrides/{Field}":                                      "Lookup overrides: not emulated",
	"PUT /v2/PhoneNumbers/{PhoneNumber}/Overrides/{Field}":                                       "Lookup overrides: not emulated",
	"DELETE /v2/PhoneNumbers/{PhoneNumber}/Overrides/{Field}":                                    "Lookup overrides: not emulated",
}

// specCall is one request for an operation: values for its path
// parameters beyond the fixture's, and its query and body (see env.raw).
type specCall struct {
	vars        map[string]string
	query, body string
}

// specFixture is what the operations need to exist before they are
// called: a service, an entity with a verified TOTP factor and a
// challenge, a rate limit with a bucket, a webhook, a messaging
// configuration, a verification, a Safe List number and so an attempt.
type specFixture struct {
	e                                                         *env
	vars                                                      map[string]string // ServiceSid, Identity, RateLimitSid, Country, PhoneNumber
	secret                                                    string            // the factor's TOTP secret
	cfg                                                       totpConfig
	factor, challenge, bucket, webhook, verification, attempt string
}

// post creates something the fixture or a call needs and returns its
// answer.
func (fx *specFixture) post(path, body string) map[string]any {
	fx.e.t.Helper()
	return fx.e.rawJSON("POST", path, body, http.StatusCreated)
}

// svc is the fixture service's URL path.
func (fx *specFixture) svc() string { return "/v2/Services/" + fx.vars["ServiceSid"] }

func newSpecFixture(e *env) *specFixture {
	fx := &specFixture{e: e, vars: map[string]string{
		"ServiceSid": e.demo, "Identity": identity, "Country": "GB", "PhoneNumber": "+14155550100",
	}}
	eb := fx.svc() + "/Entities/" + identity
	fx.post(fx.svc()+"/Entities", "Identity="+identity)
	nf := fx.post(eb+"/Factors", "FriendlyName=Phone&FactorType=totp")
	fx.factor = nf["sid"].(string)
	fx.secret = nf["binding"].(map[string]any)["secret"].(string)
	fx.cfg = totpConfig{Alg: "sha1", CodeLength: 6, TimeStep: 30}
	e.rawJSON("POST", eb+"/Factors/"+fx.factor, "AuthPayload="+fx.code(), http.StatusOK)
	fx.challenge = fx.post(eb+"/Challenges", "FactorSid="+fx.factor)["sid"].(string)
	fx.vars["RateLimitSid"] = fx.post(fx.svc()+"/RateLimits", "UniqueName=end_user_ip_address")["sid"].(string)
	fx.bucket = fx.newBucket("60")
	fx.webhook = fx.newWebhook()
	fx.post(fx.svc()+"/MessagingConfigurations", "Country=GB&MessagingServiceSid=MG"+strings.Repeat("a", 32))
	fx.verification = fx.post(fx.svc()+"/Verifications", "To=%2B14155550100&Channel=sms")["sid"].(string)
	fx.post("/v2/SafeList/Numbers", "PhoneNumber=%2B14155550100")
	fx.attempt = e.rawJSON("GET", "/v2/Attempts", "", http.StatusOK)["attempts"].([]any)[0].(map[string]any)["sid"].(string)
	return fx
}

// code is the fixture factor's TOTP code now.
func (fx *specFixture) code() string { return pquernaCode(fx.e.t, fx.secret, fx.cfg, fx.e.clock.Now()) }

func (fx *specFixture) newService() string { return fx.e.newService("Spec", nil) }

// newBucket adds a bucket to the fixture rate limit; interval tells it
// from the others (a rate limit holds one bucket per interval).
func (fx *specFixture) newBucket(interval string) string {
	return fx.post(fx.svc()+"/RateLimits/"+fx.vars["RateLimitSid"]+"/Buckets", "Max=5&Interval="+interval)["sid"].(string)
}

func (fx *specFixture) newWebhook() string {
	return fx.post(fx.svc()+"/Webhooks", "FriendlyName=Hook&EventTypes=*&WebhookUrl=https%3A%2F%2Fexample.com%2Fhook")["sid"].(string)
}

// sid is a call whose {Sid} is s.
func sid(s string) specCall { return sidBody(s, "") }

// sidBody is a call whose {Sid} is s, with a form body.
func sidBody(s, body string) specCall { return specCall{vars: map[string]string{"Sid": s}, body: body} }

// noParams calls an operation with the fixture's path parameters alone.
func noParams(*specFixture) specCall { return specCall{} }

// specCalls drives every operation the sandbox serves, by its key in the
// descriptions. A call that changes or deletes something creates its own.
var specCalls = map[string]func(fx *specFixture) specCall{
	"GET /v2/Services":          noParams,
	"POST /v2/Services":         func(*specFixture) specCall { return specCall{body: "FriendlyName=Spec"} },
	"GET /v2/Services/{Sid}":    func(fx *specFixture) specCall { return sid(fx.vars["ServiceSid"]) },
	"POST /v2/Services/{Sid}":   func(fx *specFixture) specCall { return sidBody(fx.newService(), "CodeLength=8") },
	"DELETE /v2/Services/{Sid}": func(fx *specFixture) specCall { return sid(fx.newService()) },

	"POST /v2/Services/{ServiceSid}/Verifications": func(*specFixture) specCall {
		return specCall{body: "To=%2B14155550110&Channel=sms"}
	},
	"GET /v2/Services/{ServiceSid}/Verifications/{Sid}": func(fx *specFixture) specCall { return sid(fx.verification) },
	"POST /v2/Services/{ServiceSid}/Verifications/{Sid}": func(fx *specFixture) specCall {
		return sidBody(fx.post(fx.svc()+"/Verifications", "To=%2B14155550111&Channel=sms")["sid"].(string), "Status=canceled")
	},
	"POST /v2/Services/{ServiceSid}/VerificationCheck": func(fx *specFixture) specCall {
		fx.post(fx.svc()+"/Verifications", "To=%2B14155550112&Channel=sms")
		return specCall{body: "To=%2B14155550112&Code=" + fx.e.lastCode("+14155550112")}
	},

	"GET /v2/Services/{ServiceSid}/Entities":            noParams,
	"POST /v2/Services/{ServiceSid}/Entities":           func(*specFixture) specCall { return specCall{body: "Identity=user-0002-abcd"} },
	"GET /v2/Services/{ServiceSid}/Entities/{Identity}": noParams,
	"DELETE /v2/Services/{ServiceSid}/Entities/{Identity}": func(fx *specFixture) specCall {
		fx.post(fx.svc()+"/Entities", "Identity=user-0003-abcd")
		return specCall{vars: map[string]string{"Identity": "user-0003-abcd"}}
	},
	"GET /v2/Services/{ServiceSid}/Entities/{Identity}/Factors": noParams,
	"POST /v2/Services/{ServiceSid}/Entities/{Identity}/Factors": func(*specFixture) specCall {
		return specCall{body: "FriendlyName=Tablet&FactorType=totp"}
	},
	"GET /v2/Services/{ServiceSid}/Entities/{Identity}/Factors/{Sid}": func(fx *specFixture) specCall { return sid(fx.factor) },
	"POST /v2/Services/{ServiceSid}/Entities/{Identity}/Factors/{Sid}": func(fx *specFixture) specCall {
		return sidBody(fx.factor, "FriendlyName=Renamed")
	},
	"DELETE /v2/Services/{ServiceSid}/Entities/{Identity}/Factors/{Sid}": func(fx *specFixture) specCall {
		return sid(fx.post(fx.svc()+"/Entities/"+identity+"/Factors", "FriendlyName=Old&FactorType=totp")["sid"].(string))
	},
	"GET /v2/Services/{ServiceSid}/Entities/{Identity}/Challenges": noParams,
	"POST /v2/Services/{ServiceSid}/Entities/{Identity}/Challenges": func(fx *specFixture) specCall {
		return specCall{body: "FactorSid=" + fx.factor}
	},
	"GET /v2/Services/{ServiceSid}/Entities/{Identity}/Challenges/{Sid}": func(fx *specFixture) specCall { return sid(fx.challenge) },
	"POST /v2/Services/{ServiceSid}/Entities/{Identity}/Challenges/{Sid}": func(fx *specFixture) specCall {
		return sidBody(fx.post(fx.svc()+"/Entities/"+identity+"/Challenges", "FactorSid="+fx.factor)["sid"].(string), "AuthPayload="+fx.code())
	},
	"POST /v2/Services/{ServiceSid}/Passkeys/Factors": func(fx *specFixture) specCall {
		va := fx.post("/v2/Services", "FriendlyName=Passkeys&Passkeys.RelyingParty.Id=example.com&"+
			"Passkeys.RelyingParty.Name=Example&Passkeys.RelyingParty.Origins=https%3A%2F%2Fexample.com")["sid"].(string)
		return specCall{vars: map[string]string{"ServiceSid": va}, body: `{"friendly_name":"Laptop","identity":"` + identity + `"}`}
	},

	"POST /v2/SafeList/Numbers":              func(*specFixture) specCall { return specCall{body: "PhoneNumber=%2B14155550120"} },
	"GET /v2/SafeList/Numbers/{PhoneNumber}": noParams,
	"DELETE /v2/SafeList/Numbers/{PhoneNumber}": func(fx *specFixture) specCall {
		fx.post("/v2/SafeList/Numbers", "PhoneNumber=%2B14155550121")
		return specCall{vars: map[string]string{"PhoneNumber": "+14155550121"}}
	},

	"GET /v2/Services/{ServiceSid}/RateLimits":  noParams,
	"POST /v2/Services/{ServiceSid}/RateLimits": func(*specFixture) specCall { return specCall{body: "UniqueName=phone_number"} },
	"GET /v2/Services/{ServiceSid}/RateLimits/{Sid}": func(fx *specFixture) specCall {
		return sid(fx.vars["RateLimitSid"])
	},
	"POST /v2/Services/{ServiceSid}/RateLimits/{Sid}": func(fx *specFixture) specCall {
		return sidBody(fx.vars["RateLimitSid"], "Description=Per+IP")
	},
	"DELETE /v2/Services/{ServiceSid}/RateLimits/{Sid}": func(fx *specFixture) specCall {
		return sid(fx.post(fx.svc()+"/RateLimits", "UniqueName=doomed")["sid"].(string))
	},
	"GET /v2/Services/{ServiceSid}/RateLimits/{RateLimitSid}/Buckets":  noParams,
	"POST /v2/Services/{ServiceSid}/RateLimits/{RateLimitSid}/Buckets": func(*specFixture) specCall { return specCall{body: "Max=10&Interval=3600"} },
	"GET /v2/Services/{ServiceSid}/RateLimits/{RateLimitSid}/Buckets/{Sid}": func(fx *specFixture) specCall {
		return sid(fx.bucket)
	},
	"POST /v2/Services/{ServiceSid}/RateLimits/{RateLimitSid}/Buckets/{Sid}": func(fx *specFixture) specCall {
		return sidBody(fx.bucket, "Max=6")
	},
	"DELETE /v2/Services/{ServiceSid}/RateLimits/{RateLimitSid}/Buckets/{Sid}": func(fx *specFixture) specCall {
		return sid(fx.newBucket("86400"))
	},

	"GET /v2/Services/{ServiceSid}/Webhooks": noParams,
	"POST /v2/Services/{ServiceSid}/Webhooks": func(*specFixture) specCall {
		return specCall{body: "FriendlyName=Other&EventTypes=factor.created&WebhookUrl=https%3A%2F%2Fexample.com%2Fother"}
	},
	"GET /v2/Services/{ServiceSid}/Webhooks/{Sid}": func(fx *specFixture) specCall { return sid(fx.webhook) },
	"POST /v2/Services/{ServiceSid}/Webhooks/{Sid}": func(fx *specFixture) specCall {
		return sidBody(fx.webhook, "Status=disabled")
	},
	"DELETE /v2/Services/{ServiceSid}/Webhooks/{Sid}": func(fx *specFixture) specCall { return sid(fx.newWebhook()) },

	"GET /v2/Services/{ServiceSid}/MessagingConfigurations": noParams,
	"POST /v2/Services/{ServiceSid}/MessagingConfigurations": func(*specFixture) specCall {
		return specCall{body: "Country=US&MessagingServiceSid=MG" + strings.Repeat("b", 32)}
	},
	"GET /v2/Services/{ServiceSid}/MessagingConfigurations/{Country}": noParams,
	"POST /v2/Services/{ServiceSid}/MessagingConfigurations/{Country}": func(*specFixture) specCall {
		return specCall{body: "MessagingServiceSid=MG" + strings.Repeat("c", 32)}
	},
	"DELETE /v2/Services/{ServiceSid}/MessagingConfigurations/{Country}": func(fx *specFixture) specCall {
		fx.post(fx.svc()+"/MessagingConfigurations", "Country=FR&MessagingServiceSid=MG"+strings.Repeat("d", 32))
		return specCall{vars: map[string]string{"Country": "FR"}}
	},

	"GET /v2/Templates":        noParams,
	"GET /v2/Attempts":         noParams,
	"GET /v2/Attempts/{Sid}":   func(fx *specFixture) specCall { return sid(fx.attempt) },
	"GET /v2/Attempts/Summary": noParams,

	// Every data package, with the Identity Match inputs, so each nested
	// package object is compared too.
	"GET /v2/PhoneNumbers/{PhoneNumber}": func(*specFixture) specCall {
		return specCall{
			vars:  map[string]string{"PhoneNumber": NumberMobile},
			query: "Fields=" + allPackages + "&FirstName=john&LastName=Do&City=Portland&LastVerifiedDate=20250101",
		}
	},
}

// pathParam is a {Name} in a path template.
var pathParam = regexp.MustCompile(`\{([A-Za-z]+)\}`)

// fill substitutes the call's values, then the fixture's, into a path
// template; a parameter neither knows stays its own name (enough for a
// 404).
func fill(tmpl string, vars ...map[string]string) string {
	return pathParam.ReplaceAllStringFunc(tmpl, func(p string) string {
		name := p[1 : len(p)-1]
		for _, m := range vars {
			if v, ok := m[name]; ok {
				return url.PathEscape(v)
			}
		}
		return name
	})
}

// TestShapesMatchOpenAPI drives every operation of Twilio's Verify v2 and
// Lookup v2 descriptions that the sandbox serves, over loopback HTTP, and
// compares each answer's keys, all the way down, with the response schema
// of the status it answered.
func TestShapesMatchOpenAPI(t *testing.T) {
	e := newEnv(t, Options{})
	fx := newSpecFixture(e)
	ops := append(loadOpenAPI(t, "twilio_verify_v2.json"), loadOpenAPI(t, "twilio_lookups_v2.json")...)
	sort.Slice(ops, func(i, j int) bool { return ops[i].key() < ops[j].key() })
	seen := map[string]bool{}
	var problems []string
	checked := 0
	for _, op := range ops {
		k := op.key()
		if seen[k] {
			t.Fatalf("%s is in both descriptions", k)
		}
		seen[k] = true
		drive, served := specCalls[k]
		reason, skipped := notServed[k]
		switch {
		case served && skipped:
			problems = append(problems, k+": both driven and listed as not served")
		case skipped:
			if reason == "" {
				problems = append(problems, k+": listed as not served without a reason")
			}
			resp, body := e.raw(op.method, fill(op.path, fx.vars), "")
			if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
				problems = append(problems, k+": listed as not served but answers "+resp.Status+": "+string(body))
			}
		case !served:
			problems = append(problems, k+": neither driven nor listed as not served")
		default:
			checked++
			c := drive(fx)
			problems = append(problems, checkOp(t, e, op, fill(op.path, c.vars, fx.vars), c)...)
		}
	}
	for k := range specCalls {
		if !seen[k] {
			problems = append(problems, k+": driven but in neither description")
		}
	}
	for k := range notServed {
		if !seen[k] {
			problems = append(problems, k+": listed as not served but in neither description")
		}
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		t.Errorf("%d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	t.Logf("%d operations checked against the descriptions, %d not served", checked, len(notServed))
}

// checkOp makes the call and lists how its answer differs from op's
// description.
func checkOp(t *testing.T, e *env, op oaOp, path string, c specCall) []string {
	t.Helper()
	k := op.key()
	if c.query != "" {
		path += "?" + c.query
	}
	resp, body := e.raw(op.method, path, c.body)
	schema, ok := op.success(resp.StatusCode)
	if !ok {
		return []string{k + ": answered " + resp.Status + ", not a documented success: " + string(body)}
	}
	if schema == nil {
		if len(body) != 0 {
			return []string{k + ": " + resp.Status + " with a body, documented as none: " + string(body)}
		}
		return nil
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return []string{k + ": Content-Type " + ct}
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return []string{k + ": " + err.Error()}
	}
	walkWire(t, k, v)
	diffs := map[string]bool{}
	op.spec.shapeDiff(k, schema, v, diffs)
	out := make([]string, 0, len(diffs))
	for d := range diffs {
		out = append(out, d)
	}
	return out
}
