package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
)

const cliIdentity = "3f2c5e1a-7b4d-4c1e-9a8f-0d6b2e4c7a91"

// totpTestCmd is the totp command on an in-memory keyring and an empty
// environment (so --sandbox or no credentials means the sandbox).
func totpTestCmd(t *testing.T, mem *keyring.Memory) *cobra.Command {
	t.Helper()
	dir := t.TempDir()
	d := totpDeps{
		creds: credDeps{configDir: func() (string, error) { return dir, nil }, secrets: keyring.NewMemory(),
			getenv: func(string) string { return "" }, stateDir: func() (string, error) { return dir, nil }},
		keeper: keyring.NewTOTPKeeper(mem),
	}
	root := &cobra.Command{Use: "twilio-verify", SilenceErrors: true, SilenceUsage: true}
	root.AddCommand(newTOTPCmd(d))
	return root
}

var (
	secretLine = regexp.MustCompile(`(?m)^Secret  ([A-Z2-7]+)$`)
	factorLine = regexp.MustCompile(`(?m)^Factor  (YF[0-9a-f]{32}) `)
)

// enrollInteractive runs `totp enroll` with piped stdin: it waits for the
// secret on stdout, then types codes from answer(secret) one a line.
func enrollInteractive(t *testing.T, mem *keyring.Memory, args []string, answer func(secret string) []string) (stdout, stderr string, code int) {
	t.Helper()
	root := totpTestCmd(t, mem)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var errb bytes.Buffer
	root.SetIn(inR)
	root.SetOut(outW)
	root.SetErr(&errb)
	root.SetArgs(append([]string{"totp", "enroll"}, args...))
	done := make(chan error, 1)
	go func() { err := root.ExecuteContext(context.Background()); outW.Close(); done <- err }()
	var out strings.Builder
	sc := bufio.NewScanner(outR)
	fed := false
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if m := secretLine.FindStringSubmatch(sc.Text()); m != nil && !fed {
			fed = true
			go func() {
				for _, c := range answer(m[1]) {
					io.WriteString(inW, c+"\n")
				}
				inW.Close()
			}()
		}
	}
	if !fed {
		inW.Close()
	}
	err := <-done
	return out.String(), errb.String(), exitCode(err)
}

func nowCode(t *testing.T, secret string) string {
	c, err := twilioapi.TOTPCode(secret, time.Now(), "sha1", 6, 30)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTOTPEnrollVerifiesWithTheAppCode: the QR code (half blocks), URI
// and secret are printed; a wrong code leaves attempts, the right one
// verifies (exit 0); the secret is kept only with --keep-secret, and
// `totp code` prints the code from it.
func TestTOTPEnrollVerifiesWithTheAppCode(t *testing.T) {
	mem := keyring.NewMemory()
	out, errOut, code := enrollInteractive(t, mem, []string{"--sandbox", "--identity", cliIdentity, "--name", "Alice", "--keep-secret"},
		func(secret string) []string {
			return []string{"000000x", wrongOf(nowCode(t, secret)), nowCode(t, secret)}
		})
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "▄") || !strings.Contains(out, "otpauth://totp/") || !strings.Contains(out, "verified.") {
		t.Fatalf("output:\n%s", out)
	}
	if !strings.Contains(errOut, "4 of 5 attempts left") || !strings.Contains(errOut, "must be 3 to 8 digits") {
		t.Fatalf("stderr:\n%s", errOut)
	}
	sid := factorLine.FindStringSubmatch(out)[1]
	secret := secretLine.FindStringSubmatch(out)[1]
	kt, err := keyring.NewTOTPKeeper(mem).Get(sid)
	if err != nil || kt.Secret != secret {
		t.Fatalf("kept %+v %v", kt, err)
	}
	root := totpTestCmd(t, mem)
	var o bytes.Buffer
	root.SetOut(&o)
	root.SetErr(io.Discard)
	root.SetArgs([]string{"totp", "code", "--factor", sid})
	if err := root.Execute(); err != nil || strings.TrimSpace(o.String()) != nowCode(t, secret) {
		t.Fatalf("totp code: %q %v", o.String(), err)
	}
}

// TestTOTPEnrollRefusedAndJSON: without keep the keyring stays empty;
// --json prints the factor with its binding and no QR code; stdin ending
// before a right code exits 3.
func TestTOTPEnrollRefusedAndJSON(t *testing.T) {
	mem := keyring.NewMemory()
	root := totpTestCmd(t, mem)
	var out, errb bytes.Buffer
	root.SetIn(strings.NewReader("123456\n"))
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs([]string{"totp", "enroll", "--sandbox", "--identity", cliIdentity, "--json"})
	err := root.Execute()
	var j factorJSON
	if json.NewDecoder(&out).Decode(&j) != nil || j.Binding["secret"] == "" || j.Status != "unverified" {
		t.Fatalf("json: %+v", j)
	}
	if strings.Contains(out.String(), "█") {
		t.Fatal("--json printed a QR code")
	}
	if code := exitCode(err); code != exitNotApproved && nowCode(t, j.Binding["secret"]) != "123456" {
		t.Fatalf("exit %d, want 3: %v", code, err)
	}
	if _, err := keyring.NewTOTPKeeper(mem).Get(j.SID); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("keep off but kept: %v", err)
	}
}

// TestTOTPExitCodes: bad input 2, no kept secret 1, a network failure 4.
func TestTOTPExitCodes(t *testing.T) {
	for _, args := range [][]string{
		{"totp", "enroll", "--identity", "x"},
		{"totp", "enroll", "--identity", cliIdentity, "--service", "VAnope"},
		{"totp", "code", "--factor", "nope"},
		{"totp", "enroll", "--sandbox", "--profile", "p", "--identity", cliIdentity},
	} {
		if r := execCLI(t, "", args...); r.code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
	root := totpTestCmd(t, keyring.NewMemory())
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	root.SetArgs([]string{"totp", "code", "--factor", "YF0123456789abcdef0123456789abcdef"})
	if err := root.Execute(); exitCode(err) != 1 || !strings.Contains(err.Error(), "keep secret") {
		t.Fatalf("no kept secret: exit %d %v", exitCode(err), err)
	}
	netErr := &twilioapi.Error{Kind: twilioapi.KindRefused, Message: "connection refused"}
	if got := exitCode(netErr); got != exitNetwork {
		t.Fatalf("network failure: exit %d", got)
	}
	limit := &twilioapi.Error{Kind: twilioapi.KindAPI, Status: 429, Code: twilioapi.CodeMaxFactorAttempts}
	if got := exitCode(codeRefused{limit}); got != exitNotApproved {
		t.Fatalf("60310: exit %d", got)
	}
}

func wrongOf(code string) string {
	b := []byte(code)
	for i := range b {
		b[i] = '0' + (b[i]-'0'+5)%10
	}
	return string(b)
}
