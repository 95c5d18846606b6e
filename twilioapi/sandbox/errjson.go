package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// net/http answers some requests itself, before any handler runs, with
// plain text written straight to the connection: a malformed request line
// or header (400), an unsupported HTTP version (505), oversized headers
// (431), an unknown Transfer-Encoding (501), an Expect other than
// 100-continue (417). http.Server has no hook for these, so serverConn
// recognises them on the way out and writes Twilio's JSON error instead:
// every answer a client can read is then JSON.
//
// What cannot be converted: requests net/http drops without any answer
// (a header or body read timeout, a client that hangs up, an idle
// keep-alive connection closed), an answer cut off by WriteTimeout, and
// connections beyond MaxConns, which wait unanswered in the backlog.

// plainErrorHeaders is what net/http puts between the status line and the
// text of its own error answers (net/http/server.go, errorHeaders).
const plainErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// expectationFailed starts net/http's answer to an unsupported Expect; the
// sandbox's handler never answers 417 itself.
const expectationFailed = "HTTP/1.1 417 Expectation Failed\r\n"

// jsonForPlainError reports whether p is one of net/http's own plain-text
// error answers and, if so, returns the JSON answer to send instead. Normal
// answers are recognised by their first line and first header alone: the
// handler always answers application/json, never plain text.
func jsonForPlainError(p []byte) ([]byte, bool) {
	if len(p) < 13 || !bytes.HasPrefix(p, []byte("HTTP/1.1 ")) || p[9] < '4' {
		return nil, false
	}
	status, err := strconv.Atoi(string(p[9:12]))
	if err != nil {
		return nil, false
	}
	eol := bytes.IndexByte(p, '\r')
	if eol < 0 {
		return nil, false
	}
	message := http.StatusText(status)
	switch {
	case bytes.HasPrefix(p[eol:], []byte(plainErrorHeaders)):
		// "HTTP/1.1 400 Bad Request: missing required Host header": the
		// text after the status is the most precise message.
		if line := strings.TrimSpace(string(p[12:max(eol, 12)])); line != "" {
			message = line
		}
	case bytes.HasPrefix(p, []byte(expectationFailed)):
		message = "Expectation Failed: only Expect: 100-continue is supported"
	default:
		return nil, false
	}
	if message == "" {
		message = "Error"
	}
	// Codes follow Twilio's 20000+status pattern (20403, 20404, 20429,
	// 20500); Twilio documents none for these protocol errors.
	body, _ := json.Marshal(errorBody{
		Code: 20000 + status, Message: message,
		MoreInfo: "https://www.twilio.com/docs/errors/" + strconv.Itoa(20000+status), Status: status,
	})
	out := make([]byte, 0, 160+len(body))
	out = append(out, p[:12]...)
	out = append(out, ' ')
	out = append(out, http.StatusText(status)...)
	out = append(out, "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "...)
	out = strconv.AppendInt(out, int64(len(body)), 10)
	out = append(out, "\r\nConnection: close\r\n\r\n"...)
	return append(out, body...), true
}
