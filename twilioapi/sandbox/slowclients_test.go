package sandbox

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Many clients that never finish their bodies cost at most MaxConns
// server goroutines, and Shutdown still returns by its deadline and
// leaves nothing running.
func TestSlowClientsAreBounded(t *testing.T) {
	sb, err := New(Options{Clock: NewManualClock(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	const maxConns = 4
	srv, err := ListenOptions(sb, "", ServerOptions{MaxConns: maxConns, ReadTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(sb.AccountSID()+":"+sb.AuthToken()))
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 50 {
		c, err := net.Dial("tcp", srv.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		// Headers promise 1000 bytes; 13 arrive.
		_, _ = io.WriteString(c, "POST /v2/Services HTTP/1.1\r\nHost: x\r\nAuthorization: "+auth+
			"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nFriendlyName=")
	}
	// Each accepted connection costs a goroutine (plus net/http's
	// background read); the rest wait in the backlog. The most seen over
	// a while, not one snapshot: without the cap the count keeps rising
	// as the server accepts the backlog.
	waitFor(t, func() bool { return goroutinesIn("net/http.(*conn).serve") >= maxConns })
	most := 0
	for end := time.Now().Add(300 * time.Millisecond); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		most = max(most, goroutinesIn("net/http.(*conn).serve"))
	}
	if most > maxConns {
		t.Fatalf("%d connections served at once for %d stuck clients with a cap of %d", most, len(conns), maxConns)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(ctx) }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Shutdown reported the stuck requests as finished")
		}
	case <-time.After(30 * time.Second): // the stuck requests would hold it for ReadTimeout (a minute)
		t.Fatal("Shutdown did not return after its deadline")
	}
	// Shutdown closed them: nothing of the server is left running.
	waitFor(t, func() bool {
		return goroutinesIn("net/http.(*conn).serve") == 0 && goroutinesIn("sandbox.(*Server).sweepLoop") == 0
	})
}

// goroutinesIn counts the goroutines with fn on their stack.
func goroutinesIn(fn string) int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), fn+"(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// A request that stops sending its body gets Twilio's JSON error when
// ReadTimeout ends it, and its slot goes to the next client.
func TestReadTimeoutAnswersJSON(t *testing.T) {
	sb, err := New(Options{Clock: NewManualClock(t0).Now})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ListenOptions(sb, "", ServerOptions{MaxConns: 1, ReadTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(sb.AccountSID()+":"+sb.AuthToken()))
	for range 2 { // the second only gets a slot once the first is over
		c, err := net.Dial("tcp", srv.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(c, "POST /v2/Services HTTP/1.1\r\nHost: x\r\nAuthorization: "+auth+
			"\r\nContent-Length: 100\r\n\r\nFriendly")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		var eb errorBody
		if json.NewDecoder(resp.Body).Decode(&eb) != nil || resp.StatusCode != 400 || eb.Code != 60200 {
			t.Fatalf("%d %+v", resp.StatusCode, eb)
		}
		c.Close()
	}
}

// net/http's own answers to malformed requests come out as Twilio's JSON.
func TestProtocolErrorsAreJSON(t *testing.T) {
	e := newEnv(t, Options{})
	for _, tt := range []struct {
		name, req string
		status    int
		message   string
	}{
		{"no Host", "GET /v2/Services HTTP/1.1\r\n\r\n", 400, "Bad Request: missing required Host header"},
		{"garbage", "HELLO\r\n\r\n", 400, "Bad Request"},
		{"version", "GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505, "HTTP Version Not Supported: unsupported protocol version"},
		{"transfer coding", "POST /v2/Services HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "Not Implemented"},
		{"expect", "GET /v2/Services HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n", 417, "Expectation Failed: only Expect: 100-continue is supported"},
		{"huge header", "GET / HTTP/1.1\r\nHost: x\r\nX: " + strings.Repeat("a", 80<<10) + "\r\n\r\n", 431, "Request Header Fields Too Large"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := net.Dial("tcp", e.srv.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			go func() { _, _ = io.WriteString(c, tt.req) }() // the server may answer before reading it all
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			var eb errorBody
			if err := json.Unmarshal(body, &eb); err != nil || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("%d %q %v", resp.StatusCode, body, resp.Header)
			}
			if resp.StatusCode != tt.status || eb.Status != tt.status || eb.Code != 20000+tt.status || eb.Message != tt.message ||
				eb.MoreInfo != "https://www.twilio.com/docs/errors/"+itoa(20000+tt.status) {
				t.Fatalf("%d %+v", resp.StatusCode, eb)
			}
		})
	}
}

// The rewrite leaves everything else alone.
func TestJSONForPlainErrorIgnoresNormalAnswers(t *testing.T) {
	for _, p := range []string{
		"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{}",
		"HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=utf-8\r\nDate: x\r\n\r\n{}",
		"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{}",
		`{"message":"HTTP/1.1 400 Bad Request"}`, "HTTP/1.1 4", "",
	} {
		if _, ok := jsonForPlainError([]byte(p)); ok {
			t.Fatalf("rewrote %q", p)
		}
	}
}
