//go:build linux

package cli

import (
	"io"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/creack/pty"
)

// echoOn reads the ECHO flag of the terminal fd.
func echoOn(t *testing.T, fd uintptr) bool {
	t.Helper()
	var tio syscall.Termios
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TCGETS, uintptr(unsafe.Pointer(&tio))); e != 0 {
		t.Fatal(e)
	}
	return tio.Lflag&syscall.ECHO != 0
}

// On a real terminal the account SID is typed visibly (it is no secret)
// and the auth token with echo off: the terminal shows the one, never the
// other.
func TestPromptsOnATerminal(t *testing.T) {
	master, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pty:", err)
	}
	defer master.Close()
	defer tty.Close()
	var screen syncBuffer
	go io.Copy(&screen, master)

	const sid, token = "AC0123456789abcdef0123456789abcdef", "tok3nS3cretValue0000000000000001"
	var prompts syncBuffer
	p := newCredPrompter(tty, &prompts)
	if !p.tty {
		t.Fatal("the pty is not seen as a terminal")
	}
	type answer struct {
		sid, token string
		err        error
	}
	done := make(chan answer, 1)
	go func() {
		var a answer
		if a.sid, a.err = p.sid("Account SID"); a.err == nil {
			a.token, a.err = p.secret("Auth token")
		}
		done <- a
	}()
	wait := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; prompts %q, screen %q", what, prompts.String(), screen.String())
			}
		}
	}
	wait("the SID prompt", func() bool { return strings.Contains(prompts.String(), "Account SID: ") })
	if !echoOn(t, tty.Fd()) {
		t.Fatal("echo is off for the SID")
	}
	master.WriteString(sid + "\r")
	wait("the token prompt with echo off", func() bool {
		return strings.Contains(prompts.String(), "Auth token (input hidden): ") && !echoOn(t, tty.Fd())
	})
	master.WriteString(token + "\r")
	a := <-done
	if a.err != nil || a.sid != sid || a.token != token {
		t.Fatalf("answers %q %q %v", a.sid, a.token, a.err)
	}
	if !echoOn(t, tty.Fd()) {
		t.Error("echo not restored after the token")
	}
	wait("the SID's echo", func() bool { return strings.Contains(screen.String(), sid) })
	if strings.Contains(screen.String(), token) || strings.Contains(prompts.String(), token) {
		t.Errorf("the token was shown: screen %q, prompts %q", screen.String(), prompts.String())
	}
	if strings.Contains(prompts.String(), "SID (input hidden)") {
		t.Errorf("the SID prompt says hidden: %q", prompts.String())
	}
}
