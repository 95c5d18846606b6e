package services

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// startSandbox serves a fresh sandbox on loopback and returns a real
// client (twilio-go over HTTP) pointed at it.
func startSandbox(t testing.TB, empty bool) *twilioapi.Client {
	t.Helper()
	cl, _ := apitest.Start(t, sandbox.Options{Empty: empty})
	return cl
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
	for _, msg := range viewtest.Run(s.t, cmd) {
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
	s.send(viewtest.Key(k))
}

func (s *shell) typeText(text string) {
	s.t.Helper()
	for _, k := range viewtest.Type(text) {
		s.send(k)
	}
}

func (s *shell) lastFlash() string {
	if len(s.flashes) == 0 {
		return ""
	}
	return s.flashes[len(s.flashes)-1].Text
}
