package cli

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestSandboxCmdEventsURL: --events-url makes the served sandbox POST a
// subscribed service's verification events there, and says so.
func TestSandboxCmdEventsURL(t *testing.T) {
	got := make(chan []byte, 8)
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- b
	}))
	t.Cleanup(rc.Close) // after the sandbox stops: its Cleanup runs first
	sid, token := "AC"+strings.Repeat("3", 32), "eventstoken9"
	base, out := startSandboxCmd(t, "--account-sid", sid, "--auth-token", token, "--empty", "--events-url", rc.URL+"/events")
	if !strings.Contains(out.String(), rc.URL+"/events") {
		t.Errorf("output does not name the events URL:\n%s", out.String())
	}
	code, body := sandboxCall(t, "POST", base+"/v2/Services", sid, token, "FriendlyName=Events&VerifyEventSubscriptionEnabled=true")
	if code != 201 {
		t.Fatalf("create service: %d %s", code, body)
	}
	var sv struct{ Sid string }
	_ = json.Unmarshal(body, &sv)
	if code, body := sandboxCall(t, "POST", base+"/v2/Services/"+sv.Sid+"/Verifications", sid, token, "To=%2B14155550100&Channel=sms"); code != 201 {
		t.Fatalf("start: %d %s", code, body)
	}
	select {
	case b := <-got:
		if !strings.Contains(string(b), `"type":"com.twilio.accountsecurity.verify.verification.pending"`) {
			t.Fatalf("event %s", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no event reached --events-url")
	}
}
