package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// These tests run the real command tree in-process against go-keyring's
// global mock (so none of them is parallel) and a sandbox on loopback.

// cliResult is one command run.
type cliResult struct {
	stdout, stderr string
	code           int
}

// execCLI runs args through newRootCmd with stdin, mapping errors to exit
// codes exactly as Execute does.
func execCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	err := runRoot(context.Background(), newRootCmd(testVersion), args, strings.NewReader(stdin), &out, &errb)
	if err != nil {
		errb.WriteString("twilio-verify: " + errorText(err) + "\n")
	}
	return cliResult{out.String(), errb.String(), exitCode(err)}
}

// credEnv gives the test a fresh config dir (the audit trail in its
// state/), a fresh mock keyring and no TWILIO_* variables, and returns the
// config dir. The mock needs no bus, but the keyring refuses every call
// while DBUS_SESSION_BUS_ADDRESS is unset: the test gets an address that
// is never dialled.
func credEnv(t *testing.T) string {
	t.Helper()
	gokeyring.MockInit()
	t.Setenv(keyring.BusAddressVar, "unix:path=/nonexistent/mock-keyring-bus")
	dir := t.TempDir()
	t.Setenv("TWILIO_VERIFY_CONFIG_DIR", dir)
	t.Setenv("TWILIO_VERIFY_STATE_DIR", filepath.Join(dir, "state"))
	for _, k := range []string{"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_REGION", "TWILIO_EDGE", "TWILIO_CONFIG_DIR"} {
		t.Setenv(k, "")
	}
	return dir
}

// startSandbox serves a fresh sandbox on 127.0.0.1:0.
func startSandbox(t *testing.T) (*sandbox.Sandbox, string) {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sandbox.Listen(sb, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return sb, srv.URL()
}

// mockSecret reads the mock keyring directly.
func mockSecret(name string) (string, bool) {
	v, err := gokeyring.Get(keyring.ServiceName, name)
	return v, err == nil
}

// assertNoSecretInDir fails if any file under dir contains secret.
func assertNoSecretInDir(t *testing.T, dir, secret string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains the secret", p)
			}
		}
		return nil
	})
}

func TestLoginPromptedAuthToken(t *testing.T) {
	dir := credEnv(t)
	sb, url := startSandbox(t)
	r := execCLI(t, sb.AccountSID()+"\n"+sb.AuthToken()+"\n", "login", "--profile", "sb", "--sandbox-url", url)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if v, ok := mockSecret("sb"); !ok || v != sb.AuthToken() {
		t.Fatal("auth token not in the keyring")
	}
	cfg, err := keyring.LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := cfg.Profile("sb")
	if !ok || p.AccountSID != sb.AccountSID() || p.AuthMode != keyring.AuthToken || cfg.Default != "sb" {
		t.Fatalf("config %+v", cfg)
	}
	for _, s := range []string{r.stdout, r.stderr} {
		if strings.Contains(s, sb.AuthToken()) {
			t.Errorf("output shows the token:\n%s", s)
		}
	}
	// Only the secret is typed hidden: the SID is no secret.
	if !strings.Contains(r.stderr, "Account SID: ") || strings.Contains(r.stderr, "SID (input hidden)") || !strings.Contains(r.stderr, "Auth token (input hidden): ") {
		t.Errorf("prompts:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, `Saved profile "sb"`) || !strings.Contains(r.stdout, `"sb" is the default profile`) {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	assertNoSecretInDir(t, dir, sb.AuthToken())
}

// A profile saved with --sandbox-url remembers the sandbox: `profiles`
// shows it, and the credentials resolve to a client that talks to that
// sandbox (never to Twilio, which would refuse them).
func TestSandboxProfileStaysOnSandbox(t *testing.T) {
	dir := credEnv(t)
	sb, url := startSandbox(t)
	if r := execCLI(t, sb.AccountSID()+"\n"+sb.AuthToken()+"\n", "login", "--profile", "local", "--sandbox-url", url); r.code != 0 ||
		!strings.Contains(r.stdout, "talks to the sandbox at "+url) {
		t.Fatalf("login: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	cfg, _ := keyring.LoadConfig(dir)
	if p, _ := cfg.Profile("local"); p.BaseURL != url {
		t.Fatalf("base_url = %q, want %q", p.BaseURL, url)
	}
	r := execCLI(t, "", "profiles")
	if r.code != 0 || !lineWith(r.stdout, "local", "sandbox "+url) {
		t.Fatalf("profiles does not show the sandbox:\n%s", r.stdout)
	}
	creds, err := keyring.Resolve(dir, keyring.SystemSecrets(0), "local", func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	c, err := twilioapi.New(creds.APIConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.IsSandbox() || c.BaseURL() != url {
		t.Fatalf("client BaseURL %q", c.BaseURL())
	}
	page, err := c.ListServicesPage(context.Background(), 5, "")
	if err != nil || len(page.Services) != 1 {
		t.Fatalf("list on the sandbox: %v %+v", err, page)
	}
}

func TestLoginAPIKeyFromEnv(t *testing.T) {
	dir := credEnv(t)
	sb, url := startSandbox(t)
	sk, secret := sb.IssueAPIKey()
	t.Setenv("TWILIO_ACCOUNT_SID", sb.AccountSID())
	t.Setenv("TWILIO_API_KEY", sk)
	t.Setenv("TWILIO_API_SECRET", secret)
	t.Setenv("TWILIO_REGION", "ie1")
	// First a token profile, so the key profile is not the default...
	execCLI(t, sb.AccountSID()+"\n"+sb.AuthToken()+"\n", "login", "--profile", "first", "--sandbox-url", url)
	r := execCLI(t, "", "login", "--from-env", "--api-key", "--profile", "key", "--sandbox-url", url)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if v, _ := mockSecret("key"); v != secret {
		t.Fatal("API key secret not in the keyring")
	}
	cfg, _ := keyring.LoadConfig(dir)
	p, _ := cfg.Profile("key")
	if p.AuthMode != keyring.APIKey || p.APIKeySID != sk || p.Region != "ie1" || cfg.Default != "first" {
		t.Fatalf("profile %+v default %q", p, cfg.Default)
	}
	// ...until --default says so.
	if r := execCLI(t, "", "login", "--from-env", "--profile", "key", "--default", "--sandbox-url", url); r.code != 0 {
		t.Fatalf("relogin: %d %s", r.code, r.stderr)
	}
	if cfg, _ := keyring.LoadConfig(dir); cfg.Default != "key" {
		t.Errorf("default = %q", cfg.Default)
	}
	assertNoSecretInDir(t, dir, secret)
}

// A wrong token is reported as Twilio's 20003 with its hint; nothing saved.
func TestLoginWrongTokenSavesNothing(t *testing.T) {
	dir := credEnv(t)
	sb, url := startSandbox(t)
	wrong := strings.Repeat("0", 32)
	r := execCLI(t, sb.AccountSID()+"\n"+wrong+"\n", "login", "--profile", "bad", "--sandbox-url", url)
	if r.code != 1 || !strings.Contains(r.stderr, "20003") || !strings.Contains(r.stderr, "nothing was saved") || !strings.Contains(r.stderr, "Check the Account SID") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if _, ok := mockSecret("bad"); ok {
		t.Error("secret saved after a failed check")
	}
	if _, err := os.Stat(keyring.ConfigPath(dir)); err == nil {
		t.Error("config written after a failed check")
	}
}

// Bad input: a clear message, exit code 2, nothing saved.
func TestCredentialUsageErrors(t *testing.T) {
	sid := "AC0123456789abcdef0123456789abcdef"
	tests := []struct {
		name  string
		stdin string
		args  []string
		env   map[string]string
		want  string
	}{
		{"sid wrong prefix", "SK0123456789abcdef0123456789abcdef\n", []string{"login"}, nil, `must start with "AC"`},
		{"sid wrong length", "AC0123\n", []string{"login"}, nil, "has 6 characters; it must have 34"},
		{"empty token", sid + "\n\n", []string{"login"}, nil, "auth token is empty"},
		{"token with symbols", sid + "\nab-cd\n", []string{"login"}, nil, "letters and digits"},
		{"bad api key sid", sid + "\nAC0123456789abcdef0123456789abcdef\n", []string{"login", "--api-key"}, nil, `must start with "SK"`},
		{"empty api secret", sid + "\nSK0123456789abcdef0123456789abcdef\n\n", []string{"login", "--api-key"}, nil, "API key secret is empty"},
		{"stdin closed", "", []string{"login"}, nil, "no answer for Account SID"},
		{"bad profile name", "", []string{"login", "--profile", "a b"}, nil, "profile name"},
		{"from-env without env", "", []string{"login", "--from-env"}, nil, "--from-env needs TWILIO_ACCOUNT_SID"},
		{"from-env bad sid", "", []string{"login", "--from-env"}, map[string]string{"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "x"}, "TWILIO_ACCOUNT_SID"},
		{"from-env api-key without key", "", []string{"login", "--from-env", "--api-key"}, map[string]string{"TWILIO_ACCOUNT_SID": sid, "TWILIO_AUTH_TOKEN": "abc"}, "needs TWILIO_API_KEY"},
		{"bad region", sid + "\nabc\n", []string{"login", "--region", "EU!"}, nil, "region"},
		{"bad sandbox url", sid + "\nabc\n", []string{"login", "--sandbox-url", "ftp://x?y"}, nil, "--sandbox-url: base_url must look like"},
		{"unknown flag", "", []string{"login", "--nope"}, nil, "unknown flag"},
		{"login extra arg", "", []string{"login", "x"}, nil, "unknown command"},
		{"logout unknown", "", []string{"logout", "ghost"}, nil, `unknown profile "ghost"`},
		{"logout no arg", "", []string{"logout"}, nil, "accepts 1 arg"},
		{"default unknown", "", []string{"profiles", "default", "ghost"}, nil, `unknown profile "ghost"`},
		{"profiles unknown subcommand", "", []string{"profiles", "frob"}, nil, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := credEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := execCLI(t, tt.stdin, tt.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("exit %d, want 2 with %q:\n%s", r.code, tt.want, r.stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("config dir not empty: %v", entries)
			}
			if _, ok := mockSecret("default"); ok {
				t.Error("a secret was saved")
			}
		})
	}
}

// Without a keyring, login says so before asking for anything.
func TestLoginNoKeyringFailsFirst(t *testing.T) {
	dir := credEnv(t)
	gokeyring.MockInitWithError(errNoBusForTest{})
	defer gokeyring.MockInit()
	r := execCLI(t, "", "login", "--profile", "p")
	if r.code != 1 || !strings.Contains(r.stderr, "no keyring available") || !strings.Contains(r.stderr, "TWILIO_ACCOUNT_SID") {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "Account SID:") {
		t.Error("prompted although the keyring is unavailable")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("config dir not empty: %v", entries)
	}
}

// --country sets the country national numbers are read for (not
// Twilio's --region); it is checked against the countries phone numbers
// can be read for, and a later login without it keeps it.
func TestLoginCountry(t *testing.T) {
	dir := credEnv(t)
	sb, url := startSandbox(t)
	t.Setenv("TWILIO_ACCOUNT_SID", sb.AccountSID())
	t.Setenv("TWILIO_AUTH_TOKEN", sb.AuthToken())
	country := func() string {
		cfg, _ := keyring.LoadConfig(dir)
		p, _ := cfg.Profile("uk")
		return p.DefaultCountry
	}
	for _, bad := range []string{"UK", "GBR", "1"} {
		r := execCLI(t, "", "login", "--from-env", "--profile", "uk", "--sandbox-url", url, "--country", bad)
		if r.code != 2 || !strings.Contains(r.stderr, "--country") || !strings.Contains(r.stderr, "ISO 3166") {
			t.Errorf("--country %s: exit %d\n%s", bad, r.code, r.stderr)
		}
	}
	if _, ok := mockSecret("uk"); ok {
		t.Fatal("a refused --country saved the secret")
	}
	r := execCLI(t, "", "login", "--from-env", "--profile", "uk", "--sandbox-url", url, "--country", "gb")
	if r.code != 0 || country() != "GB" || !strings.Contains(r.stdout, "read as GB numbers") {
		t.Fatalf("exit %d, country %q\n%s%s", r.code, country(), r.stdout, r.stderr)
	}
	if r := execCLI(t, "", "login", "--from-env", "--profile", "uk", "--sandbox-url", url); r.code != 0 || country() != "GB" {
		t.Fatalf("relogin: exit %d, country %q\n%s", r.code, country(), r.stderr)
	}
	if r := execCLI(t, "", "login", "--from-env", "--profile", "uk", "--sandbox-url", url, "--country", "IE"); r.code != 0 || country() != "IE" {
		t.Fatalf("relogin --country IE: exit %d, country %q\n%s", r.code, country(), r.stderr)
	}
}

// Logging out of the last profile leaves nothing to make the default:
// the command says how to add a profile instead.
func TestLogoutLastProfile(t *testing.T) {
	credEnv(t)
	sb, url := startSandbox(t)
	execCLI(t, sb.AccountSID()+"\n"+sb.AuthToken()+"\n", "login", "--profile", "only", "--sandbox-url", url)
	r := execCLI(t, "", "logout", "only")
	if r.code != 0 || !strings.Contains(r.stdout, "No profiles are left") || !strings.Contains(r.stdout, "twilio-verify login") ||
		strings.Contains(r.stdout, "profiles default") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestAfterLogout(t *testing.T) {
	two := []keyring.Profile{{Name: "x"}, {Name: "y"}}
	for _, tt := range []struct {
		left       []keyring.Profile
		wasDefault bool
		want       string
	}{
		{nil, true, "No profiles are left"},
		{nil, false, "No profiles are left"},
		{two[:1], true, "`twilio-verify profiles default x`"},
		{two, true, "`twilio-verify profiles default NAME`"},
		{two, false, ""},
	} {
		got := afterLogout(tt.left, tt.wasDefault)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("afterLogout(%d left, default %v) = %q, want %q", len(tt.left), tt.wasDefault, got, tt.want)
		}
	}
}

// errNoBusForTest has the message godbus gives without a session bus.
type errNoBusForTest struct{}

func (errNoBusForTest) Error() string { return "dbus: couldn't determine address of session bus" }

func TestLogout(t *testing.T) {
	dir := credEnv(t)
	sb, url := startSandbox(t)
	execCLI(t, sb.AccountSID()+"\n"+sb.AuthToken()+"\n", "login", "--profile", "a", "--sandbox-url", url)
	execCLI(t, sb.AccountSID()+"\n"+sb.AuthToken()+"\n", "login", "--profile", "b", "--sandbox-url", url)
	r := execCLI(t, "", "logout", "a")
	if r.code != 0 || !strings.Contains(r.stdout, `Removed profile "a"`) || !strings.Contains(r.stdout, "no default profile now") ||
		!strings.Contains(r.stdout, "`twilio-verify profiles default b`") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, ok := mockSecret("a"); ok {
		t.Error("secret still in keyring")
	}
	cfg, _ := keyring.LoadConfig(dir)
	if _, ok := cfg.Profile("a"); ok || cfg.Default != "" {
		t.Errorf("config %+v", cfg)
	}
	// Keyring gone: refused unless --force.
	gokeyring.MockInitWithError(errNoBusForTest{})
	defer gokeyring.MockInit()
	r = execCLI(t, "", "logout", "b")
	if r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Fatalf("logout without keyring: %d %s", r.code, r.stderr)
	}
	r = execCLI(t, "", "logout", "--force", "b")
	if r.code != 0 || !strings.Contains(r.stderr, "warning: could not remove the secret") {
		t.Fatalf("forced logout: %d %s", r.code, r.stderr)
	}
	if cfg, _ := keyring.LoadConfig(dir); len(cfg.Profiles) != 0 {
		t.Errorf("profiles left: %+v", cfg.Profiles)
	}
}
