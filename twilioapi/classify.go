package twilioapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/twilio/twilio-go/client"
)

// classify turns whatever twilio-go (or net/http) returned into an *Error,
// with how many tries it took and, for a write that was sent but not
// answered (or answered with a server error), that its outcome is unknown.
func (c *Client) classify(cl *call, err error) *Error {
	e := c.classifyErr(cl, err)
	if c.cfg.AuthFailureHint != "" && (e.IsAuthFailure() || e.Status == http.StatusUnauthorized) {
		e.Hint = strings.TrimSpace(e.Hint + " " + c.cfg.AuthFailureHint)
	}
	if cl.attempts == 0 {
		return e
	}
	e.Attempts = cl.attempts
	if cl.method != http.MethodGet && outcomeUnknown(e) {
		e.OutcomeUnknown = true
		e.Message += " — the outcome is unknown"
		e.Hint = "It was sent once and not repeated automatically. Refresh to see whether it took effect before trying again."
	}
	return e
}

// outcomeUnknown reports whether a write that failed with e may still
// have taken effect: no (readable) answer came, or a server error did.
func outcomeUnknown(e *Error) bool {
	switch e.Kind {
	case KindReset, KindTimeout, KindNetwork, KindDecode:
		return true
	case KindAPI:
		return e.Status >= 500
	}
	return false
}

// classifyErr is classify without the attempt bookkeeping. The order matters: a Twilio answer wins over a context that ended after
// it arrived; transport failures are told apart from bad answers by
// net/http's *url.Error wrapper, which only the transport produces.
func (c *Client) classifyErr(cl *call, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var te *client.TwilioRestError
	if errors.As(err, &te) {
		status := te.Status
		if status == 0 {
			status = cl.status
		}
		msg := te.Message
		if msg == "" {
			msg = http.StatusText(status)
		}
		return &Error{Kind: KindAPI, Status: status, Code: te.Code, Message: msg, MoreInfo: te.MoreInfo,
			Hint: hintOr(te.Code, status), RetryAfter: retryAfter(cl.header), Err: err}
	}
	if ctxErr := cl.ctx.Err(); ctxErr != nil {
		return c.ctxError(ctxErr)
	}
	var ue *url.Error
	switch {
	case errors.As(err, &ue):
		return c.transportError(err)
	case cl.status >= 400:
		// An error status whose body was not Twilio's JSON (a proxy page,
		// a 502 from a load balancer...).
		return &Error{Kind: KindAPI, Status: cl.status,
			Message:    http.StatusText(cl.status) + " (the answer was not Twilio's JSON)",
			Hint:       hintForStatus(cl.status),
			RetryAfter: retryAfter(cl.header), Err: err}
	case cl.status != 0:
		return &Error{Kind: KindDecode, Status: cl.status,
			Message: "Could not read the answer: " + err.Error(),
			Hint:    hintForKind(KindDecode, c.IsSandbox()), Err: err}
	default:
		return &Error{Kind: KindNetwork, Message: err.Error(), Hint: hintForKind(KindNetwork, c.IsSandbox()), Err: err}
	}
}

// transportError classifies a failure that happened before a whole answer
// arrived.
func (c *Client) transportError(err error) *Error {
	var ne net.Error
	kind := KindNetwork
	msg := "The network failed"
	switch {
	case errors.Is(err, errBodyTooLarge):
		kind, msg = KindDecode, "The answer was larger than 8 MiB"
	case errors.Is(err, syscall.ECONNREFUSED):
		return c.refusedError(err)
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		kind, msg = KindReset, "The connection was dropped before the answer arrived"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		kind, msg = KindTimeout, "No answer within "+c.cfg.Timeout.String()
	}
	if kind == KindNetwork {
		msg += ": " + err.Error()
	}
	return &Error{Kind: kind, Message: msg, Hint: hintForKind(kind, c.IsSandbox()), Err: err}
}

// refusedError is a connection refused, naming the address that refused
// it: the one thing to check, whether a sandbox that is not running or a
// proxy in the way.
func (c *Client) refusedError(err error) *Error {
	if proxy, ok := refusingProxy(err); ok {
		// Naming Twilio here would send the user to check the wrong end.
		msg := "Connection refused by the proxy"
		if proxy != "" {
			msg += " at " + proxy
		}
		return &Error{Kind: KindRefused, Message: msg,
			Hint: "The HTTP(S) proxy of HTTPS_PROXY (or HTTP_PROXY) refused the connection: start it, correct the " +
				"variable, or unset it (NO_PROXY lists hosts that skip it).", Err: err}
	}
	addr := c.dialedAddr(err)
	msg := "Connection refused"
	if addr != "" {
		msg += " by " + addr
	}
	if c.IsSandbox() {
		msg += " — is `twilio-verify sandbox` running?"
	}
	return &Error{Kind: KindRefused, Message: msg, Hint: refusedHint(addr, c.IsSandbox()), Err: err}
}

// refusingProxy reports whether a proxy refused err's connection, and
// its address when known: net/http wraps the dial to a proxy in an
// OpError "proxyconnect" around the dial's own.
func refusingProxy(err error) (addr string, ok bool) {
	var oe *net.OpError
	for e := err; errors.As(e, &oe); e = oe.Err {
		if oe.Op != "proxyconnect" {
			continue
		}
		var dial *net.OpError
		if errors.As(oe.Err, &dial) && dial.Addr != nil {
			return dial.Addr.String(), true
		}
		return "", true
	}
	return "", false
}

// dialedAddr is the host:port a failed request went to ("" when unknown):
// the base URL's for a Twilio host the client rewrites (url.Error holds
// the URL before the rewrite), else the request's own.
func (c *Client) dialedAddr(err error) string {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return ""
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return ""
	}
	if c.base != nil && isTwilioHost(u.Host) {
		u = c.base
	}
	if u.Port() != "" {
		return u.Host
	}
	port := "443"
	if u.Scheme == "http" {
		port = "80"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// ctxError is the error of a call whose context ended first.
func (c *Client) ctxError(err error) *Error {
	msg := "Canceled before an answer arrived"
	if errors.Is(err, context.DeadlineExceeded) {
		msg = "No answer before the deadline"
	}
	return &Error{Kind: KindTimeout, Message: msg, Hint: hintForKind(KindTimeout, c.IsSandbox()), Err: err}
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date.
func retryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
}
