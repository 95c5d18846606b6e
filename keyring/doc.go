// Package keyring keeps twilio-verify's profiles and their secrets.
//
// A profile (account SID, auth mode, region/edge, defaults) lives in
// config.toml under ConfigDir, written atomically with mode 0600 and never
// holding a secret. The secret itself (an auth token or an API key secret)
// lives in the OS keyring through go-keyring, under service "twilio-verify"
// and user = profile name. Every keyring call is bounded by a timeout,
// because a locked Secret Service may wait forever for an unlock prompt, and
// every failure is classified (not found, no keyring, locked, other) with a
// hint that says what to do. Where the keyring is the Secret Service, a
// call made without DBUS_SESSION_BUS_ADDRESS is refused as "no keyring"
// before D-Bus is touched: godbus would otherwise autolaunch a bus (and a
// keyring daemon on it) that outlives the command.
//
// Resolve picks the credentials the console starts with: --profile, then
// the TWILIO_* environment variables, then the default profile, else none
// (the console then opens the sandbox).
//
// The package holds no mutable package-level state: two SSH sessions in one
// process each get their own Secrets and Config values.
package keyring
