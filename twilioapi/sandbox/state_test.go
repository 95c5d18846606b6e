package sandbox

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStatePersistsAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	clock := NewManualClock(t0)
	e := newEnv(t, Options{StatePath: path, Clock: clock.Now})
	svc := e.newService("Persisted", nil)
	v := e.start(e.demo, NumberMobile, "sms")
	code := e.lastCode(NumberMobile)
	if _, err := e.check(e.demo, NumberMobile, "000000"); err != nil && code != "000000" {
		t.Fatal(err)
	}
	sid := e.sb.AccountSID()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), e.sb.AuthToken()) {
		t.Fatal("the auth token was written to the state file")
	}
	wantOnlyFiles(t, filepath.Dir(path), "sandbox.json")
	_ = e.srv.Close()
	_ = e.sb.Close()

	// Restart on the same file: same account, services, pending verification
	// (with its check count), outbox and attempts.
	e2 := newEnv(t, Options{StatePath: path, Clock: clock.Now, AuthToken: "newtoken1"})
	if e2.sb.AccountSID() != sid || e2.demo != e.demo {
		t.Fatalf("account %s demo %s", e2.sb.AccountSID(), e2.demo)
	}
	if _, err := e2.v.FetchService(svc); err != nil {
		t.Fatal(err)
	}
	if got := e2.lastCode(NumberMobile); got != code {
		t.Fatalf("outbox code %s, want %s", got, code)
	}
	if len(e2.sb.Attempts()) != 1 {
		t.Fatal("attempts lost")
	}
	c, err := e2.check(e.demo, NumberMobile, code)
	if err != nil || *c.Status != "approved" || *c.Sid != *v.Sid {
		t.Fatalf("%v %+v", err, c)
	}
	// Expiry still runs from the original start after a restart.
	e2.start(e.demo, "+15005550100", "sms")
	_ = e2.srv.Close()
	_ = e2.sb.Close()
	clock.Advance(CodeLifetime)
	e3 := newEnv(t, Options{StatePath: path, Clock: clock.Now})
	_, err = e3.v.FetchVerification(e.demo, "+15005550100")
	wantErr(t, err, 404, 20404)
	_ = e3.srv.Close()
	_ = e3.sb.Close()

	// A different account on the same file is refused.
	if _, err := New(Options{StatePath: path, AccountSID: "AC" + strings.Repeat("f", 32)}); err == nil {
		t.Fatal("account mismatch accepted")
	}
}

func TestCorruptStateFile(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"garbage":   "{not json",
		"blank":     " \n",
		"not bolt":  "\x00\x01 this is not a database, it only starts like one" + strings.Repeat(".", 5000),
		"version":   `{"version":99,"account_sid":"AC00000000000000000000000000000000"}`,
		"account":   `{"version":1,"account_sid":"nope"}`,
		"unknown":   `{"version":1,"account_sid":"AC00000000000000000000000000000000","extra":1}`,
		"mismatch":  `{"version":1,"account_sid":"AC00000000000000000000000000000000","services":{"VA1":{"sid":"VA2"}}}`,
		"truncated": `{"version":1,"account_sid":"AC00000000000000000000000000000000","services":{`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := New(Options{StatePath: path})
			if err == nil || !strings.Contains(err.Error(), "corrupt") || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %v", err)
			}
			// The file is left as it was: no silent reset.
			if b, _ := os.ReadFile(path); string(b) != content {
				t.Fatal("corrupt file was overwritten")
			}
		})
	}
}

func TestStateSaveFailureIsAnError(t *testing.T) {
	_, err := New(Options{StatePath: filepath.Join(t.TempDir(), "missing-dir", "state.json")})
	if err == nil {
		t.Fatal("unwritable state path accepted")
	}
}

// TestStateWriteFailureAnswers500: when the state file can no longer be
// written, the change is answered with Twilio's JSON 500 (never a silent
// success), and the message names no secret.
func TestStateWriteFailureAnswers500(t *testing.T) {
	e := newEnv(t, Options{StatePath: filepath.Join(t.TempDir(), "sandbox.json")})
	failWrites(e.sb, errors.New("no space left on device"))
	m := e.rawJSON("POST", "/v2/Services", "FriendlyName=Lost", 500)
	msg, _ := m["message"].(string)
	if m["code"] != float64(20500) || !strings.Contains(msg, "could not save its state") || strings.Contains(msg, e.sb.AuthToken()) {
		t.Fatalf("%v", m)
	}
}
