package e2e

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// waitTimeout bounds every wait of a script.
const waitTimeout = 20 * time.Second

// step is one action line of a script.
type step struct {
	line int
	verb string
	arg  string
}

// script is one parsed journey.
type script struct {
	path     string
	requires []string
	width    int
	height   int
	args     []string
	keys     map[string][]string
	steps    []step
}

// parseScript reads a script file (see the package doc for the format).
func parseScript(path string) (*script, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := &script{path: path, width: 110, height: 34, args: []string{"--sandbox"}, keys: map[string][]string{}}
	in := bufio.NewScanner(f)
	for n := 1; in.Scan(); n++ {
		line := strings.TrimSpace(in.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, arg, _ := strings.Cut(line, " ")
		if verb != "type" {
			// type keeps its spaces: "type  EU" types " EU".
			arg = strings.TrimSpace(arg)
		}
		bad := func(why string) error { return fmt.Errorf("%s:%d: %s: %q", path, n, why, line) }
		switch verb {
		case "requires":
			sc.requires = append(sc.requires, strings.Fields(arg)...)
		case "size":
			if _, err := fmt.Sscanf(arg, "%d %d", &sc.width, &sc.height); err != nil {
				return nil, bad("size wants W H")
			}
		case "args":
			sc.args = strings.Fields(arg)
		case "keys":
			name, ks, ok := strings.Cut(arg, "=")
			if !ok {
				return nil, bad("keys wants name = key, key")
			}
			for _, k := range strings.Split(ks, ",") {
				sc.keys[strings.TrimSpace(name)] = append(sc.keys[strings.TrimSpace(name)], strings.TrimSpace(k))
			}
		case "wait", "gone", "key", "type", "capture", "match", "totp", "resize", "sleep", "shot", "exit":
			if arg == "" {
				return nil, bad(verb + " needs an argument")
			}
			sc.steps = append(sc.steps, step{line: n, verb: verb, arg: arg})
		default:
			return nil, bad("unknown command " + verb)
		}
	}
	return sc, in.Err()
}

// scripts are the parsed scripts matching pattern (a glob from the
// repository root).
func scripts(t *testing.T, pattern string) []*script {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", pattern))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts match %s: %v", pattern, err)
	}
	var out []*script
	for _, p := range paths {
		sc, err := parseScript(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sc)
	}
	return out
}

// keyMap is the console's keymap with the script's `[keys]` applied, as
// the program builds it: bindings are resolved through it.
func (sc *script) keyMap(t *testing.T) *common.KeyMap {
	t.Helper()
	c, err := ui.NewCommon(ui.CommonOptions{Keys: sc.keys})
	if err != nil {
		t.Fatalf("%s: the script's keys: %v", sc.path, err)
	}
	return c.Keys
}

// missingViews are the script's required views the registry lacks.
func (sc *script) missingViews() []string {
	have := map[string]bool{}
	for _, e := range ui.Registry() {
		have[string(e.ID)] = true
	}
	var out []string
	for _, v := range sc.requires {
		if !have[v] {
			out = append(out, v)
		}
	}
	return out
}

// runner plays one script on one program in tmux.
type runner struct {
	t    *testing.T
	sc   *script
	s    *tmuxtest.Session
	km   *common.KeyMap
	vars map[string]string
	// shot, when set, receives each `shot` capture (with ANSI styling).
	shot func(name, ansi string)
}

// run starts the binary for sc and plays its steps.
func run(t *testing.T, bin string, sc *script, shot func(name, ansi string)) {
	t.Helper()
	if missing := sc.missingViews(); len(missing) > 0 {
		t.Skipf("%s needs views not registered: %s", sc.path, strings.Join(missing, ", "))
	}
	// A home of its own: the audit trail and config stay in the test.
	home := t.TempDir()
	cfg := filepath.Join(home, "config")
	if len(sc.keys) > 0 {
		writeKeys(t, filepath.Join(cfg, "twilio-verify"), sc.keys)
	}
	r := &runner{t: t, sc: sc, km: sc.keyMap(t), vars: map[string]string{}, shot: shot}
	r.s = tmuxtest.Start(t, tmuxtest.Options{
		Binary: bin, Args: sc.args, Width: sc.width, Height: sc.height,
		Env: []string{"HOME=" + home, "XDG_CONFIG_HOME=" + cfg, "XDG_STATE_HOME=" + filepath.Join(home, "state"), "TWILIO_VERIFY_CONFIG_DIR=", "TWILIO_ACCOUNT_SID=", "TWILIO_AUTH_TOKEN=",
			"TWILIO_API_KEY=", "TWILIO_API_SECRET="},
	})
	for _, st := range sc.steps {
		r.step(st)
	}
}

// writeKeys writes a config.toml with a `[keys]` table.
func writeKeys(t *testing.T, dir string, keys map[string][]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("[keys]\n")
	for name, ks := range keys {
		fmt.Fprintf(&b, "%s = [%s]\n", name, quoteAll(ks))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// quoteAll is ks as TOML strings, comma-separated.
func quoteAll(ks []string) string {
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = strconv.Quote(k)
	}
	return strings.Join(q, ", ")
}

// step plays one line.
func (r *runner) step(st step) {
	r.t.Helper()
	where := fmt.Sprintf("%s:%d %s %s", filepath.Base(r.sc.path), st.line, st.verb, st.arg)
	arg := r.expand(st.arg)
	switch st.verb {
	case "wait":
		r.waitUntil(where, func(sc string) bool { return strings.Contains(sc, arg) })
	case "gone":
		r.waitUntil(where, func(sc string) bool { return !strings.Contains(sc, arg) })
	case "key":
		for _, name := range strings.Fields(arg) {
			k := r.resolve(where, name)
			r.s.Press(k)
			if k == "esc" {
				// An escape followed at once by a key reads as alt+key.
				time.Sleep(250 * time.Millisecond)
			}
		}
	case "type":
		r.s.Type(arg)
	case "capture":
		name, expr, _ := strings.Cut(arg, " ")
		re, err := regexp.Compile(expr)
		if err != nil || re.NumSubexp() < 1 {
			r.t.Fatalf("%s: capture wants a name and a regexp with a group: %v", where, err)
		}
		sc := r.waitUntil(where, re.MatchString)
		r.vars[name] = re.FindStringSubmatch(sc)[1]
	case "match":
		re, err := regexp.Compile(arg)
		if err != nil {
			r.t.Fatalf("%s: %v", where, err)
		}
		r.waitUntil(where, re.MatchString)
	case "totp":
		r.totp(where, arg)
	case "resize":
		var w, h int
		if _, err := fmt.Sscanf(arg, "%d %d", &w, &h); err != nil {
			r.t.Fatalf("%s: resize wants W H", where)
		}
		r.s.Resize(w, h)
	case "sleep":
		d, err := time.ParseDuration(arg)
		if err != nil {
			r.t.Fatalf("%s: %v", where, err)
		}
		time.Sleep(d)
	case "shot":
		if r.shot != nil {
			r.shot(arg, r.s.ScreenANSI())
		}
	case "exit":
		want, err := strconv.Atoi(arg)
		if err != nil {
			r.t.Fatalf("%s: exit wants a status", where)
		}
		r.s.WaitExit(waitTimeout)
		if got := r.s.ExitStatus(); got != want {
			r.t.Fatalf("%s: the program exited with %d:\n%s", where, got, r.s.Screen())
		}
	}
}

// totp keeps as $name the code an authenticator app shows for a secret
// ("totp code $secret", or "totp next $secret +30s" for a later step):
// spaces in the secret (the screen groups it by four) are ignored.
func (r *runner) totp(where, arg string) {
	f := strings.Fields(arg)
	if len(f) < 2 {
		r.t.Fatalf("%s: totp wants a name and a secret", where)
	}
	at := time.Now()
	secret := strings.Join(f[1:], "")
	if last := f[len(f)-1]; strings.HasPrefix(last, "+") {
		d, err := time.ParseDuration(last[1:])
		if err != nil {
			r.t.Fatalf("%s: %v", where, err)
		}
		at = at.Add(d)
		secret = strings.Join(f[1:len(f)-1], "")
	}
	code, err := twilioapi.TOTPCode(secret, at, "sha1", 6, 30)
	if err != nil {
		r.t.Fatalf("%s: %v", where, err)
	}
	r.vars[f[0]] = code
}

// resolve is the key to press for name: a binding's first key (through
// the keymap, so `[keys]` rebinding is followed), else name itself (a
// key such as enter, esc or backspace).
func (r *runner) resolve(where, name string) string {
	if b, ok := r.km.ByName(name); ok {
		if len(b.Keys()) == 0 {
			r.t.Fatalf("%s: binding %s has no keys", where, name)
		}
		return b.Keys()[0]
	}
	if strings.Contains(name, "_") {
		r.t.Fatalf("%s: no binding called %s (known: %s)", where, name, strings.Join(r.km.BindingNames(), ", "))
	}
	return name
}

// expand replaces $name with a captured value.
func (r *runner) expand(s string) string {
	for name, v := range r.vars {
		s = strings.ReplaceAll(s, "$"+name, v)
	}
	return s
}

// waitUntil polls the screen until ok, failing with the screen after
// waitTimeout.
func (r *runner) waitUntil(where string, ok func(string) bool) string {
	r.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		sc := r.s.Screen()
		if ok(sc) {
			return sc
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%s: not seen within %s; the screen:\n%s", where, waitTimeout, sc)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
