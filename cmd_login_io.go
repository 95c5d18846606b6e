package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"golang.org/x/term"
)

// credPrompter asks for credentials: on a terminal the secret is read with
// echo off; otherwise (a pipe, a test) each answer is one line of stdin.
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

// line asks for a value that may be shown (a SID).
func (p *credPrompter) line(label string) (string, error) {
	fmt.Fprintf(p.out, "%s: ", label)
	s, err := p.in.ReadString('\n')
	if !p.tty && err == nil {
		fmt.Fprintln(p.out)
	}
	s = strings.TrimSpace(s)
	if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
		fmt.Fprintln(p.out)
		return "", usagef(fmt.Errorf("no answer for %s (stdin closed)", label))
	}
	return s, nil
}

// secret asks for a value that must not be shown. On a terminal, echo is
// off while typing and is put back even on Ctrl-C.
func (p *credPrompter) secret(label string) (string, error) {
	if !p.tty {
		fmt.Fprintf(p.out, "%s (hidden): ", label)
		s, err := p.in.ReadString('\n')
		fmt.Fprintln(p.out)
		s = strings.TrimSpace(s)
		if err != nil && (s == "" || !errors.Is(err, io.EOF)) {
			return "", usagef(fmt.Errorf("no answer for %s (stdin closed)", label))
		}
		return s, nil
	}
	fmt.Fprintf(p.out, "%s (input hidden): ", label)
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
	fmt.Fprintln(p.out)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}
