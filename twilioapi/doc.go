// Package twilioapi is the console's only way to Twilio: a typed client over
// twilio-go's client, rest/verify/v2 and rest/lookups/v2 packages, with its
// own domain types, an Error type with plain-language hints, and validation
// that runs before any call. It knows nothing of screens.
package twilioapi
