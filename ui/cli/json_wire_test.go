package cli

import (
	"encoding/json"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// rawAPI answers a GET on the sandbox with its credentials, decoded: what
// a script talking to the API itself would read.
func rawAPI(t *testing.T, sb *sandbox.Sandbox, url, path string) map[string]any {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
	}
	return v
}

// sameAsAPI reports every field the command printed that the API does not
// answer with, or answers with another value or type.
func sameAsAPI(path string, got, api any) []string {
	g, gok := got.(map[string]any)
	a, aok := api.(map[string]any)
	if !gok || !aok {
		if !reflect.DeepEqual(got, api) {
			return []string{path + ": printed " + jsonText(got) + ", the API answers " + jsonText(api)}
		}
		return nil
	}
	var out []string
	for k, v := range g {
		av, ok := a[k]
		if !ok {
			out = append(out, path+"."+k+": not a field of the API's answer")
			continue
		}
		out = append(out, sameAsAPI(path+"."+k, v, av)...)
	}
	sort.Strings(out)
	return out
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// missingFrom lists the API's fields the command left out.
func missingFrom(got, api map[string]any, allowed ...string) []string {
	var out []string
	for k := range api {
		if _, ok := got[k]; !ok && !strings.Contains(" "+strings.Join(allowed, " ")+" ", " "+k+" ") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestJSONIsTheAPIs: --json promises the API's fields under Twilio's names,
// so a script written against the API reads the command's output unchanged.
// Each printed object is compared with what the sandbox itself answers:
// same names, same values, same JSON types (null stays null).
func TestJSONIsTheAPIs(t *testing.T) {
	sb, url, _ := scriptEnv(t)
	ve := decodeJSON[map[string]any](t, cli(t, url, 0, "send", "--to", mobile, "--json"))
	veSID, _ := ve["sid"].(string)
	vaSID, _ := ve["service_sid"].(string)
	cli(t, url, 0, "send", "--to", "+14155550101", "--channel", "call", "--quiet")

	t.Run("verification", func(t *testing.T) {
		got := decodeJSON[map[string]any](t, cli(t, url, 0, "status", veSID, "--json"))
		api := rawAPI(t, sb, url, "/v2/Services/"+vaSID+"/Verifications/"+veSID)
		if d := sameAsAPI("verification", got, api); len(d) > 0 {
			t.Errorf("status --json differs from the API:\n%s", strings.Join(d, "\n"))
		}
		if m := missingFrom(got, api); len(m) > 0 {
			t.Errorf("status --json leaves out %v", m)
		}
	})
	t.Run("service", func(t *testing.T) {
		got := decodeJSON[map[string]any](t, cli(t, url, 0, "services", "get", vaSID, "--json"))
		api := rawAPI(t, sb, url, "/v2/Services/"+vaSID)
		if d := sameAsAPI("service", got, api); len(d) > 0 {
			t.Errorf("services get --json differs from the API:\n%s", strings.Join(d, "\n"))
		}
		if m := missingFrom(got, api, "links"); len(m) > 0 {
			t.Errorf("services get --json leaves out %v", m)
		}
	})
	t.Run("attempts", func(t *testing.T) {
		got := decodeJSON[[]any](t, cli(t, url, 0, "attempts", "list", "--json"))
		api, _ := rawAPI(t, sb, url, "/v2/Attempts")["attempts"].([]any)
		if len(got) != len(api) || len(got) != 2 {
			t.Fatalf("attempts list --json: %d attempts, the API %d", len(got), len(api))
		}
		for i := range got {
			if d := sameAsAPI("attempt", got[i], api[i]); len(d) > 0 {
				t.Errorf("attempts list --json differs from the API:\n%s", strings.Join(d, "\n"))
			}
			if m := missingFrom(got[i].(map[string]any)["channel_data"].(map[string]any),
				api[i].(map[string]any)["channel_data"].(map[string]any)); len(m) > 0 {
				t.Errorf("attempts list --json channel_data leaves out %v", m)
			}
		}
	})
	t.Run("check", func(t *testing.T) {
		// A check is not fetched again: its fields are the API's answer's,
		// Twilio's VerificationCheck.
		got := decodeJSON[map[string]any](t, cli(t, url, 3, "check", "--sid", veSID, "--code", "0000", "--json"))
		var names []string
		for k := range got {
			names = append(names, k)
		}
		sort.Strings(names)
		want := "account_sid amount channel date_created date_updated payee service_sid sid sna_attempts_error_codes status to valid"
		if strings.Join(names, " ") != want {
			t.Errorf("check --json fields:\n got %s\nwant %s", strings.Join(names, " "), want)
		}
		if got["account_sid"] != sb.AccountSID() {
			t.Errorf("check --json account_sid %v", got["account_sid"])
		}
	})
	t.Run("factor", func(t *testing.T) {
		// enroll --json prints the new factor (with its binding), then the
		// verified one; stdin ending first leaves only the new one.
		r := execCLI(t, "", "totp", "enroll", "--identity", cliIdentity, "--service", vaSID, "--json", "--sandbox-url", url)
		line, _, _ := strings.Cut(r.stdout, "\n")
		var got map[string]any
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("totp enroll --json: %v\n%s\n%s", err, r.stdout, r.stderr)
		}
		sid, _ := got["sid"].(string)
		api := rawAPI(t, sb, url, "/v2/Services/"+vaSID+"/Entities/"+cliIdentity+"/Factors/"+sid)
		delete(got, "binding") // only in the answer to the creation
		delete(got, "options")
		if d := sameAsAPI("factor", got, api); len(d) > 0 {
			t.Errorf("totp enroll --json differs from the API:\n%s", strings.Join(d, "\n"))
		}
		if m := missingFrom(got, api); len(m) > 0 {
			t.Errorf("totp enroll --json leaves out %v", m)
		}
	})
	t.Run("lookup", func(t *testing.T) {
		got := decodeJSON[map[string]any](t, cli(t, url, 0, "lookup", mobile, "--json"))
		api := rawAPI(t, sb, url, "/v2/PhoneNumbers/"+mobile+"?Fields=line_type_intelligence,sms_pumping_risk")
		if d := sameAsAPI("lookup", got, api); len(d) > 0 {
			t.Errorf("lookup --json differs from the API:\n%s", strings.Join(d, "\n"))
		}
	})
}
