// Package twilioapi is the console's only way to Twilio: a typed client over
// twilio-go's client, rest/verify/v2 and rest/lookups/v2 packages, with its
// own domain types, an Error type with plain-language hints, and validation
// that runs before any call. It knows nothing of screens.
//
// How a call travels: the operation validates its input (no request leaves
// on bad input), then takes a twilio-go client for this one call (from a
// per-Client pool) that shares the Client's credentials and connection pool
// but has its own http.Client, whose transport (transport.go)
//   - attaches the caller's context, with the Client's timeout, to the
//     request (twilio-go has no context support; this way a cancel or the
//     timeout aborts the call itself),
//   - records the answer's status and headers (Retry-After lives there and
//     twilio-go drops them on errors), and
//   - reads and closes the body, keeping keep-alive connections alive
//     (twilio-go leaves error bodies open).
//
// Below that, rewriteTransport sends verify.twilio.com and
// lookups.twilio.com to Config.BaseURL when one is set (the sandbox). Edge
// and region go to twilio-go's request handler, and only without a BaseURL;
// the TWILIO_EDGE/TWILIO_REGION environment variables are never read here.
//
// Every failure is an *Error (classify.go): Twilio's answers as KindAPI with
// status, code, more_info and a hint; transport failures as KindTimeout,
// KindRefused, KindReset or KindNetwork; unreadable answers as KindDecode;
// validation as KindInvalidInput with the offending Field.
package twilioapi
