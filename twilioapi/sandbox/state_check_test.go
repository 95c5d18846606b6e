package sandbox

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A state file that is valid JSON but breaks the sandbox's rules is
// refused at load (the JSON files an import reads; the store applies the
// same rules, TestStoreRefusesBrokenRecords), naming what is wrong.
func TestStateFileBreakingRulesIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	e := newEnv(t, Options{StatePath: path})
	v := e.start(e.demo, NumberMobile, "sms")
	_ = e.srv.Close()
	e.sb.mu.Lock()
	good, err := json.Marshal(e.sb.st) // the JSON state file of this state
	e.sb.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	_ = e.sb.Close()
	// Each edit works on a fresh decode of the good file.
	for _, tt := range []struct {
		name, want string
		edit       func(st map[string]any)
	}{
		{"negative code length", "code_length -1", func(st map[string]any) { svc(st, e.demo)["code_length"] = -1 }},
		{"long friendly name", "friendly_name", func(st map[string]any) { svc(st, e.demo)["friendly_name"] = strings.Repeat("x", 31) }},
		{"checks over the limit", "99 checks", func(st map[string]any) { ver(st, *v.Sid)["checks"] = 99 }},
		{"unknown status", `unknown status "done"`, func(st map[string]any) { ver(st, *v.Sid)["status"] = "done" }},
		{"short code", "code length 2", func(st map[string]any) { ver(st, *v.Sid)["code"] = "12" }},
		{"orphan", "no service", func(st map[string]any) { ver(st, *v.Sid)["service_sid"] = "VA" + strings.Repeat("0", 32) }},
		{"negative seq", "seq -4", func(st map[string]any) { st["seq"] = -4 }},
		{"expiry before creation", "dates are out of order", func(st map[string]any) { ver(st, *v.Sid)["expires_at"] = "2000-01-01T00:00:00Z" }},
		{"bad safe list", "safe list entry", func(st map[string]any) { st["safe_list"] = map[string]any{"12": "GN1"} }},
		{"two pending for one number", "both pending", func(st map[string]any) {
			dup := map[string]any{}
			for k, val := range ver(st, *v.Sid) {
				dup[k] = val
			}
			sid := "VE" + strings.Repeat("1", 32)
			dup["sid"] = sid
			st["verifications"].(map[string]any)[sid] = dup
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var st map[string]any
			if err := json.Unmarshal(good, &st); err != nil {
				t.Fatal(err)
			}
			tt.edit(st)
			b, _ := json.Marshal(st)
			bad := filepath.Join(t.TempDir(), "bad.json")
			if err := os.WriteFile(bad, b, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := New(Options{StatePath: bad})
			if err == nil || !strings.Contains(err.Error(), "corrupt") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want a corrupt-file error naming %q", err, tt.want)
			}
		})
	}
	// The untouched file still loads.
	s, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
}

func svc(st map[string]any, sid string) map[string]any {
	return st["services"].(map[string]any)[sid].(map[string]any)
}

func ver(st map[string]any, sid string) map[string]any {
	return st["verifications"].(map[string]any)[sid].(map[string]any)
}
