package sandbox

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// outFile is a file for Serve to print to while the test reads it back.
type outFile struct{ *os.File }

func newOutFile(t *testing.T) outFile {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return outFile{f}
}

// await waits (10 s at most) until re matches what was printed, and
// returns its first group.
func (o outFile) await(t *testing.T, re *regexp.Regexp) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(o.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("nothing printed matches %s:\n%s", re, o.String())
	return ""
}

// String is everything printed so far.
func (o outFile) String() string {
	b, _ := os.ReadFile(o.Name())
	return string(b)
}

// TestServePrintsBannerAndStopsWithContext: Serve prints where it listens
// and the credentials to use, answers there with them, and when ctx ends
// says so, stops, and returns nil.
func TestServePrintsBannerAndStopsWithContext(t *testing.T) {
	sid, token := "AC"+strings.Repeat("2", 32), "serveToken7"
	state := filepath.Join(t.TempDir(), "state.json")
	out := newOutFile(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ServeOptions{Options: Options{AccountSID: sid, AuthToken: token, StatePath: state}, Addr: "127.0.0.1:0"}, out)
	}()

	base := out.await(t, regexp.MustCompile(`Base URL\s+(http://127\.0\.0\.1:\d+)`))
	for _, want := range []string{"Account SID  " + sid, "Auth token   " + token, "State        " + state, "curl -u " + sid + ":" + token} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
	req, _ := http.NewRequest("GET", base+"/v2/Services", nil)
	req.SetBasicAuth(sid, token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /v2/Services: %v %v", resp, err)
	}
	resp.Body.Close()

	cancel()
	var serveErr error
	select {
	case serveErr = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after ctx ended")
	}
	if serveErr != nil {
		t.Fatalf("Serve after ctx ended: %v", serveErr)
	}
	if !strings.HasSuffix(out.String(), "Shutting down…\n") {
		t.Errorf("no shutdown line:\n%s", out.String())
	}
	if _, err := http.Get(base + "/v2/Services"); err == nil {
		t.Fatal("still serving after Serve returned")
	}
}

// TestServeFailsBeforeServing: a corrupt state file or a taken address is
// an error at once, with nothing printed.
func TestServeFailsBeforeServing(t *testing.T) {
	corrupt := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(corrupt, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for name, o := range map[string]ServeOptions{
		"corrupt state": {Options: Options{StatePath: corrupt}, Addr: "127.0.0.1:0"},
		"address taken": {Addr: ln.Addr().String()},
	} {
		out := newOutFile(t)
		// A live context: only a failure can make Serve return.
		err := Serve(context.Background(), o, out)
		if err == nil || out.String() != "" {
			t.Errorf("%s: err %v, printed %q", name, err, out.String())
		}
	}
}
