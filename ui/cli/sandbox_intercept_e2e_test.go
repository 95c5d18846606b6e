package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSandboxBinaryIntercept: `twilio-verify sandbox --intercept --ca-cert
// FILE` creates the CA there and prints the environment that sends an app
// to it.
func TestSandboxBinaryIntercept(t *testing.T) {
	bin := buildBinary(t)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	base, stop := startSandboxBinary(t, bin, "--intercept", "--ca-cert", ca)
	code, out := stop(syscall.SIGTERM)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, want := range []string{"export HTTPS_PROXY=" + base, "export HTTP_PROXY=" + base,
		"export SSL_CERT_FILE=" + ca, "export NODE_EXTRA_CA_CERTS=" + ca, "export REQUESTS_CA_BUNDLE=" + ca} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(ca); err != nil {
		t.Fatal(err)
	}
}
