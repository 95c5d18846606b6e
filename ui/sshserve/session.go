package sshserve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/twilio-verify/twilio-verify/ui"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Why a session ended, when the server ended it; each is what the
// visitor reads once the console is gone.
var (
	errShutdown = errors.New("server shutting down")
	errIdle     = errors.New("closed after no input")
)

// session is one running console, as the server tracks it.
type session struct {
	id     uint64
	cancel context.CancelCauseFunc

	mu      sync.Mutex
	program *tea.Program
}

// setProgram records the program once it is built.
func (ss *session) setProgram(p *tea.Program) {
	ss.mu.Lock()
	ss.program = p
	ss.mu.Unlock()
}

// notify shows text in the session's status line (nothing when the
// program is not running yet or any more).
func (ss *session) notify(text string) {
	ss.mu.Lock()
	p := ss.program
	ss.mu.Unlock()
	if p != nil {
		// Send waits for the program; it returns when the program ends.
		go p.Send(common.FlashMsg{Level: common.FlashWarn, Text: text})
	}
}

// end stops the session's program, recording why.
func (ss *session) end(why error) { ss.cancel(why) }

// admit takes a session slot, or says why there is none.
func (s *Server) admit(cancel context.CancelCauseFunc) (*session, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return nil, "twilio-verify: server shutting down; please come back later."
	case len(s.sessions) >= s.o.MaxSessions:
		return nil, fmt.Sprintf("twilio-verify: sorry, the server is full (%d sessions at once); please try again in a few minutes.", s.o.MaxSessions)
	}
	s.nextID++
	ss := &session{id: s.nextID, cancel: cancel}
	s.sessions[ss.id] = ss
	s.running.Add(1)
	return ss, ""
}

// vacate gives the session's slot back (again is harmless): a new visitor
// may take it, even while this session is still saying goodbye.
func (s *Server) vacate(ss *session) {
	s.mu.Lock()
	delete(s.sessions, ss.id)
	s.mu.Unlock()
}

// release ends the session for the server: its slot, and the count that
// Shutdown waits for.
func (s *Server) release(ss *session) {
	s.vacate(ss)
	s.running.Done()
}

// refuse tells the visitor why there is no console and ends the session.
func refuse(sess ssh.Session, text string) {
	_, _ = io.WriteString(sess, text+"\n")
	_ = sess.Exit(1)
}

// restoreTerminal undoes what a console may have left on the visitor's
// terminal (alternate screen, hidden cursor, mouse reporting, colours)
// when it did not get to restore it itself.
const restoreTerminal = "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1049l\x1b[?25h\x1b[0m\r\n"

// handle is the session handler: one console per SSH session.
func (s *Server) handle(_ ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		log := s.log.With("remote", sess.RemoteAddr().String(), "user", sess.User())
		// The key the connection authenticated with (charm.land/ssh keeps
		// the one that succeeded, not the last one offered); checked again
		// so that no path into a session skips the allowlist.
		key := sess.PublicKey()
		if !s.keyAllowed(key) {
			log.Warn("ssh session without an allowed key")
			refuse(sess, "twilio-verify: not authorised.")
			return
		}
		pty, winch, ok := sess.Pty()
		if !ok {
			refuse(sess, "twilio-verify serves an interactive console: connect with ssh -t.")
			return
		}
		if len(sess.Command()) > 0 {
			refuse(sess, "twilio-verify serves an interactive console and runs no commands: connect without one.")
			return
		}
		ctx, cancel := context.WithCancelCause(sess.Context())
		defer cancel(nil)
		ss, why := s.admit(cancel)
		if ss == nil {
			log.Info("ssh session refused", "why", why)
			refuse(sess, why)
			return
		}
		defer s.release(ss)

		op := common.Operator{User: sess.User(), KeyFingerprint: gossh.FingerprintSHA256(key), Remote: true}
		log = log.With("session", ss.id, "operator", op.String())
		log.Info("ssh session started", "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
		code := s.run(ctx, sess, ss, op, pty, winch, log)
		ended := "the console ended"
		switch cause := context.Cause(ctx); {
		case errors.Is(cause, errShutdown):
			ended = errShutdown.Error()
			_, _ = io.WriteString(sess, "twilio-verify: server shutting down.\n")
		case errors.Is(cause, errIdle):
			ended = errIdle.Error()
			_, _ = fmt.Fprintf(sess, "twilio-verify: %s for %s.\n", errIdle, s.o.IdleTimeout)
		}
		log.Info("ssh session ended", "exit", code, "why", ended)
		// The slot is free before the visitor learns the session is
		// over: one who reconnects at once must not read "server full".
		// Shutdown still waits for the exit status to go (release).
		s.vacate(ss)
		_ = sess.Exit(code)
	}
}

// run builds and runs the session's program and returns the exit status.
// A panic here (building, running, cleaning up) ends this session only:
// the visitor's terminal is restored and told, the server goes on.
func (s *Server) run(ctx context.Context, sess ssh.Session, ss *session, op common.Operator,
	pty ssh.Pty, winch <-chan ssh.Window, log *slog.Logger) (code int) {
	defer func() {
		if r := recover(); r != nil {
			log.Error("ssh session panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			_, _ = io.WriteString(sess, restoreTerminal+"twilio-verify: this session crashed and was closed; the server is still up.\n")
			code = 1
		}
	}()
	env := sessionEnv(sess.Environ(), pty.Term)
	in := &activityReader{r: sess, now: s.o.Clock}
	in.touch()
	bo := ui.BuildOptions{
		Ctx:            ctx,
		Sandbox:        !s.o.Live,
		SandboxOptions: s.o.SandboxOptions,
		Operator:       op,
		ReadOnly:       s.o.ReadOnly,
		Audit:          s.o.Audit,
		Keys:           s.o.Keys,
		Logger:         s.o.Logger.With("session", ss.id),
		Input:          in,
		Output:         sess,
		Width:          pty.Window.Width,
		Height:         pty.Window.Height,
		Environ:        env,
		Clock:          s.o.sessionClock,
		Extra: []tea.ProgramOption{
			tea.WithColorProfile(colorProfile(env)),
			// The server's signals are the server's: SIGINT/SIGTERM mean
			// Shutdown, not "quit every console at once".
			tea.WithoutSignalHandler(),
			// ctrl+z must not suspend the server process.
			tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
				if _, ok := msg.(tea.SuspendMsg); ok {
					return tea.ResumeMsg{}
				}
				return msg
			}),
		},
	}
	if s.o.Live {
		bo.Creds = s.o.Creds
	}
	p, cleanup, err := s.o.build(bo)
	if err != nil {
		log.Error("ssh session: build the console", "err", err.Error())
		_, _ = io.WriteString(sess, "twilio-verify: the console could not start; please try again later.\n")
		return 1
	}
	defer cleanup()
	ss.setProgram(p)

	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); forwardWindowChanges(ctx, p, winch, log) }()
	go func() { defer wg.Done(); s.watchIdle(ctx, ss, in) }()
	_, err = p.Run()
	// The program is over: stop the helpers (they watch ctx) and wait
	// for them, so nothing of this session outlives it.
	ss.cancel(nil)
	wg.Wait()
	ss.setProgram(nil)
	if errors.Is(err, tea.ErrProgramPanic) {
		log.Error("ssh session: the console panicked", "err", err.Error())
		_, _ = io.WriteString(sess, restoreTerminal+"twilio-verify: this session crashed and was closed; the server is still up.\n")
		return 1
	}
	return 0
}

// forwardWindowChanges turns the client's window-change requests into
// WindowSizeMsg until ctx ends (the emulated PTY has no SIGWINCH).
func forwardWindowChanges(ctx context.Context, p *tea.Program, winch <-chan ssh.Window, log *slog.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case w, ok := <-winch:
			if !ok {
				return
			}
			log.Debug("window", "width", w.Width, "height", w.Height)
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		}
	}
}

// watchIdle ends the session once its visitor has typed nothing for the
// idle timeout.
func (s *Server) watchIdle(ctx context.Context, ss *session, in *activityReader) {
	wait := s.o.IdleTimeout
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		idle := s.o.Clock().Sub(in.last())
		if idle >= s.o.IdleTimeout {
			ss.end(errIdle)
			return
		}
		wait = s.o.IdleTimeout - idle
	}
}

// activityReader is the session's input, remembering when it last read
// anything (the idle timeout's clock).
type activityReader struct {
	r    io.Reader
	now  func() time.Time
	nano atomic.Int64
}

func (a *activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.touch()
	}
	return n, err
}

func (a *activityReader) touch() { a.nano.Store(a.now().UnixNano()) }

func (a *activityReader) last() time.Time { return time.Unix(0, a.nano.Load()) }
