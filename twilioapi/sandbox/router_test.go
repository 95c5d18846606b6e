package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serveDirect sends one request straight into ServeHTTP with the
// sandbox's credentials; clen overrides the Content-Length (-1: unknown,
// as with a chunked body).
func serveDirect(t *testing.T, sb *Sandbox, method, path, body string, clen int64) (int, errorBody) {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.ContentLength = clen
	r.SetBasicAuth(sb.AccountSID(), sb.AuthToken())
	w := httptest.NewRecorder()
	sb.ServeHTTP(w, r)
	var eb errorBody
	_ = json.Unmarshal(w.Body.Bytes(), &eb)
	return w.Code, eb
}

// newDemo is a sandbox with its demo service, for requests straight into
// ServeHTTP.
func newDemo(t testing.TB) (*Sandbox, string) {
	t.Helper()
	sb, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for sid := range sb.st.Services {
		return sb, sid
	}
	t.Fatal("no demo service")
	return nil, ""
}

func TestSplitPath(t *testing.T) {
	for _, p := range []string{"", "/", "//", "/v2", "/v2/", "v2/Services", "/v2/Services/VA1/Verifications/VE2",
		"/a/b/c/d/e/f/g", "/a/b/c/d/e/f/g/h", "/a/b/c/d/e/f/g/h/i", "/a/b/c/d/e/f/g/h/i/j/k/l/", "///////////"} {
		var buf [maxSegs]string
		got := splitPath(p, &buf)
		want := strings.Split(strings.TrimPrefix(p, "/"), "/")
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("splitPath(%q) = %q, want %q", p, got, want)
		}
	}
}

// Every route answers 405 to the methods it does not have, and something
// else to those it has.
func TestRouteMethods(t *testing.T) {
	sb, va := newDemo(t)
	ve := "VE0123456789abcdef0123456789abcdef"
	routes := []struct {
		path    string
		allowed string
	}{
		{"/v2/Services", "GET POST"},
		{"/v2/Services/" + va, "GET POST DELETE"},
		{"/v2/Services/" + va + "/Verifications", "POST"},
		{"/v2/Services/" + va + "/Verifications/" + ve, "GET POST"},
		{"/v2/Services/" + va + "/VerificationCheck", "POST"},
		{"/v2/SafeList/Numbers", "POST"},
		{"/v2/SafeList/Numbers/%2B14155550100", "GET DELETE"},
		{"/v2/PhoneNumbers/%2B14155550100", "GET"},
		{"/sandbox/v1/Messages", "GET"},
		{"/sandbox/v1/Faults", "GET POST"},
	}
	for _, rt := range routes {
		// DELETE last: it may remove the service the other rows use.
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			status, eb := serveDirect(t, sb, m, rt.path, "", 0)
			allowed := strings.Contains(" "+rt.allowed+" ", " "+m+" ")
			if got405 := status == http.StatusMethodNotAllowed && eb.Code == 20004; got405 == allowed {
				t.Errorf("%s %s: %d %d (allowed: %v)", m, rt.path, status, eb.Code, allowed)
			}
		}
	}
}

// Bodies over maxBody answer 413 whether or not their length is announced;
// a body shorter than its Content-Length is not form data.
func TestBodyLimits(t *testing.T) {
	sb, _ := newDemo(t)
	big := "X=" + strings.Repeat("a", maxBody)
	for _, clen := range []int64{int64(len(big)), -1, 0} {
		if status, eb := serveDirect(t, sb, "POST", "/v2/Services", big, clen); status != http.StatusRequestEntityTooLarge || eb.Code != 60200 {
			t.Errorf("Content-Length %d: %d %+v", clen, status, eb)
		}
	}
	if status, eb := serveDirect(t, sb, "POST", "/v2/Services", "FriendlyName=x", 100); status != 400 || eb.Code != 60200 ||
		!strings.Contains(eb.Message, "not valid form data") {
		t.Errorf("short body: %d %+v", status, eb)
	}
	// Exactly maxBody is read (and then judged on its content).
	exact := "FriendlyName=Exact&X=" + strings.Repeat("a", maxBody-len("FriendlyName=Exact&X="))
	if status, _ := serveDirect(t, sb, "POST", "/v2/Services", exact, int64(len(exact))); status != http.StatusCreated {
		t.Errorf("maxBody bytes: %d", status)
	}
}

// Every answer carries its Content-Length (never chunked), small ones
// (net/http sets it) and large ones (writeBody does) alike.
func TestAnswersHaveContentLength(t *testing.T) {
	e := newEnv(t, Options{})
	for i := 0; i < 8; i++ { // a services page well over autoLengthMax
		e.newService("Length "+strings.Repeat("x", 20), nil)
	}
	for _, rq := range []struct{ method, path, body string }{
		{"POST", "/v2/Services/" + e.demo + "/Verifications", "To=%2B14155550100&Channel=sms"},
		{"GET", "/v2/Services/" + e.demo, ""},
		{"GET", "/v2/Services?PageSize=50", ""},
		{"GET", "/v2/Nope", ""},
	} {
		resp, body := e.raw(rq.method, rq.path, rq.body)
		if resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) != 0 {
			t.Errorf("%s %s: Content-Length %d for %d bytes, Transfer-Encoding %v",
				rq.method, rq.path, resp.ContentLength, len(body), resp.TransferEncoding)
		}
		if rq.path == "/v2/Services?PageSize=50" && len(body) <= autoLengthMax {
			t.Errorf("services page is only %d bytes: the large case is not tested", len(body))
		}
	}
}

// A repeated key's values are appended without touching the other keys'
// values (they share one slab).
func TestFormRepeatedKeysKeepNeighbours(t *testing.T) {
	f, err := parseForm("A=1&B=2&A=3&C=4&A=5&B=6")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.add("C=7&D=8"); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(f["A"], f["B"], f["C"], f["D"])
	if want := "[1 3 5] [2 6] [4 7] [8]"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}
