package ui

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// secretKey matches attribute names whose values are secrets.
var secretKey = regexp.MustCompile(`(?i)(token|secret|password|passwd|authorization|auth|code|apikey)`)

// secretValue matches values that look like secrets wherever they appear:
// 32-hex auth tokens and API key secrets, Basic auth headers.
var secretValue = regexp.MustCompile(`(?i)\b[0-9a-f]{32}\b|Basic [A-Za-z0-9+/=]+`)

// maskAttr masks secret attributes and secret-looking substrings.
func maskAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindGroup {
		return a
	}
	if secretKey.MatchString(a.Key) && !strings.HasSuffix(strings.ToLower(a.Key), "_sid") {
		return slog.String(a.Key, twilioapi.Mask(a.Value.String()))
	}
	if a.Value.Kind() == slog.KindString || a.Value.Kind() == slog.KindAny {
		s := a.Value.String()
		if m := maskText(s); m != s {
			return slog.String(a.Key, m)
		}
	}
	return a
}

// maskText masks secret-looking substrings of free text (error messages
// may quote a request).
func maskText(s string) string {
	return secretValue.ReplaceAllStringFunc(s, twilioapi.Mask)
}

// NewLogger returns the program's debug logger: text lines to w with
// secrets masked, or a logger that drops everything when w is nil. It
// never writes to stdout or stderr, which belong to the TUI.
func NewLogger(w io.Writer) *slog.Logger {
	if w == nil {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: maskAttr}))
}

// OpenLog opens the --log file for appending. The log holds customer
// phone numbers, so it is private: created 0600, an existing file's mode
// tightened to 0600 (through the open descriptor, so it is the file
// written to), and a symbolic link refused rather than followed (a link
// could send the log anywhere the user can write, or where root can). A
// device or FIFO (/dev/null, a pipe to a reader) is written to as it is.
func OpenLog(path string) (*os.File, error) {
	f, err := openNoFollow(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		if isSymlinkRefusal(path, err) {
			return nil, fmt.Errorf("open log file: %s is a symbolic link; give the file itself (the log holds phone numbers and is never written through a link)", path)
		}
		return nil, fmt.Errorf("open log file: %w", err)
	}
	fi, err := f.Stat()
	if err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() != 0o600 {
		err = f.Chmod(0o600)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open log file: cannot make %s private (mode 0600): %w", path, err)
	}
	return f, nil
}

// isSymlinkRefusal reports whether err, from opening path without
// following links, means path is a symbolic link.
func isSymlinkRefusal(path string, err error) bool {
	if errors.Is(err, errSymlink) {
		return true
	}
	fi, lerr := os.Lstat(path)
	return lerr == nil && fi.Mode()&os.ModeSymlink != 0
}
