package sessions

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

func TestSendThenRightCodeApproves(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession("(415) 555-0100", twilioapi.ChannelSMS)

	s := h.M.current()
	if s == nil || s.recipient.E164 != sandbox.NumberMobile {
		t.Fatalf("no session for %s: %+v", sandbox.NumberMobile, s)
	}
	if s.status != twilioapi.StatusPending || s.sendsLeft() != 4 || s.checksLeft() != 5 {
		t.Fatalf("after send: status %s, sends left %d, checks left %d", s.status, s.sendsLeft(), s.checksLeft())
	}
	if h.M.mode != modeCode || !h.M.Capturing() || h.M.Pending() != 1 {
		t.Fatalf("after send the code field should have focus (mode %d)", h.M.mode)
	}
	code := h.code()
	h.wantScreen("PENDING", "expires in 10:00", "code "+code, "4 left", "Outbox (sandbox)")

	h.typeText(code)
	h.key("enter")
	if s.status != twilioapi.StatusApproved {
		t.Fatalf("status %s after the right code", s.status)
	}
	if h.M.mode != modeList || h.M.Pending() != 0 {
		t.Fatalf("an approved session should give the keyboard back and not be pending")
	}
	h.wantScreen("✔ APPROVED")
	for _, e := range h.M.history {
		if strings.Contains(e.Action+e.Outcome, code) {
			t.Fatalf("history holds the code: %+v", e)
		}
	}
}

func TestWrongCodesCountDownThenMaxAttempts(t *testing.T) {
	h, s, wrong := smsSession(t)
	for i := 0; i < 3; i++ {
		h.typeText(wrong)
		h.key("enter")
	}
	if s.note != "not approved, 2 checks left" || s.checksLeft() != 2 {
		t.Fatalf("after 3 wrong codes: note %q, checks left %d", s.note, s.checksLeft())
	}
	h.wantScreen("not approved, 2 checks left", "3 of 5 used · 2 left")
	if s.codeDraft != "" {
		t.Fatal("a checked code must not stay in the field")
	}
	for i := 0; i < 2; i++ {
		h.typeText(wrong)
		h.key("enter")
	}
	// Every check used: no code can approve it, so the code field gives
	// the keyboard back and says how to go on; enter does not check again.
	if !strings.HasPrefix(s.note, "not approved, no checks left: no code can approve it now; s cancels it and sends a new code") {
		t.Fatalf("after 5 wrong codes: %q", s.note)
	}
	if h.M.mode != modeList {
		t.Fatalf("code entry still open with no checks left (mode %d)", h.M.mode)
	}
	h.wantScreen("0 left", "no code can approve it now")
	if strings.Contains(h.screen(), "type the customer's code") {
		t.Fatal("a code is asked for with no checks left")
	}
	h.Out = nil
	h.key("enter")
	if f := h.flashes(); h.M.mode != modeList || len(f) != 1 || !strings.HasPrefix(f[0], "no checks left: s cancels it") {
		t.Fatalf("enter with no checks left: mode %d, flashes %q", h.M.mode, f)
	}
	// x then n: the same customer's row starts over on a new verification.
	old := s.ver.SID
	s.codeDraft = "12" // typed, never checked
	h.key("x")
	h.ConfirmYes()
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	if h.M.list.Len() != 1 || h.M.current() != s || s.ver.SID == old || s.checksLeft() != 5 || s.status != twilioapi.StatusPending {
		t.Fatalf("start over: %d sessions, same row %v, new SID %v, %d checks left, %s",
			h.M.list.Len(), h.M.current() == s, s.ver.SID != old, s.checksLeft(), s.status)
	}
	if s.codeDraft != "" {
		t.Fatalf("a code typed for the old verification is still there: %q", s.codeDraft)
	}
	if n := len(s.history); n < 8 || !strings.HasPrefix(s.history[n-1].Action, "send") {
		t.Fatalf("the row's history should go on: %+v", s.history)
	}
}

// TestMaxChecksFromElsewhere: checks this view did not make (another agent,
// the customer's app) used the verification up; the view's check meets
// 60202 and explains it.
func TestMaxChecksFromElsewhere(t *testing.T) {
	h, s, wrong := smsSession(t)
	for i := 0; i < 5; i++ {
		if _, err := h.client.CheckVerification(context.Background(), twilioapi.CheckParams{ServiceSID: h.svc.SID, VerificationSID: s.ver.SID, Code: wrong}); err != nil {
			t.Fatal(err)
		}
	}
	h.typeText(wrong)
	h.key("enter")
	if s.status != twilioapi.StatusMaxAttemptsReached || s.problem == nil || s.problem.Code != twilioapi.CodeMaxChecks {
		t.Fatalf("after a sixth check: status %s, problem %+v", s.status, s.problem)
	}
	h.wantScreen("MAX ATTEMPTS REACHED", "60202", "checked 5 times", "5 of 5 used")
	if h.M.Pending() != 0 {
		t.Fatal("a closed verification is not pending")
	}
}

// smsSession is a harness with an SMS session to the mobile test number,
// its code field focused; wrong is a code that is not the one sent.
func smsSession(t *testing.T) (h *harness, s *session, wrong string) {
	t.Helper()
	h = newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	return h, h.M.current(), wrongCode(h.code())
}

// wrongCode returns a code of the same length that is not code.
func wrongCode(code string) string {
	b := []byte(code)
	if b[0] == '9' {
		b[0] = '1'
	} else {
		b[0]++
	}
	return string(b)
}

func TestLandlineSMSExplained60205AndInputKept(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.typeText("415-555-0101")
	h.M.form.form.FocusKey(fieldTags)
	h.typeText("ticket=42")
	h.key("enter")

	if h.M.list.Len() != 0 || h.M.mode != modeForm {
		t.Fatalf("a refused send must keep the form open (mode %d, %d sessions)", h.M.mode, h.M.list.Len())
	}
	p := h.M.form.problem
	if p == nil || p.Code != twilioapi.CodeLandline {
		t.Fatalf("problem %+v, want 60205", p)
	}
	if got := h.M.form.form.Get(fieldTo); got != "415-555-0101" {
		t.Fatalf("To changed to %q", got)
	}
	if got := h.M.form.form.Get(fieldTags); got != "ticket=42" {
		t.Fatalf("tags changed to %q", got)
	}
	h.wantScreen("60205", "landline", "call channel")
	if n := len(h.M.history); n != 1 || !strings.Contains(h.M.history[0].Outcome, "failed") {
		t.Fatalf("history %+v", h.M.history)
	}
	// Switch to call: same fields, now accepted.
	h.M.form.form.FocusKey(fieldChannel)
	h.key("right")
	h.key("enter")
	if h.M.list.Len() != 1 || h.M.current().channel() != twilioapi.ChannelCall {
		t.Fatalf("call to a landline should start: %+v", h.M.form.problem)
	}
	if h.M.current().params.Tags["ticket"] != "42" {
		t.Fatalf("tags not sent: %+v", h.M.current().params.Tags)
	}
}

func TestFraudGuardExplainedWithSafeList(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberFraud, twilioapi.ChannelSMS)
	if p := h.M.form.problem; p == nil || p.Code != twilioapi.CodeFraudGuard {
		t.Fatalf("problem %+v, want 60410", p)
	}
	h.wantScreen("60410", "Safe List")
}

func TestExpiryByClock(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	h.clk.Advance(9*time.Minute + 30*time.Second)
	h.wantScreen("expires in 0:30")
	h.clk.Advance(30 * time.Second)
	h.fireTicks()
	if s.status != twilioapi.StatusExpired || h.M.Pending() != 0 {
		t.Fatalf("status %s after 10 minutes", s.status)
	}
	h.wantScreen("✗ expired at 12:10:00: s sends this customer a new code")
	if h.M.mode != modeList {
		t.Fatal("an expired session should leave code entry")
	}
	if len(h.Timers) != 0 {
		t.Fatalf("timers still armed after expiry: %+v", h.Timers)
	}
	// A refresh now meets Verify's 404, explained.
	h.key("r")
	if !s.gone || s.problem == nil || !strings.Contains(strings.Join(s.problem.Lines, " "), "Verify removes a verification once it is approved, expired, canceled or out of attempts") {
		t.Fatalf("404 not explained: gone %v, problem %+v", s.gone, s.problem)
	}
	h.wantScreen("✗ EXPIRED", "✗ expired at 12:10:00", "Press s to send this customer a new code")
	// s does: the same row, a new verification, the code field ready
	// and empty (a code typed for the old one is not for this one).
	old := s.ver.SID
	s.codeDraft = "12"
	h.key("s")
	h.key("enter")
	if h.M.list.Len() != 1 || s.ver.SID == old || s.status != twilioapi.StatusPending || s.problem != nil || h.M.Pending() != 1 {
		t.Fatalf("s after expiry: %d sessions, new SID %v, status %s, problem %+v", h.M.list.Len(), s.ver.SID != old, s.status, s.problem)
	}
	if s.codeDraft != "" {
		t.Fatalf("a code typed for the expired verification is still there: %q", s.codeDraft)
	}
	h.wantScreen("PENDING · expires in 10:00 (12:20:00)")
}

func TestPollingBacksOffAndStaleTicksAreIgnored(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	var waits []time.Duration
	for i := 0; i < 7; i++ {
		var poll *viewtest.Timer
		rest := h.Timers[:0]
		for _, tk := range h.Timers {
			if _, ok := tk.Msg.(pollTickMsg); ok && poll == nil {
				tk := tk
				poll = &tk
				continue
			}
			rest = append(rest, tk)
		}
		h.Timers = rest
		if poll == nil {
			t.Fatalf("no poll armed after %d polls", i)
		}
		waits = append(waits, poll.After)
		h.clk.Advance(poll.After)
		h.send(poll.Msg)
	}
	want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second, 30 * time.Second}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("poll waits %v, want %v", waits, want)
		}
	}
	if got := len(s.fetches); got != 7 {
		t.Fatalf("%d fetches for 7 polls", got)
	}
	// A manual refresh re-arms the timer: the tick armed before it is stale.
	h.key("esc")
	var stale tea.Msg
	for _, tk := range h.Timers {
		if _, ok := tk.Msg.(pollTickMsg); ok {
			stale = tk.Msg
		}
	}
	h.key("r")
	before := len(s.fetches)
	h.send(stale)
	if len(s.fetches) != before {
		t.Fatal("a stale poll tick fetched")
	}
}

func TestPollingBudget(t *testing.T) {
	s := &session{}
	now := t0
	for i := 0; i < twilioapi.FetchesPerMinute; i++ {
		if ok, _ := allowFetch(s, now); !ok {
			t.Fatalf("fetch %d refused", i)
		}
		s.fetches = append(s.fetches, now)
	}
	ok, until := allowFetch(s, now)
	if ok || !until.Equal(now.Add(time.Minute)) {
		t.Fatalf("fetch over the per-minute budget: ok %v until %v", ok, until)
	}
	// Spread over the hour, the hourly budget binds.
	s.fetches = nil
	for i := 0; i < twilioapi.FetchesPerHour; i++ {
		s.fetches = append(s.fetches, now.Add(time.Duration(i)*20*time.Second))
	}
	later := now.Add(time.Duration(twilioapi.FetchesPerHour) * 20 * time.Second)
	if ok, _ := allowFetch(s, later); ok {
		t.Fatal("fetch over the hourly budget allowed")
	}
	if twilioapi.FetchesPerMinute > 60 || twilioapi.FetchesPerHour > 180 {
		t.Fatal("budget above Twilio's polling limits")
	}
}

func TestLateResultForClosedSessionIsDropped(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	var cmd tea.Cmd
	h.M, cmd = h.M.update(viewtest.Key("r")) // a fetch in flight…
	h.key("w")                               // …for a session closed meanwhile
	h.ConfirmYes()
	if h.M.list.Len() != 0 {
		t.Fatal("session not closed")
	}
	h.Loop(cmd)
	if h.M.list.Len() != 0 || h.M.pending.Len() != 0 {
		t.Fatalf("late result revived something: %d sessions, %d pending", h.M.list.Len(), h.M.pending.Len())
	}
	if n := len(h.M.history); n == 0 || h.M.history[n-1].Action != "close session" {
		t.Fatalf("closing not in history: %+v", h.M.history)
	}
}

func TestResendWithFallbackChannelThenSendLimit(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	code := h.code()
	h.key("esc")
	h.key("s")
	if h.M.mode != modeResend || h.M.resend.chosen() != twilioapi.ChannelSMS || h.M.resend.fallback() != twilioapi.ChannelCall {
		t.Fatalf("picker: mode %d chosen %s fallback %s", h.M.mode, h.M.resend.chosen(), h.M.resend.fallback())
	}
	h.wantScreen("Resend by", "enter resends by sms · → falls back to call")
	h.key("right")
	h.key("enter")
	if s.sendsUsed() != 2 || s.channel() != twilioapi.ChannelCall || s.sendsLeft() != 3 {
		t.Fatalf("after resend by call: %d sends, channel %s", s.sendsUsed(), s.channel())
	}
	if h.code() != code {
		t.Fatal("a resend keeps the code")
	}
	for i := 0; i < 3; i++ {
		h.key("esc") // the resend focused the code field
		h.key("s")
		h.key("enter")
	}
	if s.sendsLeft() != 0 {
		t.Fatalf("sends left %d", s.sendsLeft())
	}
	// Every send used: s says so and when it clears, without a call.
	h.clk.Advance(2 * time.Minute)
	h.key("esc") // the last resend focused the code field
	h.Out = nil
	h.key("s")
	if f := h.flashes(); h.M.mode != modeList || len(f) != 1 || !strings.HasPrefix(f[0], "no sends left until") || !strings.Contains(f[0], "12:10:00") {
		t.Fatalf("s with no sends left: mode %d, flashes %q", h.M.mode, f)
	}
	h.wantScreen("Attempts  12:00:00 sms · 12:00:00 call · 12:00:00 call ·", "          12:00:00 call · 12:00:00 call") // wrapped, not cut
	// A send Verify refuses all the same (made elsewhere) is explained.
	h.M.resend = newResendPicker(s)
	h.M.mode = modeResend
	h.key("enter")
	if s.problem == nil || s.problem.Code != twilioapi.CodeMaxSends {
		t.Fatalf("sixth send: %+v", s.problem)
	}
	h.wantScreen("60203")
	if got := strings.Join(s.problem.Lines, " "); !strings.Contains(got, "limit clears when this verification expires at 12:10:00, 10 minutes after it was started") {
		t.Fatalf("60203 explanation: %q", got)
	}
}

func TestResendByEmailOpensFormWithOptions(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.typeText(sandbox.NumberMobile)
	h.fill(fieldLocale, "fr", fieldTags, "ticket=42")
	h.key("enter")
	h.key("esc")
	h.key("s")
	h.key("right")
	h.key("right")
	if h.M.resend.chosen() != twilioapi.ChannelEmail {
		t.Fatalf("chosen %s", h.M.resend.chosen())
	}
	h.key("enter")
	f := h.M.form.form
	if h.M.mode != modeForm || f.Get(fieldChannel) != "email" || f.Get(fieldLocale) != "fr" || f.Get(fieldTags) != "ticket=42" {
		t.Fatalf("email fallback form: mode %d channel %q locale %q tags %q", h.M.mode, f.Get(fieldChannel), f.Get(fieldLocale), f.Get(fieldTags))
	}
	h.typeText("customer@example.com")
	h.key("enter")
	if h.M.list.Len() != 2 || h.M.current().channel() != twilioapi.ChannelEmail {
		t.Fatalf("email session not started: %+v", h.M.form.problem)
	}
	h.wantScreen("email", "code "+h.code())
}

func TestCancel(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	h.key("x")
	if h.Confirm == nil || h.M.current().status != twilioapi.StatusPending {
		t.Fatalf("x did not ask first: dialog %v, status %s", h.Confirm, h.M.current().status)
	}
	if !strings.Contains(h.Confirm.Body, "stops working") {
		t.Errorf("the question does not say what is lost: %q", h.Confirm.Body)
	}
	h.ConfirmYes()
	if s := h.M.current(); s.status != twilioapi.StatusCanceled {
		t.Fatalf("status %s after cancel", s.status)
	}
	h.wantScreen("✗ CANCELED")
}

func TestApproveAsksFirstAndIsRefusedReadOnly(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	h.Out = nil
	h.key("a")
	var confirm *common.ConfirmMsg
	for _, m := range h.Out {
		if c, ok := m.(common.ConfirmMsg); ok {
			confirm = &c
		}
	}
	if confirm == nil {
		t.Fatalf("approve did not ask: %+v", h.Out)
	}
	if h.M.current().status != twilioapi.StatusPending {
		t.Fatal("approved before confirming")
	}

	// Read-only: the key and a confirmation arriving anyway are refused.
	h.c.ReadOnly = true
	h.Out = nil
	h.key("a")
	h.Loop(func() tea.Msg { return confirm.OnConfirm })
	if h.M.current().status != twilioapi.StatusPending {
		t.Fatal("approved in read-only mode")
	}
	if f := h.flashes(); len(f) != 2 || f[0] != twilioapi.ReadOnlyMessage || f[1] != f[0] {
		t.Fatalf("flashes %q", f)
	}
	h.key("x")
	if h.M.current().status != twilioapi.StatusPending {
		t.Fatal("canceled in read-only mode")
	}
	if f := h.flashes(); len(f) != 3 || f[2] != twilioapi.ReadOnlyMessage {
		t.Fatalf("flashes %q", f)
	}

	h.c.ReadOnly = false
	h.Loop(func() tea.Msg { return confirm.OnConfirm })
	if s := h.M.current(); s.status != twilioapi.StatusApproved {
		t.Fatalf("status %s after confirming", s.status)
	}
	h.wantScreen("✔ APPROVED", "APPROVED manually: no code was checked")
}

func TestSNAShowsURLCopiesAndChecksWithoutCode(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberSNA, twilioapi.ChannelAuto)
	s := h.M.current()
	if !s.isSNA() || s.ver.SNAURL == "" {
		t.Fatalf("auto for %s should pick sna: %+v", sandbox.NumberSNA, s.ver)
	}
	if h.M.mode != modeList {
		t.Fatal("an SNA session has no code to type")
	}
	h.wantScreen("SNA URL", "c copies it")
	h.Out = nil
	h.key("c")
	copied := false
	for _, m := range h.Out {
		if _, ok := m.(common.FlashMsg); ok {
			copied = true
		}
	}
	if !copied {
		t.Fatalf("copy: %+v", h.Out)
	}
	// Before the device opens the URL, the check is not approved.
	h.key("enter")
	if s.status != twilioapi.StatusPending || !strings.Contains(s.note, "60519") {
		t.Fatalf("early SNA check: status %s note %q", s.status, s.note)
	}
	resp, err := http.Get(s.ver.SNAURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	h.key("enter")
	if s.status != twilioapi.StatusApproved {
		t.Fatalf("SNA check after the URL: %s (%q)", s.status, s.note)
	}
}

func TestLookupWarnsAboutLandline(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.typeText(sandbox.NumberLandline)
	h.key("ctrl+l")
	if h.M.form.lookup == nil || h.M.form.lookup.LineType.Type != "landline" {
		t.Fatalf("lookup %+v, err %+v", h.M.form.lookup, h.M.form.lookupErr)
	}
	h.wantScreen("landline", "SMS would fail", "SMS pumping risk")
	// Editing the number hides the stale lookup.
	h.typeText("9")
	if strings.Contains(h.screen(), "SMS would fail") {
		t.Fatal("lookup of another number still shown")
	}
}

func TestLiveNormalisation(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.typeText("+44 20 7183 8750")
	h.wantScreen("+442071838750", "United Kingdom", "valid number")
	if h.M.form.form.Get(fieldChannel) != "sms" {
		t.Fatal("a phone number starts on sms")
	}
	for range "+44 20 7183 8750" {
		h.key("backspace")
	}
	h.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	h.typeText("bob@example.com")
	if h.M.form.form.Get(fieldChannel) != "email" {
		t.Fatalf("an address should switch to email, got %q (To %q)", h.M.form.form.Get(fieldChannel), h.M.form.form.Get(fieldTo))
	}
	// Closing the form keeps what was typed.
	h.key("esc")
	h.key("n")
	if got := h.M.form.form.Get(fieldTo); got != "bob@example.com" {
		t.Fatalf("reopened form lost the input: %q", got)
	}
}

func TestFormValidatesBeforeAnyCall(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.key("enter")
	if h.M.form.form.Field(fieldTo).Err == "" || h.M.pending.Len() != 0 {
		t.Fatal("an empty To must be refused before any call")
	}
	h.typeText(sandbox.NumberMobile)
	h.M.form.form.FocusKey(fieldTags)
	h.typeText("broken")
	h.key("enter")
	if h.M.form.form.Field(fieldTags).Err == "" || h.M.pending.Len() != 0 {
		t.Fatal("bad tags must be refused before any call")
	}
}

func TestPSD2AndCustomCodeFieldsFollowTheService(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	if h.M.form.form.Field(fieldAmount) != nil || h.M.form.form.Field(fieldCustomCode) != nil {
		t.Fatal("the demo service has neither PSD2 nor custom codes")
	}
	on := true
	name := "PSD2 Shop"
	svc, err := h.client.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name, PSD2Enabled: &on, CustomCodeEnabled: &on})
	if err != nil {
		t.Fatal(err)
	}
	h.typeText(sandbox.NumberMobile)
	h.send(common.ServiceSelectedMsg{Service: svc})
	if h.M.form.form.Field(fieldAmount) == nil || h.M.form.form.Field(fieldCustomCode) == nil {
		t.Fatal("PSD2 and custom code fields missing")
	}
	if got := h.M.form.form.Get(fieldTo); got != sandbox.NumberMobile {
		t.Fatalf("switching service lost To: %q", got)
	}
	h.key("enter")
	if h.M.form.form.Field(fieldAmount).Err == "" || h.M.pending.Len() != 0 {
		t.Fatal("PSD2 needs amount and payee before any call")
	}
	h.fill(fieldAmount, "€39.99", fieldPayee, "Acme", fieldCustomCode, "246810")
	h.key("enter")
	s := h.M.current()
	if s == nil || s.params.CustomCode != "" {
		t.Fatalf("session %+v (custom codes must not be kept)", s)
	}
	h.typeText("246810")
	h.key("enter")
	if s.status != twilioapi.StatusApproved {
		t.Fatalf("PSD2 check with the custom code: %s %+v", s.status, s.problem)
	}
}

func TestRetryAfterPausesPolling(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	h.key("esc")
	h.sb.SetFaults(sandbox.Faults{RateLimitShare: 1, RetryAfter: 30 * time.Second})
	h.key("r")
	if s.problem == nil || s.problem.Status != 429 {
		t.Fatalf("problem %+v", s.problem)
	}
	h.wantScreen("Retry-After", "12:00:30")
	h.sb.SetFaults(sandbox.Faults{})
	before := len(s.fetches)
	h.clk.Advance(10 * time.Second)
	h.fireTicks()
	if len(s.fetches) != before {
		t.Fatal("polled during Retry-After")
	}
	// A refresh now is refused, and the flash says it is Twilio's wait.
	h.Out = nil
	h.key("r")
	if f := h.flashes(); len(f) != 1 || !strings.Contains(f[0], "Retry-After") || !strings.Contains(f[0], "12:00:30") {
		t.Fatalf("refresh during Retry-After: %q", f)
	}
	h.clk.Advance(30 * time.Second)
	h.key("r")
	if s.problem != nil {
		t.Fatalf("problem not cleared once Twilio answers: %+v", s.problem)
	}
}

func TestListNavigationAndSessionsSurvive(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.typeText("12") // half a code, then the agent steps away
	h.key("esc")
	h.wantScreen("Code      12  enter: go on typing")
	h.newSession("bob@example.com", twilioapi.ChannelEmail)
	h.key("esc")
	if h.M.list.Cursor() != 1 {
		t.Fatalf("selected %d", h.M.list.Cursor())
	}
	h.key("up")
	if h.M.current().recipient.E164 != sandbox.NumberMobile {
		t.Fatal("up should select the first session")
	}
	h.key("up")
	if h.M.list.Cursor() != 0 {
		t.Fatal("up past the top")
	}
	h.key("down")
	h.key("down")
	if h.M.list.Cursor() != 1 {
		t.Fatal("down past the bottom")
	}
	h.wantScreen("Sessions (2)", "bob@example.com")
	// A result for a request the view never made changes nothing.
	h.send(common.Result[twilioapi.Verification]{View: ID, ID: 999, Value: twilioapi.Verification{SID: "VE" + strings.Repeat("9", 32)}})
	if h.M.list.Len() != 2 {
		t.Fatal("an unknown result changed the sessions")
	}
}

func TestHelpFollowsFocus(t *testing.T) {
	h := newHarness(t, 100, 30)
	if len(h.M.ShortHelp()) == 0 || len(h.M.FullHelp()) == 0 {
		t.Fatal("no help in the list")
	}
	h.key("n")
	found := false
	for _, b := range h.M.ShortHelp() {
		if b.Help().Key == "ctrl+l" {
			found = true
		}
	}
	if !found || !h.M.Capturing() {
		t.Fatal("the form's help should offer the lookup and capture keys")
	}
}

func TestAnySizeRendersExactly(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	for _, mode := range []string{"list", "form"} {
		if mode == "form" {
			h.key("n")
		}
		for w := 0; w <= 200; w += 7 {
			for ht := 0; ht <= 60; ht += 5 {
				m := h.M.setSize(max(w, 1), max(ht, 1))
				out := m.View()
				lines := strings.Split(out, "\n")
				if len(lines) != max(ht, 1) {
					t.Fatalf("%s %dx%d: %d lines", mode, w, ht, len(lines))
				}
				for _, l := range lines {
					if got := common.Width(l); got != max(w, 1) {
						t.Fatalf("%s %dx%d: a line is %d wide: %q", mode, w, ht, got, l)
					}
				}
			}
		}
	}
	m, _ := h.M.update(tea.WindowSizeMsg{Width: 1, Height: 1})
	_ = m.setSize(1, 1).View()
}

func TestReadOnlyRefusesSends(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	h.c.ReadOnly = true
	h.Out = nil
	h.key("n")
	h.key("s")
	if h.M.mode != modeList || h.M.pending.Len() != 0 {
		t.Fatalf("read-only opened mode %d / made %d calls", h.M.mode, h.M.pending.Len())
	}
	if f := h.flashes(); len(f) != 2 || f[0] != twilioapi.ReadOnlyMessage || f[1] != f[0] {
		t.Fatalf("flashes %q", f)
	}
	if got := h.M.current().sendsUsed(); got != 1 {
		t.Fatalf("sends %d", got)
	}
	// Help offers only what read-only mode allows; an empty view does not
	// invite a send.
	for _, b := range h.M.ShortHelp() {
		if k := b.Help().Key; k == "n" || k == "s" || k == "x" || k == "a" {
			t.Fatalf("read-only help offers %q", k)
		}
	}
	h.key("w")
	h.ConfirmYes() // closing changes nothing at Twilio: allowed, after asking
	h.wantScreen("Read-only mode: sending verifications is refused.")
}

func TestCtrlSSubmitsAndLeavingTheFormKeepsTheListPosition(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	h.key("esc")
	h.key("n")
	h.typeText("bob@example.com")
	// Send with ctrl+s; esc while it is in flight cancels it (the form
	// stays), a second esc leaves the form at the same list position.
	var cmd tea.Cmd
	h.M, cmd = h.M.update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	if cmd == nil || !h.M.form.sending {
		t.Fatal("ctrl+s did not send")
	}
	h.key("esc")
	h.Loop(cmd) // the canceled call's answer is dropped
	if h.M.mode != modeForm || h.M.list.Len() != 1 {
		t.Fatalf("after canceling: mode %d, %d sessions", h.M.mode, h.M.list.Len())
	}
	h.key("enter")
	h.key("esc")
	if h.M.list.Len() != 2 || h.M.mode != modeList {
		t.Fatalf("%d sessions, selected %d, mode %d", h.M.list.Len(), h.M.list.Cursor(), h.M.mode)
	}
}

func TestFailedSendAfterLeavingTheFormFlashes(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.typeText(sandbox.NumberLandline)
	var cmd tea.Cmd
	h.M, cmd = h.M.update(viewtest.Key("enter"))
	h.M.mode = modeList // the form was left meanwhile (another view opened the list)
	h.Out = nil
	h.Loop(cmd)
	if f := h.flashes(); len(f) != 1 || !strings.Contains(f[0], "60205") {
		t.Fatalf("flashes %q", f)
	}
	h.key("n")
	h.wantScreen("60205", sandbox.NumberLandline)
}

func TestNarrowTerminalShowsPosition(t *testing.T) {
	h := newHarness(t, 50, 20)
	h.twoSessions()
	h.wantScreen("session 2 of 2")
}

func TestDeliveryRefusalsExplainedInPlace(t *testing.T) {
	cases := []struct {
		to      string
		channel twilioapi.Channel
		code    int
		want    string
	}{
		{"+14155550105", twilioapi.ChannelSMS, twilioapi.CodeGeoPermissions, "Geo"},
		{sandbox.NumberMobile, twilioapi.ChannelWhatsApp, twilioapi.CodeChannelDisabled, "channel"},
		{sandbox.NumberFraud, twilioapi.ChannelSMS, twilioapi.CodeFraudGuard, "Safe List"},
		{sandbox.NumberLandline, twilioapi.ChannelSMS, twilioapi.CodeLandline, "landline"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.code), func(t *testing.T) {
			h := newHarness(t, 120, 40)
			if c.code == twilioapi.CodeChannelDisabled {
				// A new service has no WhatsApp sender of its own.
				name := "No WhatsApp"
				svc, err := h.client.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name})
				if err != nil {
					t.Fatal(err)
				}
				h.send(common.ServiceSelectedMsg{Service: svc})
			}
			h.newSession(c.to, c.channel)
			p := h.M.form.problem
			if p == nil || p.Code != c.code || len(p.Lines) == 0 {
				t.Fatalf("problem %+v, want %d explained", p, c.code)
			}
			h.wantScreen(fmt.Sprint(c.code), c.want)
			if h.M.form.form.Get(fieldTo) != c.to {
				t.Fatal("the typed number was lost")
			}
		})
	}
}

func TestRiskCheckDisableGetsPastFraudGuard(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.key("n")
	h.typeText(sandbox.NumberFraud)
	h.M.form.form.FocusKey(fieldRiskCheck)
	h.key("right")
	h.key("right")
	if got := h.M.form.form.Get(fieldRiskCheck); got != "disable" {
		t.Fatalf("risk check %q", got)
	}
	h.key("enter")
	if s := h.M.current(); s == nil || s.params.RiskCheck != "disable" {
		t.Fatalf("not sent with RiskCheck=disable: %+v", h.M.form.problem)
	}
}

// TestChecksCountedAsTheSandboxCounts: a check that approves is a check too.
// The detail's count must be the sandbox's own (with a state file, as a
// restart would keep it), for a first-time right code and for a right code
// after a wrong one.
func TestChecksCountedAsTheSandboxCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarnessWith(t, 100, 30, sandbox.Options{StatePath: path})
	for wrong := 0; wrong <= 1; wrong++ {
		h.newSession(fmt.Sprintf("+1415555%04d", 100+wrong*200), twilioapi.ChannelSMS)
		s := h.M.current()
		code := h.code()
		for i := 0; i < wrong; i++ {
			h.typeText(wrongCode(code))
			h.key("enter")
		}
		h.typeText(code)
		h.key("enter")
		if s.status != twilioapi.StatusApproved {
			t.Fatalf("status %s after the right code", s.status)
		}
		used := wrong + 1
		if got := sandboxChecks(t, h.sb, s.ver.SID); got != used || s.checksUsed != used {
			t.Fatalf("after %d wrong + 1 right: view counts %d, sandbox counts %d", wrong, s.checksUsed, got)
		}
		h.wantScreen(fmt.Sprintf("Checks    %d of 5 used · %d left", used, 5-used))
	}
}

// sandboxChecks is how many checks the sandbox counted for verification
// sid.
func sandboxChecks(t *testing.T, sb *sandbox.Sandbox, sid string) int {
	t.Helper()
	n, ok := sb.VerificationChecks(sid)
	if !ok {
		t.Fatalf("no verification %s in the sandbox state", sid)
	}
	return n
}

// TestHistoryIsBounded: a console left running keeps the newest entries,
// not every one since it started.
func TestHistoryIsBounded(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.newSession(sandbox.NumberMobile, twilioapi.ChannelSMS)
	s := h.M.current()
	for i := 0; i < maxHistory+50; i++ {
		h.M.record(s, "note", fmt.Sprint(i))
	}
	if len(h.M.history) != maxHistory || len(s.history) != maxSessionHistory {
		t.Fatalf("history %d (max %d), session history %d (max %d)", len(h.M.history), maxHistory, len(s.history), maxSessionHistory)
	}
	if last := h.M.history[len(h.M.history)-1]; last.Outcome != fmt.Sprint(maxHistory+49) {
		t.Fatalf("newest entry %+v", last)
	}
	// The detail shows the newest and says how many it leaves out.
	lines := ansi.Strip(strings.Join(historyLines(h.c.Styles, s.history, 100, detailHistory), "\n"))
	if want := fmt.Sprintf("… %d earlier, not shown", maxSessionHistory-detailHistory); !strings.Contains(lines, want) ||
		!strings.Contains(lines, fmt.Sprint(maxHistory+49)) {
		t.Fatalf("history lines lack %q or the newest entry:\n%s", want, lines)
	}
}

// TestFilterSessions: / filters the list by number or address like every
// list; typed keys go to the filter (no view switch, no action); enter
// keeps it, esc clears it.
func TestFilterSessions(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.twoSessions()
	h.key("/")
	if !h.M.Capturing() {
		t.Fatal("the filter must take the keys")
	}
	h.typeText("bob")
	h.wantScreen("Sessions", "bob@example.com")
	if h.M.list.Shown() != 1 || h.M.current().recipient.Email != "bob@example.com" {
		t.Fatalf("filter shows %d, selected %+v", h.M.list.Shown(), h.M.current())
	}
	h.key("enter")
	h.wantScreen("Sessions (1 of 2) /bob")
	if h.M.Capturing() {
		t.Fatal("enter keeps the filter and gives the keys back")
	}
	h.key("esc")
	if h.M.list.Shown() != 2 || h.M.list.Filter() != "" {
		t.Fatalf("esc must clear the filter: %d shown, filter %q", h.M.list.Shown(), h.M.list.Filter())
	}
}
