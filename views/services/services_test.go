package services

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestLoadAndAutoSelect: the first page loads and its first service (the
// sandbox's "Sandbox Demo") becomes the current service.
func TestLoadAndAutoSelect(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	if s.m.Busy() {
		t.Fatal("busy after the load finished")
	}
	if s.current.FriendlyName != "Sandbox Demo" || s.m.current != s.current.SID {
		t.Fatalf("current = %+v, view current %q", s.current, s.m.current)
	}
	if v := s.m.View(); !strings.Contains(v, "★ Sandbox Demo") || !strings.Contains(v, "General") {
		t.Fatalf("view lacks the starred service or its details:\n%s", v)
	}
}

// TestDefaultServiceSelected: the profile's default service wins over the
// first one, even when it is not on the first page.
func TestDefaultServiceSelected(t *testing.T) {
	cl := startSandbox(t, true)
	ctx := context.Background()
	var want twilioapi.Service
	for i := 0; i < PageSize+5; i++ {
		name := fmt.Sprintf("Svc %03d", i)
		sv, err := cl.CreateService(ctx, twilioapi.ServiceSettings{FriendlyName: &name})
		if err != nil {
			t.Fatal(err)
		}
		want = sv
	}
	c := viewtest.Common(cl)
	c.DefaultServiceSID = want.SID
	s := newShell(t, c, 100, 30)
	if s.current.SID != want.SID {
		t.Fatalf("current = %s, want the default %s", s.current.SID, want.SID)
	}
}

// TestCreateEditDelete walks the whole life of a service through the
// view against the sandbox.
func TestCreateEditDelete(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.key("n")
	if !s.m.Capturing() {
		t.Fatal("the open form must capture keys")
	}
	s.typeText("Acme Login")
	s.key("tab") // code length
	s.key("backspace")
	s.typeText("8")
	s.key("ctrl+s")
	if s.m.formOpen {
		t.Fatalf("form still open after save; form error %q", s.m.form.Err)
	}
	sel, ok := s.m.list.selected()
	if !ok || sel.FriendlyName != "Acme Login" || sel.CodeLength != 8 {
		t.Fatalf("selected after create = %+v", sel)
	}
	if !strings.Contains(s.lastFlash(), "created service Acme Login") {
		t.Fatalf("flash %q", s.lastFlash())
	}

	// Edit: only the code length changes.
	s.key("e")
	if got := s.m.form.Get(fName); got != "Acme Login" {
		t.Fatalf("edit form name = %q", got)
	}
	s.key("tab")
	s.key("backspace")
	s.typeText("5")
	ss := settingsFrom(s.m.form, s.m.formBase, modeEdit)
	if ss.CodeLength == nil || *ss.CodeLength != 5 || ss.FriendlyName != nil || ss.LookupEnabled != nil {
		t.Fatalf("edit would send more than the change: %+v", ss)
	}
	s.key("ctrl+s")
	sel, _ = s.m.list.selected()
	if sel.CodeLength != 5 {
		t.Fatalf("code length after edit = %d", sel.CodeLength)
	}

	// Delete asks to type the name; the confirmed message deletes it.
	s.key("d")
	if s.confirm == nil || s.confirm.TypeToConfirm != "Acme Login" {
		t.Fatalf("confirm = %+v", s.confirm)
	}
	s.send(s.confirm.OnConfirm)
	if _, ok := s.m.list.find(sel.SID); ok {
		t.Fatal("service still listed after delete")
	}
	if !strings.Contains(s.lastFlash(), "deleted service Acme Login") {
		t.Fatalf("flash %q", s.lastFlash())
	}
	// A refresh agrees with the server.
	s.key("r")
	if _, ok := s.m.list.find(sel.SID); ok || len(s.m.list.items) != 1 {
		t.Fatalf("after refresh: %d services", len(s.m.list.items))
	}
}

// TestDeleteCurrentSelectsAnother: deleting the current service makes the
// first remaining one current, so other views never use a deleted one.
func TestDeleteCurrentSelectsAnother(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	first := s.current
	s.key("n")
	s.typeText("Second")
	s.key("ctrl+s")
	s.key("down") // back to Sandbox Demo (the new one is on top)
	if sel, _ := s.m.list.selected(); sel.SID != first.SID {
		t.Fatalf("selected %s, want %s", sel.SID, first.SID)
	}
	s.key("d")
	s.send(s.confirm.OnConfirm)
	if s.current.FriendlyName != "Second" {
		t.Fatalf("current after deleting it = %+v", s.current)
	}
}

// TestValidationBeforeAnyCall: out-of-range values are shown inline and
// nothing is sent.
func TestValidationBeforeAnyCall(t *testing.T) {
	cases := []struct {
		field, value, want string
	}{
		{fCodeLength, "12", "between 4 and 10"},
		{fCodeLength, "3", "between 4 and 10"},
		{fCodeLength, "six", "whole number"},
		{fTOTPStep, "61", "between 20 and 60"},
		{fTOTPStep, "19", "between 20 and 60"},
		{fTOTPLen, "9", "between 3 and 8"},
		{fTOTPLen, "2", "between 3 and 8"},
		{fTOTPSkew, "3", "between 0 and 2"},
		{fName, strings.Repeat("x", 31), "limit is 30"},
		{fName, "", "required"},
		{fTemplate, "XX123", "HJ"},
	}
	for _, tc := range cases {
		t.Run(tc.field+"="+tc.value, func(t *testing.T) {
			s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
			before := len(s.m.list.items)
			s.key("n")
			f := s.m.form.Field(fName)
			f.Input.SetValue("Valid Name")
			s.m.form.Field(tc.field).Input.SetValue(tc.value)
			s.key("ctrl+s")
			if !s.m.formOpen || s.m.saveReq != 0 {
				t.Fatal("an invalid form must stay open and send nothing")
			}
			fl := s.m.form.Field(tc.field)
			if !strings.Contains(fl.Err, tc.want) {
				t.Fatalf("inline error %q, want it to contain %q", fl.Err, tc.want)
			}
			if s.m.form.Fields[s.m.form.Focus].Key != tc.field {
				t.Fatalf("focus on %s, want the invalid field", s.m.form.Fields[s.m.form.Focus].Key)
			}
			if fl.Input.Value() != tc.value {
				t.Fatal("input must be kept")
			}
			s.key("r") // ignored by the form (it types r), list unchanged
			if len(s.m.list.items) != before {
				t.Fatal("list changed")
			}
		})
	}
}

// TestTwilioErrorKeptInForm: an error from Twilio lands on the field it
// names, and every typed value stays.
func TestTwilioErrorKeptInForm(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.key("n")
	s.typeText("Acme")
	s.key("tab")
	s.key("backspace")
	s.typeText("7")
	id := s.m.c.NextRequestID()
	s.m.saveReq = id // as if the create were in flight
	s.send(common.ResultMsg{View: common.ViewServices, ID: id, Err: &twilioapi.Error{
		Kind: twilioapi.KindAPI, Status: 400, Code: 60200,
		Message: "Invalid parameter: FriendlyName", Hint: "Use letters, digits and spaces.",
	}})
	if !s.m.formOpen {
		t.Fatal("the form must stay open")
	}
	if got := s.m.form.Field(fName).Err; !strings.Contains(got, "Invalid parameter") {
		t.Fatalf("name field error %q", got)
	}
	if s.m.form.Get(fName) != "Acme" || s.m.form.Get(fCodeLength) != "7" {
		t.Fatal("input lost")
	}
	// An error naming no field is shown on the form.
	id = s.m.c.NextRequestID()
	s.m.saveReq = id
	s.send(common.ResultMsg{View: common.ViewServices, ID: id, Err: &twilioapi.Error{Kind: twilioapi.KindTimeout, Message: "timed out"}})
	if !strings.Contains(s.m.form.Err, "timed out") {
		t.Fatalf("form error %q", s.m.form.Err)
	}
	if !strings.Contains(s.m.View(), "timed out") {
		t.Fatal("form error not rendered")
	}
}

// TestReadOnlyRefuses: n, e and d do nothing but say why.
func TestReadOnlyRefuses(t *testing.T) {
	c := viewtest.Common(startSandbox(t, false))
	c.ReadOnly = true
	s := newShell(t, c, 100, 30)
	for k, doing := range map[string]string{"n": "creating", "e": "editing", "d": "deleting"} {
		s.key(k)
		if s.m.formOpen || s.confirm != nil {
			t.Fatalf("%s opened something in read-only mode", k)
		}
		if want := "read-only mode: " + doing + " services is disabled"; s.lastFlash() != want {
			t.Fatalf("%s: flash %q, want %q", k, s.lastFlash(), want)
		}
	}
	// A confirmed delete arriving anyway is refused too.
	sel, _ := s.m.list.selected()
	s.send(deleteConfirmedMsg{SID: sel.SID, Name: sel.FriendlyName})
	if _, ok := s.m.list.find(sel.SID); !ok {
		t.Fatal("deleted in read-only mode")
	}
}

// TestPagingAndFilter: pages load as the cursor nears the end, never all
// at once, and the filter narrows the loaded services.
func TestPagingAndFilter(t *testing.T) {
	cl := startSandbox(t, true)
	ctx := context.Background()
	for i := 0; i < 2*PageSize+10; i++ {
		name := fmt.Sprintf("Svc %03d", i)
		if _, err := cl.CreateService(ctx, twilioapi.ServiceSettings{FriendlyName: &name}); err != nil {
			t.Fatal(err)
		}
	}
	s := newShell(t, viewtest.Common(cl), 100, 30)
	if n := len(s.m.list.items); n != PageSize {
		t.Fatalf("loaded %d at start, want one page (%d)", n, PageSize)
	}
	if !strings.Contains(s.m.View(), "more on scroll") {
		t.Fatal("title should say more can be loaded")
	}
	s.key("end")
	if n := len(s.m.list.items); n != 2*PageSize {
		t.Fatalf("after end: %d loaded, want %d", n, 2*PageSize)
	}
	s.key("end")
	if n := len(s.m.list.items); n != 2*PageSize+10 || s.m.list.next != "" {
		t.Fatalf("after second end: %d loaded, next %q", n, s.m.list.next)
	}
	s.key("end") // to the newly loaded end
	if want := fmt.Sprintf("Services  %d/%d · %d loaded", 2*PageSize+10, 2*PageSize+10, 2*PageSize+10); !strings.Contains(ansi.Strip(s.m.View()), want) {
		t.Fatalf("title lacks the position %q:\n%s", want, s.m.View())
	}

	s.key("home")
	for i := 0; i < 50; i++ {
		s.key("down")
	}
	s.key("/")
	if !s.m.Capturing() {
		t.Fatal("filter must capture keys")
	}
	s.typeText("svc 10")
	if got := len(s.m.list.view); got != 10 {
		t.Fatalf("filter 'svc 10' matches %d, want 10 (Svc 100–109)", got)
	}
	// The cursor was on Svc 050, which does not match: it goes to the
	// first match, not to the old row number clamped (Svc 109).
	if sel, _ := s.m.list.selected(); sel.FriendlyName != "Svc 100" {
		t.Fatalf("after filtering, cursor on %q, want the first match Svc 100", sel.FriendlyName)
	}
	s.key("down")
	s.key("backspace") // "svc 1": Svc 101 still matches and stays selected
	if sel, _ := s.m.list.selected(); sel.FriendlyName != "Svc 101" {
		t.Fatalf("widening the filter moved the cursor to %q", sel.FriendlyName)
	}
	s.typeText("0")
	s.key("enter")
	if s.m.Capturing() || s.m.list.filter != "svc 10" {
		t.Fatal("enter keeps the filter and leaves the input")
	}
	s.key("esc")
	if len(s.m.list.view) != len(s.m.list.items) {
		t.Fatal("esc clears the filter")
	}
}

// TestLateResultsDropped: a result for a request the view no longer waits
// for changes nothing.
func TestLateResultsDropped(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	before := len(s.m.list.items)
	s.send(common.ResultMsg{View: common.ViewServices, ID: 9999, Value: twilioapi.ServicePage{}})
	s.send(common.ResultMsg{View: common.ViewSessions, ID: 1, Value: twilioapi.ServicePage{}})
	if len(s.m.list.items) != before {
		t.Fatal("late or misaddressed result applied")
	}
}

// TestCopySID: c copies the selected SID with OSC 52 and says so.
func TestCopySID(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.key("c")
	if !strings.Contains(s.lastFlash(), "copied service SID VA") {
		t.Fatalf("flash %q", s.lastFlash())
	}
	if len(s.other) == 0 {
		t.Fatal("no clipboard message")
	}
}

// TestLoadError: a failing list call is shown in place and r retries.
func TestLoadError(t *testing.T) {
	c := viewtest.Common(nil)
	s := newShell(t, c, 100, 30)
	if !strings.Contains(s.m.View(), "Could not load services") {
		t.Fatalf("view:\n%s", s.m.View())
	}
	if s.m.loadErr == nil || len(s.errs) != 1 || s.lastFlash() == "" {
		t.Fatal("error not reported")
	}
}

// TestDetailScroll: J/K scroll the detail pane; moving the cursor resets
// it.
func TestDetailScroll(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 80, 20)
	if strings.Contains(s.m.View(), "Events") {
		t.Fatal("the small detail pane should not show the last group yet")
	}
	for i := 0; i < 40; i++ {
		s.key("J")
	}
	if !strings.Contains(s.m.View(), "Event subscription") {
		t.Fatalf("scrolled detail lacks the last group:\n%s", s.m.View())
	}
	s.key("K")
	if s.m.detailOffset == 0 {
		t.Fatal("K scrolls up by one")
	}
	s.key("down")
	if s.m.detailOffset != 0 {
		t.Fatal("moving the cursor resets the detail scroll")
	}
}

// TestEditServiceWithUnsetTOTP: Twilio returns null TOTP settings for a
// service nobody set them on (the sandbox's demo service is one). The
// edit form must not turn them into 0s that fail validation, so changing
// only the code length saves and leaves TOTP unset; the detail pane says
// "default" rather than "0 s".
func TestEditServiceWithUnsetTOTP(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 40)
	demo, ok := s.m.list.selected()
	if !ok || demo.TOTP.TimeStep != 0 {
		t.Fatalf("want the demo service with null TOTP, got %+v", demo)
	}
	if v := renderDetail(s.m.c.Styles, demo, 80, 60, 0); !strings.Contains(v, "default (30 s)") || strings.Contains(v, " 0 s") {
		t.Fatalf("detail pane shows unset TOTP wrongly:\n%s", v)
	}
	s.key("e")
	for _, k := range []string{fTOTPStep, fTOTPLen, fTOTPSkew} {
		if got := s.m.form.Get(k); got != "" {
			t.Errorf("edit form %s = %q, want empty (unset)", k, got)
		}
	}
	s.key("tab")
	s.key("backspace")
	s.typeText("8")
	s.key("ctrl+s")
	if s.m.formOpen {
		t.Fatalf("edit did not save: form error %q, fields %+v", s.m.form.Err, s.m.form.Fields)
	}
	sel, _ := s.m.list.selected()
	if sel.CodeLength != 8 || sel.TOTP != demo.TOTP {
		t.Fatalf("after edit: code length %d, TOTP %+v (was %+v)", sel.CodeLength, sel.TOTP, demo.TOTP)
	}
}

// TestServerErrorInFormSaysAll: a Twilio error from a real (faulty)
// sandbox is shown in the form with its code, hint and more_info link,
// wrapped rather than cut, and the input is kept for a retry; a field's
// error keeps its code too.
func TestServerErrorInFormSaysAll(t *testing.T) {
	cl, sb := apitest.Start(t, sandbox.Options{})
	s := newShell(t, viewtest.Common(cl), 60, 30)
	s.key("n")
	s.typeText("Acme")
	sb.SetFaults(sandbox.Faults{ErrorShare: 1})
	s.key("ctrl+s")
	if !s.m.formOpen || s.m.form.Get(fName) != "Acme" {
		t.Fatal("the form must stay open with the input kept")
	}
	err := s.m.form.Err
	if !strings.Contains(err, "Twilio error 205") || !strings.Contains(err, "https://www.twilio.com/docs/errors/205") {
		t.Fatalf("form error lacks code or link: %q", err)
	}
	if v := s.m.View(); !strings.Contains(v, "https://www.twilio.com/docs/errors/205") {
		t.Fatalf("link cut off at 60 columns:\n%s", v)
	}
	sb.SetFaults(sandbox.Faults{})
	s.key("ctrl+s")
	if s.m.formOpen {
		t.Fatalf("retry after the fault cleared did not save: %q", s.m.form.Err)
	}

	k, text := fieldForError(s.m.form, &twilioapi.Error{Kind: twilioapi.KindAPI, Status: 400, Code: 60200,
		Message: "Invalid parameter: CodeLength", Hint: "Use 4 to 10.", MoreInfo: "https://www.twilio.com/docs/errors/60200"})
	if k != fCodeLength || !strings.Contains(text, "60200") || !strings.Contains(text, "Use 4 to 10.") {
		t.Fatalf("field error = %s %q", k, text)
	}
}

// TestFormAtMinimumSize: at 60 columns the focused field's hint wraps
// instead of losing its end, and save and cancel lead the form's help so
// a narrow help line keeps them.
func TestFormAtMinimumSize(t *testing.T) {
	s := newShell(t, viewtest.Common(nil), 60, 16)
	s.key("n")
	if v := s.m.View(); !strings.Contains(v, "(up to 30 characters).") {
		t.Fatalf("hint cut at 60 columns:\n%s", v)
	}
	h := s.m.ShortHelp()
	if len(h) < 2 || !key.Matches(viewtest.Key("ctrl+s"), h[0]) || !key.Matches(viewtest.Key("esc"), h[1]) {
		t.Fatalf("form help starts with %v", h)
	}
}

// TestLoadFailureDetails: a failed refresh opens the error dialog with
// Twilio's code (the flash alone was cut off and the list kept its rows);
// a failed first load shows the client's hint in place of the list; r
// retries.
func TestLoadFailureDetails(t *testing.T) {
	sb, srv := apitest.Serve(t, sandbox.Options{})
	bad := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: strings.Repeat("0", 32), BaseURL: srv.URL()})
	s := newShell(t, viewtest.Common(bad), 100, 30)
	var te *twilioapi.Error
	if !errors.As(s.m.loadErr, &te) || te.Hint == "" {
		t.Fatalf("want a Twilio error with a hint, got %#v", s.m.loadErr)
	}
	if v := s.m.View(); !strings.Contains(v, te.Hint[:20]) || !strings.Contains(v, "to retry") {
		t.Fatalf("first-load failure lacks the hint:\n%s", v)
	}
	if len(s.errs) != 1 || s.errs[0].Err != s.m.loadErr {
		t.Fatalf("error dialogs: %+v", s.errs)
	}

	good := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	s = newShell(t, viewtest.Common(good), 100, 30)
	sb.SetFaults(sandbox.Faults{ErrorShare: 1})
	s.key("r")
	if len(s.errs) != 1 || !strings.Contains(s.errs[0].Err.Error(), "Twilio error 205") {
		t.Fatalf("refresh failure dialogs: %+v", s.errs)
	}
	if len(s.m.list.items) == 0 {
		t.Fatal("a failed refresh must keep the loaded services")
	}
	sb.SetFaults(sandbox.Faults{})
	s.key("r")
	if s.m.loadErr != nil || len(s.errs) != 1 {
		t.Fatalf("retry: err %v, %d dialogs", s.m.loadErr, len(s.errs))
	}
}

// TestLetterBindingsStillType: with letters bound to back, cancel and
// next field in the `[keys]` table, the filter and the form still take
// those letters as text; esc and tab keep working.
func TestLetterBindingsStillType(t *testing.T) {
	c := viewtest.Common(startSandbox(t, false))
	if err := c.Keys.Rebind(map[string][]string{"back": {"esc", "x"}, "cancel": {"esc", "x"}, "next_field": {"tab", "j"}}); err != nil {
		t.Fatal(err)
	}
	s := newShell(t, c, 100, 30)
	s.key("/")
	s.typeText("xj")
	if !s.m.filtering || s.m.list.filter != "xj" {
		t.Fatalf("filter %q, filtering %v", s.m.list.filter, s.m.filtering)
	}
	s.key("esc")
	s.key("n")
	s.typeText("Jax")
	if !s.m.formOpen || s.m.form.Get(fName) != "Jax" {
		t.Fatalf("form open %v, name %q", s.m.formOpen, s.m.form.Get(fName))
	}
	s.key("tab")
	if s.m.form.Fields[s.m.form.Focus].Key != fCodeLength {
		t.Fatal("tab no longer moves to the next field")
	}
	s.key("esc")
	if s.m.formOpen {
		t.Fatal("esc no longer cancels")
	}
}

// TestMouseSelectsAndScrolls: with --mouse, a click on a row selects it
// and the wheel moves the cursor; clicks outside the rows do nothing.
func TestMouseSelectsAndScrolls(t *testing.T) {
	cl := startSandbox(t, false)
	for _, n := range []string{"Alpha", "Beta"} {
		name := n
		if _, err := cl.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name}); err != nil {
			t.Fatal(err)
		}
	}
	s := newShell(t, viewtest.Common(cl), 100, 30)
	// Row 3 is the first service (title, border, header above it).
	s.send(tea.MouseClickMsg{X: 5, Y: 3 + 2, Button: tea.MouseLeft})
	if s.m.list.cursor != 2 {
		t.Fatalf("click on the third row: cursor %d", s.m.list.cursor)
	}
	s.send(tea.MouseClickMsg{X: 5, Y: 1, Button: tea.MouseLeft}) // the border
	s.send(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelUp})
	if s.m.list.cursor != 1 {
		t.Fatalf("after a border click and wheel up: cursor %d", s.m.list.cursor)
	}
}
