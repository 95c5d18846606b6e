package twilioapi

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// cannedTransport answers every request in-process with fixed bytes, so a
// benchmark through it measures only the client side: validation, twilio-go's
// encoding and decoding, conversion and this package's plumbing.
type cannedTransport struct {
	status int
	body   string
}

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode: c.status, ProtoMajor: 1, ProtoMinor: 1, Request: r,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(strings.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
	}, nil
}

const (
	cannedVerification = `{"sid":"VE0123456789abcdef0123456789abcdef","service_sid":"VA0123456789abcdef0123456789abcdef",
"account_sid":"AC0123456789abcdef0123456789abcdef","to":"+14155550100","channel":"sms","status":"pending","valid":false,
"lookup":{},"amount":null,"payee":null,"send_code_attempts":[{"time":"2026-11-26T12:00:00Z","channel":"sms",
"attempt_sid":"VL0123456789abcdef0123456789abcdef"}],"date_created":"2026-11-26T12:00:00Z",
"date_updated":"2026-11-26T12:00:00Z","sna":null,
"url":"https://verify.twilio.com/v2/Services/VA0123456789abcdef0123456789abcdef/Verifications/VE0123456789abcdef0123456789abcdef"}`
	cannedCheck = `{"sid":"VE0123456789abcdef0123456789abcdef","service_sid":"VA0123456789abcdef0123456789abcdef",
"account_sid":"AC0123456789abcdef0123456789abcdef","to":"+14155550100","channel":"sms","status":"approved","valid":true,
"amount":null,"payee":null,"date_created":"2026-11-26T12:00:00Z","date_updated":"2026-11-26T12:00:05Z",
"sna_attempts_error_codes":null}`
)

func cannedClient(b *testing.B, status int, body string) *Client {
	c, err := New(Config{AccountSID: wireAC, AuthToken: wireToken})
	if err != nil {
		b.Fatal(err)
	}
	c.rt = &rewriteTransport{next: cannedTransport{status: status, body: body}}
	return c
}

// BenchmarkOverheadSend is the client-side cost of one StartVerification.
func BenchmarkOverheadSend(b *testing.B) {
	c := cannedClient(b, 201, cannedVerification)
	ctx := context.Background()
	p := StartParams{ServiceSID: wireVA, To: "+14155550100", Channel: ChannelSMS}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.StartVerification(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverheadCheck is the client-side cost of one CheckVerification.
func BenchmarkOverheadCheck(b *testing.B) {
	c := cannedClient(b, 200, cannedCheck)
	ctx := context.Background()
	p := CheckParams{ServiceSID: wireVA, To: "+14155550100", Code: "123456"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CheckVerification(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverheadAPIError is the client-side cost of a call that fails
// with a Twilio error (decode + classification).
func BenchmarkOverheadAPIError(b *testing.B) {
	c := cannedClient(b, 404, `{"code":20404,"message":"The requested resource was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}`)
	ctx := context.Background()
	p := CheckParams{ServiceSID: wireVA, To: "+14155550100", Code: "123456"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CheckVerification(ctx, p); err == nil {
			b.Fatal("no error")
		}
	}
}

// BenchmarkNormalizePhone is the cost of the live To field's parsing.
func BenchmarkParseRecipient(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseRecipient("+44 20 7183 8750", "US"); err != nil {
			b.Fatal(err)
		}
	}
}
