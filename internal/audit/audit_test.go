package audit

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

var testActor = Actor{Operator: "alice", Profile: "prod"}

func testEvent(i int) twilioapi.AuditEvent {
	return twilioapi.AuditEvent{Action: twilioapi.ActionVerificationStart, AccountSID: "AC" + strings.Repeat("0", 32),
		ServiceSID: "VA" + strings.Repeat("1", 32), SID: fmt.Sprintf("VE%032d", i), Destination: "••••0100", Outcome: "pending"}
}

func TestAppendThenRead(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	l := Open(Options{Dir: dir, Now: func() time.Time { return at }})
	defer l.Close()
	audit := l.For(testActor)
	for i := range 3 {
		if err := audit.Audit(testEvent(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Event(Actor{Operator: "bob"}, ActionLogin, "AC"+strings.Repeat("2", 32), "ok", 0); err != nil {
		t.Fatal(err)
	}
	recs, skipped, err := Read(dir, Filter{})
	if err != nil || skipped != 0 || len(recs) != 4 {
		t.Fatalf("Read: %d records, %d skipped, %v", len(recs), skipped, err)
	}
	want := Record{Time: at, Operator: "alice", Profile: "prod", AccountSID: "AC" + strings.Repeat("0", 32),
		Action: "verification.start", ServiceSID: "VA" + strings.Repeat("1", 32), SID: fmt.Sprintf("VE%032d", 2),
		Destination: "••••0100", Outcome: "pending"}
	if recs[2] != want {
		t.Errorf("record 2 = %+v\nwant %+v", recs[2], want)
	}
	if recs[3].Action != "login" || recs[3].Operator != "bob" {
		t.Errorf("login record = %+v", recs[3])
	}
	if got, _, _ := Read(dir, Filter{Operator: "bob"}); len(got) != 1 {
		t.Errorf("operator filter kept %d records, want 1", len(got))
	}
	if got, _, _ := Read(dir, Filter{Since: at.Add(time.Second)}); len(got) != 0 {
		t.Errorf("since filter kept %d records, want 0", len(got))
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, l.Path(): 0o600} {
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", path, st.Mode().Perm(), err, want)
		}
	}
}

// A line left without its newline (a writer that died mid-write, a full
// disk) is skipped by readers, and the next writer starts a new line
// instead of gluing its record to the torn one.
func TestTornLastLine(t *testing.T) {
	dir := t.TempDir()
	l := Open(Options{Dir: dir})
	defer l.Close()
	if err := l.For(testActor).Audit(testEvent(1)); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(l.Path(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"time":"2030-01-02T03:04:05Z","operator":"al`)
	f.Close()
	recs, skipped, err := Read(dir, Filter{})
	if err != nil || len(recs) != 1 || skipped != 1 {
		t.Fatalf("after a torn line: %d records, %d skipped, %v; want 1, 1", len(recs), skipped, err)
	}
	if err := l.For(testActor).Audit(testEvent(2)); err != nil {
		t.Fatal(err)
	}
	recs, skipped, _ = Read(dir, Filter{})
	if len(recs) != 2 || skipped != 1 || recs[1].SID != fmt.Sprintf("VE%032d", 2) {
		t.Fatalf("after appending past a torn line: %d records, %d skipped", len(recs), skipped)
	}
	data, _ := os.ReadFile(l.Path())
	if !bytes.HasSuffix(data, []byte("}\n")) || bytes.Count(data, []byte("\n")) != 3 {
		t.Errorf("file:\n%s", data)
	}
}

// writerEnv makes the test binary a writer that appends forever (see
// TestMain): the subprocess TestKilledWriter kills.
const writerEnv = "AUDIT_TEST_WRITER_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(writerEnv); dir != "" {
		l := Open(Options{Dir: dir, MaxBytes: 1 << 30})
		audit := l.For(testActor)
		for i := 0; ; i++ {
			if err := audit.Audit(testEvent(i)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	}
	os.Exit(m.Run())
}

// A writer killed with SIGKILL while appending in a loop leaves a file
// every line of which reads (bar, at most, a torn last one), and the next
// writer appends after it.
func TestKilledWriter(t *testing.T) {
	dir := t.TempDir()
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), writerEnv+"="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, FileName)
		deadline := time.Now().Add(10 * time.Second)
		for {
			if st, err := os.Stat(path); err == nil && st.Size() > int64(4096*(round+1)) {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the writer wrote nothing: %s", stderr.String())
			}
			time.Sleep(2 * time.Millisecond)
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		recs, skipped, err := Read(dir, Filter{})
		if err != nil || len(recs) == 0 || skipped > round+1 {
			t.Fatalf("round %d: %d records, %d skipped, %v", round, len(recs), skipped, err)
		}
		l := Open(Options{Dir: dir})
		if err := l.For(testActor).Audit(testEvent(-1)); err != nil {
			t.Fatal(err)
		}
		l.Close()
		after, _, _ := Read(dir, Filter{})
		if len(after) != len(recs)+1 || after[len(after)-1].SID != fmt.Sprintf("VE%032d", -1) {
			t.Fatalf("round %d: an append after the kill gave %d records (was %d)", round, len(after), len(recs))
		}
	}
}

func TestRotation(t *testing.T) {
	dir := t.TempDir()
	const maxBytes = 2048
	l := Open(Options{Dir: dir, MaxBytes: maxBytes, Keep: 2})
	defer l.Close()
	audit := l.For(testActor)
	const n = 60
	for i := range n {
		if err := audit.Audit(testEvent(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{FileName, FileName + ".1", FileName + ".2"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.Size() > maxBytes || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %d bytes, mode %v", name, st.Size(), st.Mode().Perm())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, FileName+".3")); !os.IsNotExist(err) {
		t.Errorf("a third rotated file was kept (Keep is 2): %v", err)
	}
	recs, skipped, err := Read(dir, Filter{})
	if err != nil || skipped != 0 || len(recs) == 0 || len(recs) >= n {
		t.Fatalf("%d records, %d skipped, %v", len(recs), skipped, err)
	}
	// What is kept is the newest records, in order, with no gap.
	first := n - len(recs)
	for i, r := range recs {
		if r.SID != fmt.Sprintf("VE%032d", first+i) {
			t.Fatalf("record %d is %s, want VE…%d", i, r.SID, first+i)
		}
	}
}

// Two logs (as two processes would) appending at once, with rotation,
// lose and tear no line.
func TestConcurrentAppendsWithRotation(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	const per = 40
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := Open(Options{Dir: dir, MaxBytes: 8192, Keep: 50})
			defer l.Close()
			for i := range per {
				if err := l.For(testActor).Audit(testEvent(w*1000 + i)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	recs, skipped, err := Read(dir, Filter{})
	if err != nil || skipped != 0 || len(recs) != 4*per {
		t.Fatalf("%d records (want %d), %d skipped, %v", len(recs), 4*per, skipped, err)
	}
}

// A trail that cannot be written is an error of the append, not a silent
// loss.
func TestUnwritableTrail(t *testing.T) {
	base := t.TempDir()
	notDir := filepath.Join(base, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Open(Options{Dir: notDir}).For(testActor).Audit(testEvent(1)); err == nil {
		t.Error("appending under a regular file worked")
	}
	if os.Geteuid() == 0 {
		return // root ignores the mode bits below
	}
	ro := filepath.Join(base, "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	if err := Open(Options{Dir: ro}).For(testActor).Audit(testEvent(1)); !os.IsPermission(unwrapAll(err)) {
		t.Errorf("appending in a read-only directory: %v, want a permission error", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

func TestSyslogCopy(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "log.sock")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Skipf("no unix datagram sockets: %v", err)
	}
	defer conn.Close()
	l := Open(Options{Dir: t.TempDir(), Syslog: true, SyslogNetwork: "unixgram", SyslogAddr: sock})
	defer l.Close()
	if err := l.For(testActor).Audit(testEvent(7)); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 4096)
	n, err := conn.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	msg := string(buf[:n])
	if !strings.Contains(msg, "twilio-verify") || !strings.Contains(msg, `"action":"verification.start"`) {
		t.Errorf("syslog message: %q", msg)
	}
	// A syslog that went away fails the append.
	conn.Close()
	os.Remove(sock)
	l2 := Open(Options{Dir: t.TempDir(), Syslog: true, SyslogNetwork: "unixgram", SyslogAddr: sock})
	if err := l2.For(testActor).Audit(testEvent(8)); err == nil {
		t.Error("an unreachable syslog was not reported")
	}
}

func TestStateDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TWILIO_VERIFY_STATE_DIR": "/s", "XDG_STATE_HOME": "/x", "HOME": "/h"}, "/s"},
		{map[string]string{"XDG_STATE_HOME": "/x", "HOME": "/h"}, "/x/twilio-verify"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/h"}, "/h/.local/state/twilio-verify"},
		{map[string]string{"HOME": "/h"}, "/h/.local/state/twilio-verify"},
	}
	for _, c := range cases {
		if got, err := StateDir(env(c.env)); err != nil || got != c.want {
			t.Errorf("StateDir(%v) = %q, %v; want %q", c.env, got, err, c.want)
		}
	}
}
