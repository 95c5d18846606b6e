package sessions

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// Tests for what a support agent met driving the view in a terminal.

// flat is the screen's text with every run of white space (line breaks of
// wrapped text included) folded to one space and the list column gone.
func flat(h *harness) string {
	var words []string
	for _, l := range strings.Split(h.screen(), "\n") {
		if _, right, ok := strings.Cut(l, "│"); ok {
			l = right
		}
		words = append(words, strings.Fields(l)...)
	}
	return strings.Join(words, " ")
}

// TestNotFoundAfterApprovalSaysNothingToDo: a refresh of an approved
// session meets Verify's 404. The explanation is the issue's, the title
// has no resource path full of SIDs, and nobody is told to start again.
func TestNotFoundAfterApprovalSaysNothingToDo(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	h.typeText(h.code())
	h.key("enter")
	h.key("r")
	p := s.problem
	if p == nil || p.Code != twilioapi.CodeNotFound {
		t.Fatalf("problem %+v, want 20404", p)
	}
	if want := "Status refresh failed: Verify no longer has this verification (Twilio 20404, HTTP 404)"; p.Title != want {
		t.Fatalf("title %q, want %q", p.Title, want)
	}
	scr := flat(h)
	for _, want := range []string{"Verify removes a verification once it is approved, expired, canceled or out of attempts",
		"The customer was verified: there is nothing more to do.", "✔ APPROVED"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("screen lacks %q:\n%s", want, h.screen())
		}
	}
	if strings.Contains(scr, s.ver.SID) || strings.Contains(scr, "send this customer a new code") {
		t.Fatalf("full SID or a restart suggestion on an approved session:\n%s", h.screen())
	}
	if last := s.history[len(s.history)-1]; last.Outcome != "removed by Verify (404)" {
		t.Fatalf("history %+v", last)
	}
}

// TestExplanationsSayThingsOnce: the Fraud Guard explanation names the Safe
// List once (the client's hint and the view's used to both say it), and a
// history line does not say "failed" twice.
func TestExplanationsSayThingsOnce(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberFraud, twilioapi.ChannelSMS)
	p := h.M.form.problem
	if p == nil || p.Code != twilioapi.CodeFraudGuard {
		t.Fatalf("problem %+v", p)
	}
	if n := strings.Count(strings.Join(p.Lines, " "), "Safe List"); n != 1 {
		t.Fatalf("Safe List named %d times: %q", n, p.Lines)
	}
	if !strings.Contains(flat(h), "RiskCheck set to disable") {
		t.Fatalf("the RiskCheck way out is missing:\n%s", h.screen())
	}
	e := h.M.history[len(h.M.history)-1]
	if strings.Count(e.Outcome, "failed") != 1 || !strings.Contains(e.Outcome, "60410") {
		t.Fatalf("history outcome %q", e.Outcome)
	}
}

// TestLongTextsWrapNotCut: what the agent must read (why a number is
// invalid, a check's SNA outcome, the form's keys) wraps at 80 columns
// and on a narrow terminal instead of ending in "…".
func TestLongTextsWrapNotCut(t *testing.T) {
	for _, w := range []int{80, 50} {
		h := newHarness(t, w, 24)
		h.key("n")
		h.typeText("+1 (415) 555-0100 ext. 5")
		r := h.M.form.recipient
		if r.kind() != recipientInvalid || len(r.Problem) < 40 {
			t.Fatalf("want a long problem: %+v", r)
		}
		for _, want := range []string{r.Problem, "esc close (input kept)"} {
			if !strings.Contains(flat(h), want) {
				t.Fatalf("%d columns: %q cut:\n%s", w, want, h.screen())
			}
		}
		h = newHarness(t, w, 24)
		h.newSession(sandbox.NumberUndeliverable, twilioapi.ChannelSMS)
		if want := "nothing delivered yet · s resends, on another channel if need be"; !strings.Contains(flat(h), want) {
			t.Fatalf("%d columns: %q cut:\n%s", w, want, h.screen())
		}
		h = newHarness(t, w, 24)
		h.newSession(sandbox.NumberSNA, twilioapi.ChannelSNA)
		h.key("enter") // before the phone opened the URL
		s := h.M.current()
		for _, want := range []string{"then enter checks", s.note, "SNA sends no message: the phone opens the SNA URL"} {
			if !strings.Contains(flat(h), want) {
				t.Fatalf("%d columns: %q cut:\n%s", w, want, h.screen())
			}
		}
	}
}

// TestRefusedChannelMarksTheChannelField: a send refused for its channel
// (60205, 60223) puts the error on the Channel field and focuses it, so
// the agent changes the channel and presses enter again.
func TestRefusedChannelMarksTheChannelField(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberLandline, twilioapi.ChannelSMS)
	f := h.M.form.form
	if fl := f.Fields[f.Focus]; fl.Key != fieldChannel || !strings.Contains(fl.Err, "landline") {
		t.Fatalf("focus on %q with error %q", fl.Key, fl.Err)
	}
	h.key("right")
	h.key("enter")
	if s := h.M.current(); s == nil || s.channel() != twilioapi.ChannelCall {
		t.Fatalf("call not started: %+v", h.M.form.problem)
	}
}

// TestSessionShowsItsOptionsAndFormLookup: the detail says what was sent
// (PSD2 amount and payee, locale, tags) and keeps the form's lookup.
func TestSessionShowsItsOptionsAndFormLookup(t *testing.T) {
	h := newHarness(t, 120, 30)
	h.key("n")
	h.typeText(sandbox.NumberLandline)
	h.key("ctrl+l")
	h.M.form.form.FocusKey(fieldChannel)
	h.key("right")
	h.fill(fieldLocale, "fr", fieldTags, "ticket=42, agent=bo")
	h.key("enter")
	s := h.M.current()
	if s == nil || s.lookup == nil || s.lookup.LineType.Type != "landline" {
		t.Fatalf("session without the form's lookup: %+v", s)
	}
	h.wantScreen("Options", "locale fr · tags agent=bo, ticket=42", "Lookup    landline")
	if got := optionsSummary(twilioapi.StartParams{Amount: "€39.99", Payee: "Acme Inc."}); got != "PSD2 €39.99 to Acme Inc." {
		t.Fatalf("PSD2 summary %q", got)
	}
}

// TestFailedSendIsLogged: a send the form could not start is in the
// program's history and the log, like every other attempt (audit trail),
// without the custom code.
func TestFailedSendIsLogged(t *testing.T) {
	h := newHarness(t, 100, 30)
	var buf bytes.Buffer
	h.c.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	h.newSession(sandbox.NumberLandline, twilioapi.ChannelSMS)
	if out := buf.String(); !strings.Contains(out, "send sms") || !strings.Contains(out, "60205") {
		t.Fatalf("log %q", out)
	}
}

// TestHelpNamesWhatKeysDo: no help entry repeats its key ("enter enter
// code/check"), in any mode.
func TestHelpNamesWhatKeysDo(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	for _, k := range []string{"esc", "s", "esc", "n"} {
		for _, row := range h.M.FullHelp() {
			for _, b := range row {
				if hp := b.Help(); strings.HasPrefix(hp.Desc, hp.Key+" ") {
					t.Fatalf("mode %d: help %q %q", h.M.mode, hp.Key, hp.Desc)
				}
			}
		}
		h.send(viewtest.Key(k))
	}
}

// TestRefusedCheckKeepsTheCode: a check Twilio refused without looking at
// it (429 rate limit, a dropped connection) keeps the typed code, so the
// agent presses enter again instead of asking the customer again; the
// dropped connection's explanation does not repeat its title.
func TestRefusedCheckKeepsTheCode(t *testing.T) {
	h, s, _ := smsSession(t)
	code := h.code()
	for _, f := range []sandbox.Faults{{RateLimitShare: 1, RetryAfter: time.Second}, {DropShare: 1}, {ErrorShare: 1}} {
		h.sb.SetFaults(f)
		h.typeText(code)
		h.key("enter")
		if s.problem == nil || s.codeDraft != code || h.M.mode != modeCode {
			t.Fatalf("faults %+v: problem %+v, code field %q, mode %d", f, s.problem, s.codeDraft, h.M.mode)
		}
		if len(s.problem.Lines) > 0 && strings.HasPrefix(s.problem.Lines[0], strings.TrimPrefix(s.problem.Title, "Check failed: ")) {
			t.Fatalf("explanation repeats the title: %q / %q", s.problem.Title, s.problem.Lines)
		}
		s.codeDraft = ""
	}
	h.sb.SetFaults(sandbox.Faults{})
	h.typeText(code)
	h.key("enter")
	if s.status != twilioapi.StatusApproved {
		t.Fatalf("status %s once Twilio answers", s.status)
	}
}

// TestEmailOutboxKeepsLines: the outbox pane shows an e-mail's subject on
// its own line, not run into the text.
func TestEmailOutboxKeepsLines(t *testing.T) {
	m, s := goldenModel(t0, 100, 30)
	s.outbox = []twilioapi.OutboxMessage{{Channel: twilioapi.ChannelEmail, Code: "123456", DateCreated: t0,
		Body: "Subject: Your code\n\nYour code is: 123456\nIt expires in 10 minutes."}}
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	want := []string{"Subject: Your code", "Your code is: 123456", "It expires in 10 minutes."}
	for i, l := range lines {
		if strings.HasSuffix(strings.TrimSpace(l), want[0]) {
			for j, w := range want {
				if i+j >= len(lines) || !strings.HasSuffix(strings.TrimSpace(lines[i+j]), w) {
					t.Fatalf("line %d: want %q:\n%s", i+j, w, strings.Join(lines, "\n"))
				}
			}
			return
		}
	}
	t.Fatalf("no subject line:\n%s", strings.Join(lines, "\n"))
}

// TestNarrowListKeepsTheNumber: at the narrowest size with a list, a
// closed session's row shows the whole number and a one-cell status.
func TestNarrowListKeepsTheNumber(t *testing.T) {
	h := newHarness(t, 60, 16)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.typeText(h.code())
	h.key("enter")
	h.newSession("+14155550188", twilioapi.ChannelSMS)
	h.key("esc")
	h.wantScreen("  "+sandbox.NumberMobile+"       ✔ │", "› +14155550188 ")
	if scr := flat(h); !strings.Contains(scr, "PENDING · expires in 10:00 (12:10:00)") || !strings.Contains(scr, "started 12:00:00") {
		t.Fatalf("status or channel cut:\n%s", h.screen())
	}
}

// TestCodeReadOutInGroups: "123 456" or "123-456", as a customer reads a
// code out, is the code; it does not spend a check on the separator.
func TestCodeReadOutInGroups(t *testing.T) {
	for _, sep := range []string{" ", "-"} {
		h, s, _ := smsSession(t)
		code := h.code()
		h.typeText(" " + code[:3] + sep + code[3:] + " ")
		h.key("enter")
		if s.status != twilioapi.StatusApproved || s.checksUsed != 1 {
			t.Fatalf("%q: status %s after %d checks (%+v)", sep, s.status, s.checksUsed, s.problem)
		}
	}
}

// TestPasteNumberAndCode: a number pasted into the form and a code pasted
// into the code field work like typing; a paste in the list does nothing.
func TestPasteNumberAndCode(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.send(tea.PasteMsg{Content: "ignored"})
	if h.M.mode != modeList || h.M.pending.Len() != 0 {
		t.Fatal("a paste in the list did something")
	}
	h.key("n")
	h.send(tea.PasteMsg{Content: "(415) 555-0100"})
	if r := h.M.form.recipient; r.E164 != sandbox.NumberMobile {
		t.Fatalf("pasted number read as %+v", r)
	}
	h.key("enter")
	s := h.M.current()
	h.send(tea.PasteMsg{Content: h.code()})
	h.key("enter")
	if s == nil || s.status != twilioapi.StatusApproved {
		t.Fatalf("pasted code: %+v", s)
	}
}
