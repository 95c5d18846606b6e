package sandbox

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

// basicAuth must read exactly what net/http's Request.BasicAuth reads.
func TestBasicAuthMatchesNetHTTP(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	long := strings.Repeat("x", 200)
	for _, h := range []string{
		"", "Basic", "Basic ", "Basic " + b64("AC1:tok"), "basic " + b64("AC1:tok"), "BASIC " + b64("u:"),
		"Basic " + b64(":p"), "Basic " + b64("nocolon"), "Basic " + b64("a:b:c"), "Basic !!!", "Bearer " + b64("a:b"),
		"Basic " + b64(long+":"+long), "Basic " + b64(long), "Basic  " + b64("a:b"), "Basic " + b64("a:b") + "=",
	} {
		r, _ := http.NewRequest("GET", "http://x/", nil)
		if h != "" {
			r.Header.Set("Authorization", h)
		}
		wu, wp, wok := r.BasicAuth()
		var buf [128]byte
		u, p, ok := basicAuth(r, &buf)
		if string(u) != wu || string(p) != wp || ok != wok {
			t.Errorf("%q: got %q %q %v, want %q %q %v", h, u, p, ok, wu, wp, wok)
		}
	}
}
