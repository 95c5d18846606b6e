package sshserve

import (
	"strings"

	"github.com/charmbracelet/colorprofile"
)

// passedEnv are the client variables a console may see: the terminal's
// type and colour wishes and the locale. Anything else a client sends
// (SendEnv/SetEnv) stays out of the program.
var passedEnv = map[string]bool{
	"COLORTERM": true, "NO_COLOR": true, "CLICOLOR": true, "CLICOLOR_FORCE": true,
	"TERM_PROGRAM": true, "TERM_PROGRAM_VERSION": true,
	"LANG": true, "LC_ALL": true, "LC_CTYPE": true,
}

// sessionEnv is the program's environment: the passed client variables
// plus TERM from the PTY request (OpenSSH sends TERM there, not as env).
func sessionEnv(client []string, term string) []string {
	env := make([]string, 0, len(client)+1)
	for _, kv := range client {
		if k, _, ok := strings.Cut(kv, "="); ok && passedEnv[k] {
			env = append(env, kv)
		}
	}
	if term == "" {
		term = "xterm"
	}
	return append(env, "TERM="+term)
}

// colorProfile is the session's colour profile, from its environment
// alone (an emulated PTY is no TTY to probe). NO_COLOR with any
// non-empty value means no colour, as no-color.org says (colorprofile
// only honours values strconv.ParseBool reads as true).
func colorProfile(env []string) colorprofile.Profile {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == "NO_COLOR" && v != "" {
			return colorprofile.Ascii
		}
	}
	return colorprofile.Env(env)
}
