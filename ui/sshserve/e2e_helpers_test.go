package sshserve_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
	"github.com/twilio-verify/twilio-verify/ui/sshserve"
)

// requireOpenSSH returns the ssh client's path, skipping (failing under
// TWILIO_VERIFY_REQUIRE_INTEGRATION=1) when OpenSSH or tmux is missing.
func requireOpenSSH(t *testing.T) string {
	t.Helper()
	tmuxtest.Require(t)
	var path string
	for _, tool := range []string{"ssh-keygen", "ssh"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			if os.Getenv(tmuxtest.RequireEnv) == "1" {
				t.Fatalf("%s is required (%s=1): %v", tool, tmuxtest.RequireEnv, err)
			}
			t.Skipf("%s not installed: %v", tool, err)
		}
		path = p
	}
	return path
}

// keygen makes an ed25519 key pair in dir and returns the private key's
// path (the public key is path + ".pub").
func keygen(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	return path
}

// fingerprint is ssh-keygen's SHA256 fingerprint of a key file.
func fingerprint(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("ssh-keygen", "-l", "-E", "sha256", "-f", path).Output()
	if err != nil {
		t.Fatalf("ssh-keygen -l %s: %v", path, err)
	}
	f := strings.Fields(string(out))
	if len(f) < 2 {
		t.Fatalf("ssh-keygen -l: %q", out)
	}
	return f[1]
}

// sshArgs are the OpenSSH client's arguments for one visitor: only the
// given key, public-key auth only, no host key bookkeeping.
func sshArgs(port, key, user string, extra ...string) []string {
	args := []string{"-tt", "-p", port, "-i", key,
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
		"-o", "PreferredAuthentications=publickey", "-o", "LogLevel=ERROR", "-F", "/dev/null"}
	args = append(args, extra...)
	return append(args, user+"@127.0.0.1")
}

// server is a running `twilio-verify serve`.
type server struct {
	t    *testing.T
	cmd  *exec.Cmd
	out  *sshserve.SyncBuffer
	done chan error
	port string
	// hostKey is the fingerprint the server printed.
	hostKey string
	exited  bool
}

var (
	portRE    = regexp.MustCompile(`on 127\.0\.0\.1:(\d+)`)
	hostKeyRE = regexp.MustCompile(`Host key:\s+(SHA256:\S+)`)
)

// startServe runs `bin serve --addr 127.0.0.1:0 args…` with its own
// config and state dirs (unless env sets them) and waits for its banner.
// It returns nil and the output when the server exits before listening.
func startServe(t *testing.T, bin string, env []string, args ...string) (*server, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"),
		"TWILIO_VERIFY_CONFIG_DIR=" + t.TempDir(), "TWILIO_VERIFY_STATE_DIR=" + t.TempDir()}, env...)
	s := &server{t: t, cmd: cmd, out: &sshserve.SyncBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if !s.exited {
			_ = cmd.Process.Kill()
			<-s.done
		}
	})
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		out := s.out.String()
		if m, k := portRE.FindStringSubmatch(out), hostKeyRE.FindStringSubmatch(out); m != nil && k != nil {
			s.port, s.hostKey = m[1], k[1]
			return s, out
		}
		select {
		case <-s.done:
			s.exited = true
			return nil, s.out.String()
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no address:\n%s", s.out.String())
	return nil, ""
}

// stop sends sig and returns the exit code and everything printed.
func (s *server) stop(sig syscall.Signal, timeout time.Duration) (int, string) {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatal(err)
	}
	var err error
	select {
	case err = <-s.done:
	case <-time.After(timeout):
		s.t.Fatalf("no exit %v after %v:\n%s", timeout, sig, s.out.String())
	}
	s.exited = true
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), s.out.String()
	}
	if err != nil {
		s.t.Fatal(err)
	}
	return 0, s.out.String()
}

// visit opens an OpenSSH client in tmux at w×h.
func (s *server) visit(sshPath, key, user string, w, h int, extra ...string) *tmuxtest.Session {
	s.t.Helper()
	return tmuxtest.Start(s.t, tmuxtest.Options{Binary: sshPath, Args: sshArgs(s.port, key, user, extra...), Width: w, Height: h})
}

// firstLine is the screen's top row.
func firstLine(screen string) string {
	line, _, _ := strings.Cut(screen, "\n")
	return line
}

// describe is a one-line summary for messages.
func describe(screen string) string {
	return fmt.Sprintf("%d rows, top %q", strings.Count(screen, "\n")+1, firstLine(screen))
}
