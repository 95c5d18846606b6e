package sandbox

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/twilio/twilio-go/client"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// TestServeIntercept: Serve in intercept mode creates the CA, prints the
// environment to set (shell-quoted), serves twilio-go through it, and on
// return releases the state file for the next sandbox.
func TestServeIntercept(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "with space")
	caPath := filepath.Join(dir, "ca.pem")
	state := filepath.Join(t.TempDir(), "state.db")
	sid, token := "AC"+strings.Repeat("3", 32), "serveToken8"
	out := newOutFile(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ServeOptions{
			Options: Options{AccountSID: sid, AuthToken: token, StatePath: state},
			Addr:    "127.0.0.1:0", Intercept: true, CACert: caPath,
		}, out)
	}()
	base := out.await(t, regexp.MustCompile(`export HTTPS_PROXY=(http://127\.0\.0\.1:\d+)\n`))
	for _, want := range []string{"export HTTP_PROXY=" + base, "export SSL_CERT_FILE='" + caPath + "'",
		"export NODE_EXTRA_CA_CERTS='" + caPath + "'", "export REQUESTS_CA_BUNDLE='" + caPath + "'"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
	ca, err := LoadOrCreateCA(caPath)
	if err != nil {
		t.Fatal(err)
	}
	proxy, _ := url.Parse(base)
	tr := &http.Transport{Proxy: http.ProxyURL(proxy), TLSClientConfig: &tls.Config{RootCAs: ca.Pool()}}
	defer tr.CloseIdleConnections()
	v := verify.NewApiServiceWithClient(&client.Client{
		Credentials: client.NewCredentials(sid, token), HTTPClient: &http.Client{Transport: tr},
	})
	if _, err := v.ListService(&verify.ListServiceParams{}); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{StatePath: state})
	if err != nil {
		t.Fatalf("state file still held after Serve returned: %v", err)
	}
	_ = s.Close()
	if fi, err := os.Stat(ca.KeyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("CA key: %v %v", err, fi)
	}
}
