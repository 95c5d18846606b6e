package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/internal/audit"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// These tests run the scripting commands in-process (execCLI) against a
// sandbox served on loopback, with the sandbox's credentials in the
// environment and --sandbox-url, as a script would.

const mobile = sandbox.NumberMobile

// scriptEnv serves a sandbox and sets the environment a script against
// it would have; it returns the sandbox, its URL and the state dir.
func scriptEnv(t *testing.T) (*sandbox.Sandbox, string, string) {
	t.Helper()
	dir := credEnv(t)
	sb, url := startSandbox(t)
	t.Setenv("TWILIO_ACCOUNT_SID", sb.AccountSID())
	t.Setenv("TWILIO_AUTH_TOKEN", sb.AuthToken())
	t.Setenv("TWILIO_VERIFY_SERVICE_SID", "")
	return sb, url, filepath.Join(dir, "state")
}

func decodeJSON[T any](t *testing.T, r cliResult) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("not JSON (%v):\n%s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return v
}

func expectCode(t *testing.T, r cliResult, want int, args ...string) {
	t.Helper()
	if r.code != want {
		t.Fatalf("%q: exit %d, want %d\nstdout: %s\nstderr: %s", args, r.code, want, r.stdout, r.stderr)
	}
}

// cli runs args with --sandbox-url url appended and checks the exit code.
func cli(t *testing.T, url string, want int, args ...string) cliResult {
	t.Helper()
	args = append(args, "--sandbox-url", url)
	r := execCLI(t, "", args...)
	expectCode(t, r, want, args...)
	return r
}

// TestScriptedFlow: send, status, check (wrong then right), cancel, lookup
// and the service commands, with their exit codes, table, --json and
// --quiet output, and the audit trail they leave.
func TestScriptedFlow(t *testing.T) {
	sb, url, state := scriptEnv(t)

	// One service: it is picked without --service.
	r := cli(t, url, 0, "send", "--to", "+1 415 555 0100")
	if !regexp.MustCompile(`(?m)^Status\s+pending$`).MatchString(r.stdout) || !strings.Contains(r.stdout, "SID ") {
		t.Fatalf("send table:\n%s", r.stdout)
	}
	r = cli(t, url, 0, "send", "--to", mobile, "--json")
	v := decodeJSON[map[string]any](t, r)
	sid, _ := v["sid"].(string)
	if !strings.HasPrefix(sid, "VE") || v["status"] != "pending" || v["to"] != mobile || v["channel"] != "sms" {
		t.Fatalf("send --json: %v", v)
	}
	if att, _ := v["send_code_attempts"].([]any); len(att) != 2 {
		t.Fatalf("a second send is a resend: %d attempts", len(att))
	}
	svc, _ := v["service_sid"].(string)

	r = cli(t, url, 0, "status", sid, "--quiet")
	if r.stdout != "pending\n" {
		t.Fatalf("status --quiet: %q", r.stdout)
	}
	r = cli(t, url, 0, "status", "--to", mobile, "--json", "--service", svc)
	if decodeJSON[map[string]any](t, r)["sid"] != sid {
		t.Fatalf("status --to: %s", r.stdout)
	}

	code := apitest.LatestCode(t, sb, mobile)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	r = cli(t, url, 3, "check", "--to", mobile, "--code", wrong)
	if !strings.Contains(r.stdout, "pending") || !strings.Contains(r.stderr, "not approved") {
		t.Fatalf("wrong code: %+v", r)
	}
	r = cli(t, url, 0, "check", "--to", mobile, "--code", code, "--json")
	if c := decodeJSON[map[string]any](t, r); c["status"] != "approved" || c["valid"] != true {
		t.Fatalf("right code: %v", c)
	}
	// Approved verifications are gone: a Twilio error, code and hint.
	r = cli(t, url, 1, "check", "--to", mobile, "--code", code)
	if !strings.Contains(r.stderr, "Twilio error 20404") || !strings.Contains(r.stderr, "hint: ") {
		t.Fatalf("check after approval: %q", r.stderr)
	}

	cli(t, url, 0, "send", "--to", mobile, "--channel", "call", "--quiet")
	r = cli(t, url, 0, "cancel", "--to", mobile, "--json")
	if decodeJSON[map[string]any](t, r)["status"] != "canceled" {
		t.Fatalf("cancel: %s", r.stdout)
	}

	r = cli(t, url, 0, "lookup", mobile, "--json")
	l := decodeJSON[map[string]any](t, r)
	if l["phone_number"] != mobile || l["line_type_intelligence"].(map[string]any)["type"] != "mobile" {
		t.Fatalf("lookup: %v", l)
	}

	// Services: create, then two services need --service.
	r = cli(t, url, 0, "services", "create", "--name", "Scripted", "--code-length", "8", "--quiet")
	va := strings.TrimSpace(r.stdout)
	if !strings.HasPrefix(va, "VA") || len(va) != 34 {
		t.Fatalf("services create --quiet: %q", r.stdout)
	}
	r = cli(t, url, 2, "send", "--to", mobile)
	if !strings.Contains(r.stderr, "several services") {
		t.Fatalf("send with two services: %q", r.stderr)
	}
	r = cli(t, url, 0, "services", "update", va, "--name", "Renamed", "--json")
	s := decodeJSON[map[string]any](t, r)
	if s["friendly_name"] != "Renamed" || s["code_length"] != 8.0 || s["sid"] != va {
		t.Fatalf("update kept only the given flags? %v", s)
	}
	r = cli(t, url, 0, "services", "list", "--json")
	if list := decodeJSON[[]map[string]any](t, r); len(list) != 2 {
		t.Fatalf("services list --json: %d", len(list))
	}
	r = cli(t, url, 0, "services", "list")
	if !strings.Contains(r.stdout, "Renamed") || !strings.HasPrefix(r.stdout, "SID") {
		t.Fatalf("services list:\n%s", r.stdout)
	}
	r = cli(t, url, 0, "services", "get", va)
	if !regexp.MustCompile(`(?m)^Code length\s+8$`).MatchString(r.stdout) {
		t.Fatalf("services get:\n%s", r.stdout)
	}
	cli(t, url, 0, "services", "delete", va)
	cli(t, url, 1, "services", "get", va)

	// Attempts: the sends above, newest first, in the API's shape.
	r = cli(t, url, 0, "attempts", "list", "--to", mobile, "--channel", "call", "--json")
	atts := decodeJSON[[]map[string]any](t, r)
	if len(atts) != 1 || atts[0]["channel"] != "call" || atts[0]["channel_data"].(map[string]any)["to"] != mobile {
		t.Fatalf("attempts list --json: %v", atts)
	}
	r = cli(t, url, 0, "attempts", "list", "--to", mobile, "--limit", "2", "--quiet")
	if lines := strings.Fields(r.stdout); len(lines) != 2 || !strings.HasPrefix(lines[0], "VL") {
		t.Fatalf("attempts list --quiet: %q", r.stdout)
	}
	cli(t, url, 2, "attempts", "list", "--limit", "0")
	cli(t, url, 2, "attempts", "list", "--since", "soon")

	// The trail: one line per action, none with the code, the token or
	// the full number.
	data, err := os.ReadFile(filepath.Join(state, audit.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{code, sb.AuthToken(), mobile, strings.TrimPrefix(mobile, "+")} {
		if strings.Contains(string(data), secret) {
			t.Fatalf("the audit trail holds %q:\n%s", secret, data)
		}
	}
	recs, skipped, err := audit.Read(state, audit.Filter{})
	if err != nil || skipped != 0 {
		t.Fatal(skipped, err)
	}
	var actions []string
	for _, rec := range recs {
		actions = append(actions, rec.Action+":"+rec.Outcome)
		if rec.Sandbox != url || rec.AccountSID != sb.AccountSID() || rec.Operator == "" {
			t.Errorf("record %+v", rec)
		}
	}
	want := []string{"verification.start:pending", "verification.resend:pending", "verification.check:pending",
		"verification.check:approved", "verification.check:error", "verification.start:pending",
		"verification.cancel:canceled", "service.create:ok", "service.update:ok", "service.delete:ok"}
	if strings.Join(actions, " ") != strings.Join(want, " ") {
		t.Fatalf("audit actions\n got %v\nwant %v", actions, want)
	}

	// The audit command prints them.
	r = execCLI(t, "", "audit", "--json")
	expectCode(t, r, 0, "audit --json")
	if n := strings.Count(r.stdout, "\n"); n != len(want) {
		t.Fatalf("audit --json: %d lines", n)
	}
	r = execCLI(t, "", "audit", "--since", "1h", "--operator", recs[0].Operator)
	if strings.Count(r.stdout, "\n") != len(want)+1 || !strings.Contains(r.stdout, "••••0100") {
		t.Fatalf("audit table:\n%s", r.stdout)
	}
	r = execCLI(t, "", "audit", "--operator", "nobody-else")
	if strings.Count(r.stdout, "\n") != 1 {
		t.Fatalf("audit --operator filter:\n%s", r.stdout)
	}
	expectCode(t, execCLI(t, "", "audit", "--since", "yesterday"), 2, "audit --since yesterday")
}

// TestCommandExitCodes: usage and input errors are 2, a refused
// connection is 4, and an unwritable audit trail fails the action (1).
func TestCommandExitCodes(t *testing.T) {
	_, url, _ := scriptEnv(t)
	for _, args := range [][]string{
		{"send"},
		{"send", "--to", "not a number"},
		{"check", "--to", mobile},
		{"check", "--code", "123456"},
		{"status"},
		{"cancel", "VE1", "--to", mobile},
		{"services", "get"},
		{"send", "--to", mobile, "--json", "--quiet"},
		{"send", "--to", mobile, "--service", "VA1"},
	} {
		cli(t, url, 2, args...)
	}
	expectCode(t, execCLI(t, "", "send", "--to", mobile, "--sandbox", "--sandbox-url", url), 2, "--sandbox with --sandbox-url")

	// Nothing listens: a network failure.
	dead := startDeadURL(t)
	r := execCLI(t, "", "services", "list", "--sandbox-url", dead)
	expectCode(t, r, 4, "services list on a closed port")
	if !strings.Contains(r.stderr, "hint: ") {
		t.Errorf("no hint: %q", r.stderr)
	}

	// The trail cannot be written: the send is reported as failed.
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o600)
	t.Setenv("TWILIO_VERIFY_STATE_DIR", filepath.Join(blocker, "state"))
	r = cli(t, url, 1, "send", "--to", mobile)
	if !strings.Contains(r.stderr, "audit trail could not be written") || !strings.Contains(r.stderr, "verification.start succeeded") {
		t.Fatalf("unwritable audit trail: %q", r.stderr)
	}
}

// TestCommandCredentials: no credentials is a usage error, not a silent
// sandbox; a profile holding Twilio credentials is never sent to a
// --sandbox-url; --sandbox runs in-process.
func TestCommandCredentials(t *testing.T) {
	credEnv(t)
	r := execCLI(t, "", "services", "list")
	expectCode(t, r, 2, "services list without credentials")
	if !strings.Contains(r.stderr, "no credentials") {
		t.Errorf("stderr %q", r.stderr)
	}
	r = execCLI(t, "", "services", "list", "--sandbox", "--quiet")
	expectCode(t, r, 0, "services list --sandbox")
	if !strings.HasPrefix(r.stdout, "VA") {
		t.Errorf("--sandbox list: %q", r.stdout)
	}
	expectCode(t, execCLI(t, "", "services", "list", "--profile", "missing"), 2, "unknown profile")
}

// startDeadURL is a loopback URL where nothing listens.
func startDeadURL(t *testing.T) string {
	t.Helper()
	_, srv := apitest.Serve(t, sandbox.Options{})
	url := srv.URL()
	srv.Close()
	return url
}
