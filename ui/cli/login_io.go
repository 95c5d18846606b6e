package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"golang.org/x/term"
)

// credPrompter asks for credentials. Only secrets are typed hidden: on a
// terminal they are read with echo off (golang.org/x/term), while a SID,
// which is no secret, is typed and seen as usual. Otherwise (a pipe, a
// test) each answer is one line of stdin, and a SID is shown back masked
// so the user sees what was taken.
type credPrompter struct {
	in  *bufio.Reader
	fd  int  // stdin's descriptor when it is a terminal
	tty bool // stdin is a terminal
	out io.Writer
}

func newCredPrompter(stdin io.Reader, prompts io.Writer) *credPrompter {
	p := &credPrompter{in: bufio.NewReader(stdin), out: prompts}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.fd, p.tty = int(f.Fd()), true
	}
	return p
}

// sid asks for a SID, typed visibly.
func (p *credPrompter) sid(label string) (string, error) {
	return p.ask(label, false)
}

// secret asks for a secret, typed hidden; nothing of it is ever echoed.
func (p *credPrompter) secret(label string) (string, error) {
	return p.ask(label, true)
}

func (p *credPrompter) ask(label string, hidden bool) (string, error) {
	if hidden {
		fmt.Fprintf(p.out, "%s (input hidden): ", label)
	} else {
		fmt.Fprintf(p.out, "%s: ", label)
	}
	var s string
	var err error
	if p.tty && hidden {
		s, err = p.readHidden()
	} else {
		// A terminal in canonical mode hands over one line per read, so
		// nothing of a later answer stays in the buffer for readHidden
		// (which reads the descriptor itself) to miss.
		s, err = p.in.ReadString('\n')
		if errors.Is(err, io.EOF) && strings.TrimSpace(s) != "" {
			err = nil // last line without a newline
		}
	}
	s = strings.TrimSpace(s)
	switch {
	case p.tty && hidden:
		fmt.Fprintln(p.out) // the Enter typed was not echoed
	case !p.tty && !hidden:
		fmt.Fprintln(p.out, twilioapi.MaskSID(s))
	case !p.tty:
		fmt.Fprintln(p.out)
	}
	if errors.Is(err, io.EOF) {
		return "", usageError{fmt.Errorf("no answer for %s (stdin closed)", label)}
	}
	return s, err
}

// readHidden reads one line with echo off and puts echo back even when the
// user presses Ctrl-C (the process then exits 130, like a shell).
func (p *credPrompter) readHidden() (string, error) {
	state, err := term.GetState(p.fd)
	if err != nil {
		return "", err
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			term.Restore(p.fd, state)
			fmt.Fprintln(p.out)
			os.Exit(130)
		case <-done:
		}
	}()
	b, err := term.ReadPassword(p.fd)
	close(done)
	signal.Stop(sig)
	return string(b), err
}
