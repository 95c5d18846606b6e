package services

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// startSandbox serves a fresh sandbox on loopback and returns a real
// client (twilio-go over HTTP) pointed at it.
func startSandbox(t testing.TB, empty bool) *twilioapi.Client {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Empty: empty})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sandbox.Listen(sb, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cl, err := twilioapi.New(twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// newCommon builds a Common like the program's, with a fixed clock.
func newCommon(cl *twilioapi.Client) *common.Common {
	return &common.Common{
		Ctx:     context.Background(),
		Styles:  common.NewStyles(common.PlainTheme()),
		Keys:    common.DefaultKeyMap(),
		Client:  cl,
		Clock:   func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		Sandbox: true,
	}
}

// run executes a command and everything it batches, returning the
// messages in order. Views in this package return no timers, so running
// every command is safe; a call goes to the loopback sandbox.
func run(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("command did not finish in 10 s")
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(t, c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// shell is the part of the shell's routing the view relies on: results
// and view-private messages go back to the view, ServiceSelectedMsg is
// broadcast (back to the view too), and flashes, confirms and error
// dialogs are recorded.
type shell struct {
	t       testing.TB
	m       Model
	flashes []common.FlashMsg
	confirm *common.ConfirmMsg
	errs    []common.ShowErrorMsg
	current twilioapi.Service
	other   []tea.Msg
}

func newShell(t testing.TB, c *common.Common, w, h int) *shell {
	s := &shell{t: t, m: New(c).SetSize(w, h)}
	s.loop(s.m.Init())
	return s
}

// send delivers msg and runs the resulting commands to completion.
func (s *shell) send(msg tea.Msg) {
	s.t.Helper()
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	s.loop(cmd)
}

func (s *shell) loop(cmd tea.Cmd) {
	s.t.Helper()
	for _, msg := range run(s.t, cmd) {
		switch msg := msg.(type) {
		case common.FlashMsg:
			s.flashes = append(s.flashes, msg)
		case common.ConfirmMsg:
			s.confirm = &msg
		case common.ShowErrorMsg:
			s.errs = append(s.errs, msg)
		case common.ServiceSelectedMsg:
			s.current = msg.Service
			s.send(msg)
		case common.ResultMsg, deleteConfirmedMsg:
			s.send(msg)
		default:
			s.other = append(s.other, msg)
		}
	}
}

func (s *shell) key(k string) {
	s.t.Helper()
	s.send(keyMsg(k))
}

func (s *shell) typeText(text string) {
	s.t.Helper()
	for _, r := range text {
		s.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (s *shell) lastFlash() string {
	if len(s.flashes) == 0 {
		return ""
	}
	return s.flashes[len(s.flashes)-1].Text
}

// keyMsg builds a key press from a name ("enter", "ctrl+s", "n").
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}
