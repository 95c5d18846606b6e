package sessions

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// helpText renders the view's short help and each full-help column on
// one line ("key desc • key desc"), as bubbles/help draws short help.
func helpText(m Model) string {
	hm := help.New()
	hm.SetWidth(400)
	lines := []string{hm.ShortHelpView(m.ShortHelp())}
	for _, col := range m.FullHelp() {
		lines = append(lines, hm.ShortHelpView(col))
	}
	return ansi.Strip(strings.Join(lines, "\n"))
}

// rebind applies a `[keys]` table to the harness's program keymap.
func (h *harness) rebind(keys map[string][]string) {
	h.T().Helper()
	if err := h.c.Keys.Rebind(keys); err != nil {
		h.T().Fatal(err)
	}
}

// TestRebindResend: with resend = ["R"], R opens the resend picker and s
// does nothing; help and the on-screen hints name R.
func TestRebindResend(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.rebind(map[string][]string{"resend": {"R"}})
	h.newSession("(415) 555-0100", twilioapi.ChannelSMS)
	h.key("esc")
	if h.M.mode != modeList {
		t.Fatalf("esc should leave the code field (mode %d)", h.M.mode)
	}
	h.key("s")
	if h.M.mode != modeList {
		t.Fatal("s still opens the resend picker after resend = [\"R\"]")
	}
	hl := helpText(h.M)
	if !strings.Contains(hl, "R resend") || strings.Contains(hl, "s resend") {
		t.Fatalf("help does not show the rebound key:\n%s", hl)
	}
	h.key("R")
	if h.M.mode != modeResend {
		t.Fatalf("R does not open the resend picker (mode %d)", h.M.mode)
	}
	h.key("enter")
	if s := h.M.current(); s.sendsUsed() != 2 {
		t.Fatalf("resend by R: %d sends", s.sendsUsed())
	}
	// A hint that names the resend key: the one after a verification
	// closed. (The resend focused the code field, as a first send does.)
	if h.M.mode != modeCode {
		t.Fatalf("after a resend the code field has focus (mode %d)", h.M.mode)
	}
	h.key("esc")
	h.key("x")
	h.ConfirmYes()
	h.wantScreen("R sends this customer a new code")
	if strings.Contains(h.screen(), "s sends this customer") {
		t.Fatalf("a hint still names s:\n%s", h.screen())
	}
}

// TestRebindEveryAction: each Sessions action follows its `[keys]` name
// (the old key no longer works) and help shows the new key.
func TestRebindEveryAction(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.rebind(map[string][]string{
		"cancel_verification": {"X"}, "approve": {"A"}, "close_session": {"W"},
		"check": {"ctrl+k"}, "lookup": {"L"}, "details": {"E"},
	})
	h.newSession("(415) 555-0100", twilioapi.ChannelSMS)
	code := h.code()
	h.key("esc")
	for _, k := range []string{"x", "a", "w", "l", "enter"} {
		h.Out = nil
		h.key(k)
		if h.M.mode != modeList || len(h.Out) != 0 || h.M.list.Len() != 1 || h.M.current().status != twilioapi.StatusPending {
			t.Fatalf("%s still acts after rebinding: mode %d, %d msgs, %d sessions", k, h.M.mode, len(h.Out), h.M.list.Len())
		}
	}
	hl := helpText(h.M)
	for _, want := range []string{"X cancel", "A approve", "W close session", "ctrl+k type code", "L lookup"} {
		if !strings.Contains(hl, want) {
			t.Errorf("help lacks %q:\n%s", want, hl)
		}
	}
	if strings.Contains(hl, "error details") {
		t.Errorf("help offers error details with no error:\n%s", hl)
	}
	// check: ctrl+k focuses the code field; enter (still the input's
	// own key) is no longer check there either.
	h.key("ctrl+k")
	if h.M.mode != modeCode {
		t.Fatalf("ctrl+k does not focus the code field (mode %d)", h.M.mode)
	}
	h.typeText(code)
	h.key("ctrl+k")
	if s := h.M.current(); s.status != twilioapi.StatusApproved {
		t.Fatalf("ctrl+k did not check the code: %s", s.status)
	}
	h.key("W")
	if h.M.list.Len() != 0 {
		t.Fatal("W does not close the session")
	}
}

// TestRebindCancelAndApprove: the rebound keys cancel at Twilio and ask
// to approve.
func TestRebindCancelAndApprove(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.rebind(map[string][]string{"cancel_verification": {"X"}, "approve": {"A"}})
	h.newSession("(415) 555-0100", twilioapi.ChannelSMS)
	h.key("esc")
	h.Out = nil
	h.key("A")
	if len(h.Out) != 1 {
		t.Fatalf("A should ask to approve, got %d msgs", len(h.Out))
	}
	h.key("X")
	h.ConfirmYes()
	if s := h.M.current(); s.status != twilioapi.StatusCanceled {
		t.Fatalf("X did not cancel: %s", s.status)
	}
}

// TestLettersBoundToKeysStillType: while the code field or a text field
// of the form has focus, letters go to it even when a `[keys]` entry
// binds them (here check, back and send).
func TestLettersBoundToKeysStillType(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.rebind(map[string][]string{"check": {"enter", "z"}, "back": {"esc", "Q"}, "send": {"enter", "S"}})
	h.key("n")
	h.typeText("QSz")
	if h.M.mode != modeForm || h.M.form.form.Get(fieldTo) != "QSz" {
		t.Fatalf("form: mode %d, to %q", h.M.mode, h.M.form.form.Get(fieldTo))
	}
	h.M.form.form.FocusKey(fieldTo)
	for range 3 {
		h.key("backspace")
	}
	h.typeText("(415) 555-0100")
	h.key("enter")
	if h.M.mode != modeCode {
		t.Fatalf("after send: mode %d", h.M.mode)
	}
	h.typeText("1z2Q")
	if s := h.M.current(); h.M.mode != modeCode || s.codeDraft != "1z2Q" || s.checksLeft() != 5 {
		t.Fatalf("code field: mode %d, value %q, checks left %d", h.M.mode, s.codeDraft, s.checksLeft())
	}
}

// TestFormKeysRebound: send and lookup_number in the new-session form.
func TestFormKeysRebound(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.rebind(map[string][]string{"send": {"ctrl+o"}, "lookup_number": {"ctrl+y"}})
	h.key("n")
	h.typeText("(415) 555-0100")
	h.key("ctrl+l")
	if h.M.form.lookup != nil || h.M.form.lookupErr != nil {
		t.Fatal("ctrl+l still looks up after lookup_number = [\"ctrl+y\"]")
	}
	h.key("ctrl+y")
	if h.M.form.lookup == nil {
		t.Fatal("ctrl+y does not look up the number")
	}
	h.wantScreen("ctrl+o send · ctrl+y lookup")
	hl := helpText(h.M)
	if !strings.Contains(hl, "ctrl+o send") || !strings.Contains(hl, "ctrl+y lookup number") {
		t.Fatalf("form help:\n%s", hl)
	}
	h.key("ctrl+o")
	if h.M.mode != modeCode || h.M.list.Len() != 1 {
		t.Fatalf("ctrl+o did not send: mode %d, %d sessions", h.M.mode, h.M.list.Len())
	}
}

// TestDefaultKeysUnchanged: the Sessions defaults are the documented
// ones (the README and the golden files rely on them).
func TestDefaultKeysUnchanged(t *testing.T) {
	h := newHarness(t, 100, 30)
	km := h.c.Keys
	for want, b := range map[string]key.Binding{
		"enter": km.Check, "s": km.Resend, "x": km.CancelVerification, "a": km.Approve, "l": km.Lookup,
		"w": km.CloseSession, "e": km.Details, "ctrl+l": km.LookupNumber, "←": km.PrevChoice, "→/space": km.NextChoice,
	} {
		if b.Help().Key != want {
			t.Errorf("%s: default help key %q, want %q", b.Help().Desc, b.Help().Key, want)
		}
	}
}
