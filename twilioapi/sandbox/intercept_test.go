package sandbox

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
	lookups "github.com/twilio/twilio-go/rest/lookups/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// interceptEnv is a sandbox in intercept mode on loopback, with its CA.
type interceptEnv struct {
	*env
	ca *CA
}

func newInterceptEnv(t *testing.T) *interceptEnv {
	t.Helper()
	e := newEnv(t, Options{})
	ca, err := LoadOrCreateCA(filepath.Join(t.TempDir(), "ca.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sb.Intercept(ca); err != nil {
		t.Fatal(err)
	}
	return &interceptEnv{env: e, ca: ca}
}

// startAndCheck runs a verification start and its correct check through
// v, reading the code from the sandbox's outbox.
func startAndCheck(t *testing.T, sb *Sandbox, v *verify.ApiService, demo, to string) {
	t.Helper()
	ver, err := v.CreateVerification(demo, (&verify.CreateVerificationParams{}).SetTo(to).SetChannel("sms"))
	if err != nil {
		t.Fatal(err)
	}
	if *ver.Status != "pending" {
		t.Fatalf("start: %s", *ver.Status)
	}
	code := sb.Outbox(to)[0].Code
	chk, err := v.CreateVerificationCheck(demo, (&verify.CreateVerificationCheckParams{}).SetTo(to).SetCode(code))
	if err != nil || *chk.Status != "approved" {
		t.Fatalf("check: %v %+v", err, chk)
	}
}

// TestInterceptTwilioGo: twilio-go, with nothing changed but a transport
// whose proxy is the sandbox and whose roots are the sandbox's CA, talks to
// https://verify.twilio.com and https://lookups.twilio.com and reaches the
// sandbox.
func TestInterceptTwilioGo(t *testing.T) {
	e := newInterceptEnv(t)
	proxy, _ := url.Parse(e.srv.URL())
	tr := &http.Transport{Proxy: http.ProxyURL(proxy), TLSClientConfig: &tls.Config{RootCAs: e.ca.Pool()}}
	t.Cleanup(tr.CloseIdleConnections)
	c := &client.Client{
		Credentials: client.NewCredentials(e.sb.AccountSID(), e.sb.AuthToken()),
		HTTPClient:  &http.Client{Transport: tr, Timeout: 10 * time.Second},
	}
	startAndCheck(t, e.sb, verify.NewApiServiceWithClient(c), e.demo, NumberMobile)
	pn, err := lookups.NewApiServiceWithClient(c).FetchPhoneNumber(NumberLandline, &lookups.FetchPhoneNumberParams{})
	if err != nil || pn.PhoneNumber == nil || *pn.PhoneNumber != NumberLandline {
		t.Fatalf("lookup: %v %+v", err, pn)
	}
}

// interceptChildEnv marks the child process of
// TestInterceptUnmodifiedFromEnvironment.
const interceptChildEnv = "SANDBOX_TEST_INTERCEPT_CHILD"

// TestInterceptUnmodifiedFromEnvironment: a program using twilio-go's
// default client (no HTTP client of its own at all) reaches the sandbox
// from nothing but the environment InterceptEnv prints.
func TestInterceptUnmodifiedFromEnvironment(t *testing.T) {
	if os.Getenv(interceptChildEnv) != "" {
		interceptChild()
		return
	}
	e := newInterceptEnv(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterceptUnmodifiedFromEnvironment$")
	cmd.Env = cleanEnv(os.Environ())
	cmd.Env = append(cmd.Env, InterceptEnv(e.srv.URL(), e.ca.CertPath)...)
	cmd.Env = append(cmd.Env, interceptChildEnv+"=1",
		"CHILD_SID="+e.sb.AccountSID(), "CHILD_TOKEN="+e.sb.AuthToken(), "CHILD_SERVICE="+e.demo)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "child: approved") {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if msgs := e.sb.Outbox(NumberMobile); len(msgs) != 1 {
		t.Fatalf("the child's start did not reach this sandbox: %d messages", len(msgs))
	}
}

// cleanEnv drops the variables that would send the child elsewhere.
func cleanEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "ALL_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", "TWILIO_EDGE", "TWILIO_REGION":
			continue
		}
		out = append(out, kv)
	}
	return out
}

// interceptChild is the child: twilio-go as an app would use it, the code
// read the way a test would, over HTTPS through the same environment.
func interceptChild() {
	fail := func(err error) {
		fmt.Println("child:", err)
		os.Exit(1)
	}
	sid, token, svc := os.Getenv("CHILD_SID"), os.Getenv("CHILD_TOKEN"), os.Getenv("CHILD_SERVICE")
	v := verify.NewApiServiceWithClient(&client.Client{Credentials: client.NewCredentials(sid, token)})
	if _, err := v.CreateVerification(svc, (&verify.CreateVerificationParams{}).SetTo(NumberMobile).SetChannel("sms")); err != nil {
		fail(err)
	}
	req, _ := http.NewRequest("GET", "https://verify.twilio.com/sandbox/v1/Messages?To="+url.QueryEscape(NumberMobile), nil)
	req.SetBasicAuth(sid, token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fail(err)
	}
	var m struct{ Messages []struct{ Code string } }
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || len(m.Messages) == 0 {
		fail(fmt.Errorf("outbox: %v", err))
	}
	chk, err := v.CreateVerificationCheck(svc, (&verify.CreateVerificationCheckParams{}).SetTo(NumberMobile).SetCode(m.Messages[0].Code))
	if err != nil {
		fail(err)
	}
	fmt.Println("child:", *chk.Status)
	os.Exit(0)
}

// TestInterceptCurl: the README's curl lines work against the sandbox.
func TestInterceptCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		if os.Getenv("TWILIO_VERIFY_REQUIRE_INTEGRATION") == "1" {
			t.Fatal("curl is not installed")
		}
		t.Skip("curl is not installed")
	}
	e := newInterceptEnv(t)
	run := func(args ...string) map[string]any {
		t.Helper()
		args = append([]string{"-sS", "--proxy", e.srv.URL(), "--cacert", e.ca.CertPath,
			"-u", e.sb.AccountSID() + ":" + e.sb.AuthToken()}, args...)
		cmd := exec.Command(curl, args...)
		cmd.Env = cleanEnv(os.Environ())
		out, err := cmd.CombinedOutput()
		var m map[string]any
		if err != nil || json.Unmarshal(out, &m) != nil {
			t.Fatalf("curl %v: %v\n%s", args, err, out)
		}
		return m
	}
	base := "https://verify.twilio.com/v2/Services/" + e.demo
	if m := run(base+"/Verifications", "--data-urlencode", "To="+NumberMobile, "-d", "Channel=sms"); m["status"] != "pending" {
		t.Fatalf("start: %v", m)
	}
	code := e.sb.Outbox(NumberMobile)[0].Code
	if m := run(base+"/VerificationCheck", "--data-urlencode", "To="+NumberMobile, "-d", "Code="+code); m["status"] != "approved" {
		t.Fatalf("check: %v", m)
	}
	if m := run("https://lookups.twilio.com/v2/PhoneNumbers/" + url.PathEscape(NumberMobile)); m["phone_number"] != NumberMobile {
		t.Fatalf("lookup: %v", m)
	}
}

// TestInterceptRefusesOtherHosts: the sandbox is not an open proxy. A
// CONNECT to any other host or port, and a plain proxied request to one,
// is refused with 403, and nothing is dialled: a listener standing in for
// the other host never sees a connection.
func TestInterceptRefusesOtherHosts(t *testing.T) {
	e := newInterceptEnv(t)
	victim, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer victim.Close()
	dialled := make(chan net.Conn, 1)
	go func() {
		if c, err := victim.Accept(); err == nil {
			dialled <- c
		}
	}()
	for _, req := range []string{
		"CONNECT " + victim.Addr().String() + " HTTP/1.1\r\nHost: " + victim.Addr().String() + "\r\n\r\n",
		"CONNECT api.twilio.com:443 HTTP/1.1\r\nHost: api.twilio.com:443\r\n\r\n",
		"CONNECT verify.twilio.com:8443 HTTP/1.1\r\nHost: verify.twilio.com:8443\r\n\r\n",
		"CONNECT verify.twilio.com.evil.example:443 HTTP/1.1\r\nHost: verify.twilio.com.evil.example:443\r\n\r\n",
		"GET http://" + victim.Addr().String() + "/ HTTP/1.1\r\nHost: " + victim.Addr().String() + "\r\n\r\n",
		"GET http://example.com/v2/Services HTTP/1.1\r\nHost: example.com\r\n\r\n",
	} {
		status, body := rawExchange(t, e.srv.Addr().String(), req)
		if status != http.StatusForbidden || !strings.Contains(body, "does not connect anywhere else") {
			t.Fatalf("%q: %d %s", strings.SplitN(req, "\r\n", 2)[0], status, body)
		}
	}
	// A proxy that dialled would have done so before answering.
	select {
	case c := <-dialled:
		c.Close()
		t.Fatal("the sandbox connected to another host")
	case <-time.After(200 * time.Millisecond):
	}
	// And through a real client: the request fails, it is not forwarded.
	proxy, _ := url.Parse(e.srv.URL())
	hc := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy), TLSClientConfig: &tls.Config{RootCAs: e.ca.Pool()}}}
	if _, err := hc.Get("https://" + victim.Addr().String() + "/"); err == nil {
		t.Fatal("a request to another host went through")
	}
}

// rawExchange sends req on a new connection to addr and returns the
// answer's status and body.
func rawExchange(t *testing.T, addr, req string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte(req)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}

// TestInterceptPlainSandboxStillServed: in intercept mode the port is
// still the sandbox's, for clients pointed at it directly.
func TestInterceptPlainSandboxStillServed(t *testing.T) {
	e := newInterceptEnv(t)
	req, _ := http.NewRequest("GET", e.srv.URL()+"/v2/Services", nil)
	req.SetBasicAuth(e.sb.AccountSID(), e.sb.AuthToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v", err, resp)
	}
	resp.Body.Close()
}

// TestCAFiles: the CA is created once, its key private, and reused; it can
// vouch for the intercepted hosts only (name constraints), so a
// certificate it signed for any other host is rejected by clients.
func TestCAFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	path := filepath.Join(dir, "sandbox-ca.pem")
	ca, err := LoadOrCreateCA(path)
	if err != nil {
		t.Fatal(err)
	}
	if ca.KeyPath != filepath.Join(dir, "sandbox-ca-key.pem") {
		t.Fatalf("key path %s", ca.KeyPath)
	}
	for p, mode := range map[string]os.FileMode{dir: 0o700, ca.KeyPath: 0o600, ca.CertPath: 0o600} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != mode {
			t.Fatalf("%s: %v %v", p, err, fi)
		}
	}
	again, err := LoadOrCreateCA(path)
	if err != nil || !again.cert.Equal(ca.cert) {
		t.Fatalf("not reused: %v", err)
	}

	leaf, err := ca.issue(interceptHostNames)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(leaf.Certificate[0])
	for _, host := range interceptHostNames {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: host, Roots: ca.Pool()}); err != nil {
			t.Fatalf("%s: %v", host, err)
		}
	}
	evil, err := ca.issue([]string{"example.com"})
	if err != nil {
		t.Fatal(err)
	}
	cert, _ = x509.ParseCertificate(evil.Certificate[0])
	var invalid x509.CertificateInvalidError
	if _, err := cert.Verify(x509.VerifyOptions{DNSName: "example.com", Roots: ca.Pool()}); !errors.As(err, &invalid) || invalid.Reason != x509.CANotAuthorizedForThisName {
		t.Fatalf("a certificate for another host verified: %v", err)
	}

	// A certificate without its key is not silently replaced.
	_ = os.Remove(ca.KeyPath)
	if _, err := LoadOrCreateCA(path); err == nil || !strings.Contains(err.Error(), "no usable key") {
		t.Fatalf("err = %v", err)
	}
	// Nor is one with another CA's key.
	otherCA, err := LoadOrCreateCA(filepath.Join(dir, "other.pem"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(otherCA.KeyPath)
	_ = os.WriteFile(ca.KeyPath, b, 0o600)
	if _, err := LoadOrCreateCA(path); err == nil || !strings.Contains(err.Error(), "does not belong") {
		t.Fatalf("err = %v", err)
	}
}

// TestStateDir: the default directory follows TWILIO_VERIFY_STATE_DIR,
// then XDG_STATE_HOME, then ~/.local/state.
func TestStateDir(t *testing.T) {
	t.Setenv("TWILIO_VERIFY_STATE_DIR", "")
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "/home/u")
	if d, _ := StateDir(); d != "/home/u/.local/state/twilio-verify" {
		t.Fatal(d)
	}
	t.Setenv("XDG_STATE_HOME", "/x")
	if d, _ := StateDir(); d != "/x/twilio-verify" {
		t.Fatal(d)
	}
	t.Setenv("TWILIO_VERIFY_STATE_DIR", "/tv")
	if p, _ := DefaultCAPath(); p != "/tv/sandbox-ca.pem" {
		t.Fatal(p)
	}
}

// TestCAFirstStartTogether: sandboxes started at the same moment on an
// empty directory end up with one CA, whose certificate and key match,
// and every one of them serves it.
func TestCAFirstStartTogether(t *testing.T) {
	certPath := filepath.Join(t.TempDir(), "ca", "ca.pem")
	const n = 8
	cas := make([]*CA, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			ca, err := LoadOrCreateCA(certPath)
			if err != nil {
				t.Error(err)
				return
			}
			cas[i] = ca
		})
	}
	wg.Wait()
	again, err := LoadOrCreateCA(certPath) // the pair on disk must match
	if err != nil {
		t.Fatalf("the CA on disk: %v", err)
	}
	for i, ca := range cas {
		if ca != nil && !ca.cert.Equal(again.cert) {
			t.Errorf("sandbox %d serves a CA that is not the one on disk", i)
		}
	}
}
