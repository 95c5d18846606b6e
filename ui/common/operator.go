package common

import (
	"os"
	"os/user"
)

// Operator is the person one program acts for, named in logs and on the
// screen. Locally it is the OS user; over SSH it is the session's user and
// the key they signed in with, so two sessions of the same account can be
// told apart.
type Operator struct {
	// User is the login name ("" when it could not be found).
	User string
	// KeyFingerprint is the SHA256 fingerprint of the SSH key the
	// operator authenticated with ("SHA256:…"), "" for a local console.
	KeyFingerprint string
	// Remote is true for a program served over SSH.
	Remote bool
}

// String is "alice", or "alice (SHA256:…)" with a key; "unknown" when the
// user is not known.
func (o Operator) String() string {
	name := o.User
	if name == "" {
		name = "unknown"
	}
	if o.KeyFingerprint != "" {
		return name + " (" + o.KeyFingerprint + ")"
	}
	return name
}

// LocalOperator is the operator of a console started in this process's
// terminal: the OS user, or $USER when the user database has no entry
// (e.g. a container running under an arbitrary UID).
func LocalOperator() Operator { return localOperator(user.Current, os.Getenv) }

// localOperator is LocalOperator with its lookups injected.
func localOperator(current func() (*user.User, error), getenv func(string) string) Operator {
	if u, err := current(); err == nil && u.Username != "" {
		return Operator{User: u.Username}
	}
	return Operator{User: getenv("USER")}
}
