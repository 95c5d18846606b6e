package ui

import (
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

// OpenLog opens (appending, 0600) the --log file.
func OpenLog(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open log file: %w", err)
	}
	return f, nil
}
