package audit

import (
	"errors"
	"os"
	"path/filepath"
)

// FileName is the current audit file inside the state directory; rotated
// files are FileName.1 (newest) to FileName.N.
const FileName = "audit.jsonl"

// StateDir is where the audit trail lives: $TWILIO_VERIFY_STATE_DIR when
// set, else $XDG_STATE_HOME/twilio-verify, else
// ~/.local/state/twilio-verify (the XDG default). getenv is os.Getenv in
// production.
func StateDir(getenv func(string) string) (string, error) {
	if d := getenv("TWILIO_VERIFY_STATE_DIR"); d != "" {
		return d, nil
	}
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "twilio-verify"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil || home == "" {
			return "", errors.New("no state directory for the audit trail: set TWILIO_VERIFY_STATE_DIR")
		}
	}
	return filepath.Join(home, ".local", "state", "twilio-verify"), nil
}
