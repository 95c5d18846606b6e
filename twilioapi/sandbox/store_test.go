package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
	bolt "go.etcd.io/bbolt"
)

// wantOnlyFiles fails unless dir holds exactly names: no temporary file,
// no leftover of an import.
func wantOnlyFiles(t testing.TB, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(got)
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Fatalf("%s holds %v, want %v", dir, got, names)
	}
}

// failWrites makes every later write of s's store fail with err (nil: stop
// failing), inside the transaction, as a full disk would.
func failWrites(s *Sandbox, err error) {
	s.store.cmu.Lock()
	defer s.store.cmu.Unlock()
	if err == nil {
		s.store.beforeCommit = nil
		return
	}
	s.store.beforeCommit = func(*bolt.Tx) error { return err }
}

// memory is the sandbox's whole in-memory state, encoded, with its live
// indexes: two equal memories are the same state. (The lists' first store
// keys are left out: an emptied list may start again from any key.)
func memory(t testing.TB, s *Sandbox) string {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := *s.st
	// An emptied list and a never filled one are the same state.
	if len(st.Closed) == 0 {
		st.Closed = nil
	}
	if len(st.Outbox) == 0 {
		st.Outbox = nil
	}
	b, err := json.Marshal(&st)
	if err != nil {
		t.Fatal(err)
	}
	var idx []string
	for k, v := range s.pending {
		idx = append(idx, k.service+"|"+k.to+"|"+v.SID)
	}
	for tok, v := range s.bySNA {
		idx = append(idx, tok+"|"+v.SID)
	}
	slices.Sort(idx)
	attempts, err := json.Marshal(s.attempts.live())
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s\nattempts %s\n%s", b, attempts, strings.Join(idx, "\n"))
}

// reopen closes e's sandbox and opens a new one on the same state file.
func reopen(t *testing.T, e *env, path string) *env {
	t.Helper()
	_ = e.srv.Close()
	if err := e.sb.Close(); err != nil {
		t.Fatal(err)
	}
	return newEnv(t, Options{StatePath: path, Clock: e.clock.Now})
}

// TestStoreSecondSandboxRefused: two sandboxes on one file would overwrite
// each other; the second is refused with a message that says why, and
// gets the file once the first has let go.
func TestStoreSecondSandboxRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	first, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{StatePath: path})
	if err == nil || !strings.Contains(err.Error(), "state file "+path+" is in use by another sandbox") {
		t.Fatalf("second sandbox: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	if second.AccountSID() != first.AccountSID() {
		t.Fatal("not the same state")
	}
	_ = second.Close()
}

// TestStoreFileIsPrivate: the store is created 0600, and a file left wider
// by hand is narrowed when opened (pending codes are in it).
func TestStoreFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
}

// TestStoreEmptyFileStartsFresh: an empty file is all a crash while
// creating the store can leave; it must not block the next start.
func TestStoreEmptyFileStartsFresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, Options{StatePath: path})
	e2 := reopen(t, e, path)
	if e2.demo != e.demo {
		t.Fatal("the fresh state was not kept")
	}
}

// TestStoreFailedWriteRollsBack: a change whose write fails is answered
// 500 and leaves the sandbox exactly as it was before (records, lists,
// indexes), tells no subscriber, and the sandbox carries on once writes
// succeed again, with the file agreeing with memory.
func TestStoreFailedWriteRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	e := newEnv(t, Options{StatePath: path})
	e.start(e.demo, NumberMobile, "sms")
	code := e.lastCode(NumberMobile)
	e.rawJSON("POST", "/v2/SafeList/Numbers", "PhoneNumber=%2B14155550109", 201)
	msgs, cancel := e.sb.Subscribe()
	defer cancel()

	before := memory(t, e.sb)
	failWrites(e.sb, errors.New("injected write failure"))
	for _, req := range []struct{ method, path, body string }{
		{"POST", "/v2/Services/" + e.demo + "/Verifications", "To=%2B15005550100&Channel=sms"}, // new verification
		{"POST", "/v2/Services/" + e.demo + "/Verifications", "To=%2B14155550100&Channel=sms"}, // resend
		{"POST", "/v2/Services/" + e.demo + "/VerificationCheck", "To=%2B14155550100&Code=" + code},
		{"POST", "/v2/Services/" + e.demo + "/VerificationCheck", "To=%2B14155550100&Code=000000"},
		{"POST", "/v2/Services/" + e.demo + "/Verifications/" + "%2B14155550100", "Status=canceled"},
		{"POST", "/v2/Services", "FriendlyName=Lost"},
		{"POST", "/v2/Services/" + e.demo, "FriendlyName=Renamed"},
		{"DELETE", "/v2/Services/" + e.demo, ""},
		{"POST", "/v2/SafeList/Numbers", "PhoneNumber=%2B14155550108"},
		{"DELETE", "/v2/SafeList/Numbers/%2B14155550109", ""},
	} {
		m := e.rawJSON(req.method, req.path, req.body, 500)
		if m["code"] != float64(20500) || !strings.Contains(m["message"].(string), "injected write failure") {
			t.Fatalf("%s %s: %v", req.method, req.path, m)
		}
		if after := memory(t, e.sb); after != before {
			t.Fatalf("%s %s %s changed memory:\nbefore %s\nafter  %s", req.method, req.path, req.body, before, after)
		}
	}
	select {
	case m := <-msgs:
		t.Fatalf("a subscriber heard of a message that was never stored: %+v", m)
	default:
	}

	failWrites(e.sb, nil)
	c, err := e.check(e.demo, NumberMobile, code)
	if err != nil || *c.Status != "approved" {
		t.Fatalf("after the failure: %v %+v", err, c)
	}
	e.start(e.demo, "+15005550100", "sms")
	if m := <-msgs; m.To != "+15005550100" {
		t.Fatalf("subscriber got %+v", m)
	}
	want := memory(t, e.sb)
	e2 := reopen(t, e, path)
	if got := memory(t, e2.sb); got != want {
		t.Fatalf("file and memory disagree:\nmemory %s\nfile   %s", want, got)
	}
}

// TestStoreListsKeepTheirKeys: the outbox, attempts and closed lists are
// appended, changed in place and trimmed record by record; after many
// changes the file holds exactly what memory holds.
func TestStoreListsKeepTheirKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	e := newEnv(t, Options{StatePath: path})
	// Past the outbox's trim point (1250) with a mix of approved (changes
	// attempts in place, appends to closed) and pending verifications.
	for i := range 1300 {
		to := fmt.Sprintf("+1500%03d%04d", 200+i/1000, i%1000)
		e.rawJSON("POST", "/v2/Services/"+e.demo+"/Verifications", "Channel=sms&To="+url.QueryEscape(to), 201)
		if i%2 == 0 {
			e.rawJSON("POST", "/v2/Services/"+e.demo+"/VerificationCheck", "To="+url.QueryEscape(to)+"&Code="+e.sb.pendingCode(e.demo, to), 200)
		}
	}
	e.sb.mu.Lock()
	outboxFirst, outboxLen := e.sb.st.outboxFirst, len(e.sb.st.Outbox)
	e.sb.mu.Unlock()
	if outboxFirst == 0 || outboxLen > maxOutbox+maxOutbox/4 {
		t.Fatalf("outbox not trimmed: first %d, %d kept", outboxFirst, outboxLen)
	}
	want := memory(t, e.sb)
	e2 := reopen(t, e, path)
	if got := memory(t, e2.sb); got != want {
		t.Fatal("file and memory disagree after trims")
	}
	// The file does not grow with every change: trimmed records are gone.
	var n int
	_ = e2.sb.store.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket([]byte(bucketOutbox)).Stats().KeyN
		return nil
	})
	if n != outboxLen {
		t.Fatalf("outbox bucket holds %d records, memory %d", n, outboxLen)
	}
}

// TestStoreImportsJSON: a JSON state file of an earlier sandbox is
// imported once, keeping a private backup; the state carries on from it.
func TestStoreImportsJSON(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sandbox.json")
	clock := NewManualClock(t0)
	// What an earlier sandbox wrote: its state, encoded whole.
	legacy, err := New(Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Listen(legacy, "")
	if err != nil {
		t.Fatal(err)
	}
	le := &env{t: t, sb: legacy, srv: srv, clock: clock}
	le.v, le.l = le.clients(legacy.AccountSID(), legacy.AuthToken())
	list, _ := le.v.ListService(&verify.ListServiceParams{})
	demo := *list[0].Sid
	le.start(demo, NumberMobile, "sms")
	code := le.lastCode(NumberMobile)
	le.rawJSON("POST", "/v2/SafeList/Numbers", "PhoneNumber=%2B14155550109", 201)
	_ = srv.Close()
	b, err := json.Marshal(legacy.st)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}

	e := newEnv(t, Options{StatePath: path, Clock: clock.Now})
	if e.sb.AccountSID() != legacy.AccountSID() || e.demo != demo {
		t.Fatal("imported a different state")
	}
	wantOnlyFiles(t, dir, "sandbox.json", "sandbox.json"+importedSuffix)
	backup, err := os.ReadFile(path + importedSuffix)
	if err != nil || string(backup) != string(b) {
		t.Fatalf("backup: %v", err)
	}
	for _, p := range []string{path, path + importedSuffix} {
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s mode %v", p, fi.Mode().Perm())
		}
	}
	if head, _ := readHead(path); isJSON(head) {
		t.Fatal("the state file is still JSON")
	}
	e.rawJSON("GET", "/v2/SafeList/Numbers/%2B14155550109", "", 200)
	c, err := e.check(demo, NumberMobile, code)
	if err != nil || *c.Status != "approved" {
		t.Fatalf("pending code after the import: %v %+v", err, c)
	}
	// Imported once: the next start opens the store.
	want := memory(t, e.sb)
	e2 := reopen(t, e, path)
	if memory(t, e2.sb) != want {
		t.Fatal("state lost after the import")
	}
}

// TestStoreImportRedoneAfterCrash: a crash in the middle of an import
// leaves the JSON file (and perhaps the half-built store and the backup);
// the next start imports again and leaves nothing behind.
func TestStoreImportRedoneAfterCrash(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sandbox.json")
	legacy := newState("AC" + strings.Repeat("a", 32))
	legacy.addService(demoService(t0))
	b, _ := json.Marshal(legacy)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	// What a crash after steps 2 and 3 leaves: a store being built, with
	// something else in it, and the backup.
	db, err := bolt.Open(importingPath(path), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("half")); return err })
	_ = db.Close()
	if err := os.Link(path, path+importedSuffix); err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.AccountSID() != legacy.AccountSID || len(s.st.Services) != 1 {
		t.Fatalf("imported %s with %d services", s.AccountSID(), len(s.st.Services))
	}
	wantOnlyFiles(t, dir, "sandbox.json", "sandbox.json"+importedSuffix)
}

// TestStoreImportKeepsOtherBackup: a backup name already taken by other
// content is never overwritten; the import is refused and says why.
func TestStoreImportKeepsOtherBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.json")
	b, _ := json.Marshal(newState("AC" + strings.Repeat("b", 32)))
	_ = os.WriteFile(path, b, 0o600)
	_ = os.WriteFile(path+importedSuffix, []byte("{}"), 0o600)
	_, err := New(Options{StatePath: path})
	if err == nil || !strings.Contains(err.Error(), "exists with other content") {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(b) {
		t.Fatal("the JSON file was changed")
	}
	wantOnlyFiles(t, filepath.Dir(path), "sandbox.json", "sandbox.json"+importedSuffix)
}

// TestStoreRefusesBrokenRecords: a store whose records break the rules is
// refused at start and left untouched.
func TestStoreRefusesBrokenRecords(t *testing.T) {
	for name, breakIt := range map[string]func(tx *bolt.Tx) error{
		"unknown field": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketServices)).Put([]byte("VA"+strings.Repeat("0", 32)), []byte(`{"sid":"VA`+strings.Repeat("0", 32)+`","extra":1}`))
		},
		"sid mismatch": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketVerifications)).Put([]byte("VE1"), []byte(`{"sid":"VE2"}`))
		},
		"list gap": func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte(bucketClosed))
			_ = b.Put(listKey(1), []byte(`"VE1"`))
			return b.Put(listKey(3), []byte(`"VE3"`))
		},
		"account": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketMeta)).Put(metaAccount, []byte("nope"))
		},
		"rule broken": func(tx *bolt.Tx) error { // valid JSON, a code no start makes
			b := tx.Bucket([]byte(bucketVerifications))
			k, v := b.Cursor().First()
			var ver map[string]any
			if err := json.Unmarshal(v, &ver); err != nil {
				return err
			}
			ver["code"] = "12"
			raw, _ := json.Marshal(ver)
			return b.Put(k, raw)
		},
		"format": func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketMeta)).Put(metaFormat, []byte("99"))
		},
		"foreign bucket": func(tx *bolt.Tx) error {
			if err := tx.DeleteBucket([]byte(bucketMeta)); err != nil {
				return err
			}
			_, err := tx.CreateBucket([]byte("something else"))
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			e := newEnv(t, Options{StatePath: path})
			e.start(e.demo, NumberMobile, "sms")
			s := e.sb
			if err := s.store.db.Update(breakIt); err != nil {
				t.Fatal(err)
			}
			_ = s.Close()
			before, _ := os.ReadFile(path)
			_, err := New(Options{StatePath: path})
			if err == nil || !strings.Contains(err.Error(), "corrupt") || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %v", err)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Fatal("the refused file was changed")
			}
		})
	}
}

// TestStoreClosedAnswers500: a change after Close is refused, not lost
// silently.
func TestStoreClosedAnswers500(t *testing.T) {
	e := newEnv(t, Options{StatePath: filepath.Join(t.TempDir(), "state.db"), Clock: time.Now})
	_ = e.sb.Close()
	e.rawJSON("POST", "/v2/Services", "FriendlyName=After", 500)
}

// TestStoreFailedBatchFailsEveryQueuedChange: with concurrent clients,
// changes share batches; when writes fail, every change not written is
// answered 500 (none is acknowledged), memory is what the file holds, and
// once writes succeed again concurrent changes are all kept.
func TestStoreFailedBatchFailsEveryQueuedChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	e := newEnv(t, Options{StatePath: path})
	before := memory(t, e.sb)
	starts := func(from int, want int) {
		t.Helper()
		errs := make(chan error, 64)
		for g := range 8 {
			go func() {
				for i := range 8 {
					to := url.QueryEscape(fmt.Sprintf("+1500%03d%04d", 200+g, from+i))
					resp, body := e.raw("POST", "/v2/Services/"+e.demo+"/Verifications", "Channel=sms&To="+to)
					if resp.StatusCode != want {
						errs <- fmt.Errorf("start %s: %d %s", to, resp.StatusCode, body)
						continue
					}
					errs <- nil
				}
			}()
		}
		for range 64 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
	}
	failWrites(e.sb, errors.New("injected write failure"))
	starts(0, 500)
	if after := memory(t, e.sb); after != before {
		t.Fatal("failed concurrent changes left memory changed")
	}
	failWrites(e.sb, nil)
	starts(100, 201)
	want := memory(t, e.sb)
	e2 := reopen(t, e, path)
	if got := memory(t, e2.sb); got != want {
		t.Fatal("file and memory disagree after concurrent changes")
	}
	if n := len(e2.sb.Outbox("")); n != 64 {
		t.Fatalf("%d messages kept, want 64", n)
	}
}

// TestReplaceWithCopiesEveryField: a field added to state must be copied
// by replaceWith, or a failed write would leave it changed.
func TestReplaceWithCopiesEveryField(t *testing.T) {
	if n := reflect.TypeFor[state]().NumField(); n != 16 {
		t.Fatalf("state has %d fields: copy the new ones in replaceWith, then update this count", n)
	}
}

// TestStoreAttemptsRecordByRecord: attempts are stored one per record:
// added, converted and trimmed with the log, and reloaded in order; seeded
// ones are never stored and survive a failed write.
func TestStoreAttemptsRecordByRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	e := newEnv(t, Options{StatePath: path, MaxAttempts: 100})
	for i := range 130 { // past the trim point of a cap of 100 (125)
		to := fmt.Sprintf("+1500%03d%04d", 200, i)
		e.rawJSON("POST", "/v2/Services/"+e.demo+"/Verifications", "Channel=sms&To="+url.QueryEscape(to), 201)
		if i%3 == 0 {
			e.rawJSON("POST", "/v2/Services/"+e.demo+"/VerificationCheck", "To="+url.QueryEscape(to)+"&Code="+e.sb.pendingCode(e.demo, to), 200)
		}
	}
	want := e.sb.Attempts()
	if len(want) >= 130 {
		t.Fatalf("%d attempts: the log was not trimmed", len(want))
	}
	e2 := reopen(t, e, path)
	if got := e2.sb.Attempts(); !slices.Equal(got, want) {
		t.Fatalf("reloaded %d attempts, want %d (same order, same conversions)", len(got), len(want))
	}
	stored := func() (n int) {
		_ = e2.sb.store.db.View(func(tx *bolt.Tx) error {
			n = tx.Bucket([]byte(bucketAttempts)).Stats().KeyN
			return nil
		})
		return n
	}
	if n := stored(); n != len(want) {
		t.Fatalf("%d attempts stored, %d live", n, len(want))
	}
	// Seeding under the same cap drops live attempts: from the file too,
	// with the next write.
	e2.sb.SeedAttempts(500, 1)
	e2.start(e2.demo, NumberMobile, "sms")
	if n := stored(); n != len(e2.sb.attempts.live()) {
		t.Fatalf("%d attempts stored, %d live after seeding", n, len(e2.sb.attempts.live()))
	}
	withSeeded := len(e2.sb.Attempts())
	failWrites(e2.sb, errors.New("injected write failure"))
	e2.rawJSON("POST", "/v2/Services/"+e2.demo+"/Verifications", "Channel=sms&To=%2B14155550109", 500)
	if n := len(e2.sb.Attempts()); n != withSeeded {
		t.Fatalf("%d attempts after a failed write, want %d (seeded ones kept)", n, withSeeded)
	}
}

// TestStoreRetentionSweepIsWritten: what the sweep drops past Retention
// (closed verifications, live attempts, outbox messages) goes from the
// file too, so a restart does not bring it back.
func TestStoreRetentionSweepIsWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	e := newEnv(t, Options{StatePath: path})
	for i := range 20 {
		to := fmt.Sprintf("+1500%03d%04d", 201, i)
		e.rawJSON("POST", "/v2/Services/"+e.demo+"/Verifications", "Channel=sms&To="+url.QueryEscape(to), 201)
		e.rawJSON("POST", "/v2/Services/"+e.demo+"/VerificationCheck", "To="+url.QueryEscape(to)+"&Code="+e.sb.pendingCode(e.demo, to), 200)
	}
	if _, err := e.sb.AdvanceClock(Retention + time.Hour); err != nil {
		t.Fatal(err)
	}
	e.sb.sweep()
	if n := len(e.sb.Outbox("")); n != 0 {
		t.Fatalf("%d messages kept past Retention", n)
	}
	want := memory(t, e.sb)
	e2 := reopen(t, e, path)
	if got := memory(t, e2.sb); got != want {
		t.Fatalf("the file brought back what the sweep dropped:\nmemory %s\nfile   %s", want, got)
	}
}
