package sandbox

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// AuthTokenEnv is the environment variable ReadAuthToken falls back to.
const AuthTokenEnv = "TWILIO_AUTH_TOKEN"

// maxTokenFile bounds what ReadAuthToken reads of a file: a token is 32
// characters; anything this large is the wrong file.
const maxTokenFile = 4 << 10

// ReadAuthToken finds the sandbox's auth token outside the command line,
// where every local user could read it (/proc/PID/cmdline): the file's
// content (surrounding whitespace, such as a trailing newline, trimmed)
// when file is set, else env(AuthTokenEnv). It returns the token and where
// it came from ("file PATH" or "$TWILIO_AUTH_TOKEN"); both are "" when
// neither is set, and New then generates a token. A token that is not
// letters and digits (what twilio-go accepts) is an error.
func ReadAuthToken(file string, env func(string) string) (token, source string, err error) {
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", "", fmt.Errorf("sandbox: auth token file: %w", err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
		if err != nil {
			return "", "", fmt.Errorf("sandbox: auth token file: %w", err)
		}
		if len(b) > maxTokenFile {
			return "", "", fmt.Errorf("sandbox: auth token file %s is larger than %d bytes", file, maxTokenFile)
		}
		token, source = strings.TrimSpace(string(b)), "file "+file
		if token == "" {
			return "", "", fmt.Errorf("sandbox: auth token file %s is empty", file)
		}
	} else if env != nil {
		token, source = strings.TrimSpace(env(AuthTokenEnv)), "$"+AuthTokenEnv
		if token == "" {
			return "", "", nil
		}
	}
	if token != "" && !ValidAuthToken(token) {
		return "", "", errors.New("sandbox: the auth token from " + source + " must be letters and digits only (twilio-go refuses anything else)")
	}
	return token, source, nil
}
