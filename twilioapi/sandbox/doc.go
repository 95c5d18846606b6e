// Package sandbox is a faithful, stateful, local emulator of the Twilio
// Verify v2 API and of Lookup v2 phone number lookups.
//
// The unmodified twilio-go client talks to it over real HTTP on loopback: a
// RoundTripper rewrites the scheme and host of https://verify.twilio.com and
// https://lookups.twilio.com to the sandbox's address. The sandbox remembers
// codes, expires them after ten minutes (by an injectable clock), enforces
// the send and check limits, answers Twilio's error codes, and keeps an
// outbox of the messages a user would have received, observable in-process
// (Subscribe, Outbox) and over HTTP (GET /sandbox/v1/Messages).
//
// With Options.StatePath its state lives in a transactional store
// (store.go) that survives restarts and crashes. In intercept mode
// (Sandbox.Intercept) an app that cannot be given a base URL reaches it
// unmodified through HTTPS_PROXY and a local CA (intercept.go).
//
// It deliberately shares no code with the twilioapi client, so that a bug
// cannot hide on both sides of the wire.
package sandbox
