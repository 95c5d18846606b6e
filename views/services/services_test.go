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
	if s.model().Busy() {
		t.Fatal("busy after the load finished")
	}
	if s.Current.FriendlyName != "Sandbox Demo" || s.model().current != s.Current.SID {
		t.Fatalf("current = %+v, view current %q", s.Current, s.model().current)
	}
	if v := s.model().View(); !strings.Contains(v, "★ Sandbox Demo") || !strings.Contains(v, "General") {
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
	if s.Current.SID != want.SID {
		t.Fatalf("current = %s, want the default %s", s.Current.SID, want.SID)
	}
}

// TestCreateEditDelete walks the whole life of a service through the
// view against the sandbox.
func TestCreateEditDelete(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.Key("n")
	if !s.model().Capturing() {
		t.Fatal("the open form must capture keys")
	}
	s.Type("Acme Login")
	s.Key("tab") // code length
	s.Key("backspace")
	s.Type("8")
	s.Key("ctrl+s")
	if s.model().formOpen {
		t.Fatalf("form still open after save; form error %q", s.model().form.Err)
	}
	sel, ok := s.model().list.Selected()
	if !ok || sel.FriendlyName != "Acme Login" || sel.CodeLength != 8 {
		t.Fatalf("selected after create = %+v", sel)
	}
	if !strings.Contains(s.LastFlash(), "created service Acme Login") {
		t.Fatalf("flash %q", s.LastFlash())
	}

	// Edit: only the code length changes.
	s.Key("e")
	if got := s.model().form.Get(fName); got != "Acme Login" {
		t.Fatalf("edit form name = %q", got)
	}
	s.Key("tab")
	s.Key("backspace")
	s.Type("5")
	ss := settingsFrom(s.model().form, s.model().formBase, modeEdit)
	if ss.CodeLength == nil || *ss.CodeLength != 5 || ss.FriendlyName != nil || ss.LookupEnabled != nil {
		t.Fatalf("edit would send more than the change: %+v", ss)
	}
	s.Key("ctrl+s")
	sel, _ = s.model().list.Selected()
	if sel.CodeLength != 5 {
		t.Fatalf("code length after edit = %d", sel.CodeLength)
	}

	// Delete asks to type the name; the confirmed message deletes it.
	s.Key("d")
	if s.Confirm == nil || s.Confirm.TypeToConfirm != "Acme Login" {
		t.Fatalf("confirm = %+v", s.Confirm)
	}
	s.ConfirmYes()
	if _, ok := s.model().list.Find(sel.SID); ok {
		t.Fatal("service still listed after delete")
	}
	if !strings.Contains(s.LastFlash(), "deleted service Acme Login") {
		t.Fatalf("flash %q", s.LastFlash())
	}
	// A refresh agrees with the server.
	s.Key("r")
	if _, ok := s.model().list.Find(sel.SID); ok || s.model().list.Len() != 1 {
		t.Fatalf("after refresh: %d services", s.model().list.Len())
	}
}

// TestDeleteCurrentSelectsAnother: deleting the current service makes the
// first remaining one current, so other views never use a deleted one.
func TestDeleteCurrentSelectsAnother(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	first := s.Current
	s.Key("n")
	s.Type("Second")
	s.Key("ctrl+s")
	s.Key("down") // back to Sandbox Demo (the new one is on top)
	if sel, _ := s.model().list.Selected(); sel.SID != first.SID {
		t.Fatalf("selected %s, want %s", sel.SID, first.SID)
	}
	s.Key("d")
	s.ConfirmYes()
	if s.Current.FriendlyName != "Second" {
		t.Fatalf("current after deleting it = %+v", s.Current)
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
			before := s.model().list.Len()
			s.Key("n")
			f := s.model().form.Field(fName)
			f.Input.SetValue("Valid Name")
			s.model().form.Field(tc.field).Input.SetValue(tc.value)
			s.Key("ctrl+s")
			if !s.model().formOpen || s.model().reqs.Any(is(reqSave)) {
				t.Fatal("an invalid form must stay open and send nothing")
			}
			fl := s.model().form.Field(tc.field)
			if !strings.Contains(fl.Err, tc.want) {
				t.Fatalf("inline error %q, want it to contain %q", fl.Err, tc.want)
			}
			if s.model().form.Fields[s.model().form.Focus].Key != tc.field {
				t.Fatalf("focus on %s, want the invalid field", s.model().form.Fields[s.model().form.Focus].Key)
			}
			if fl.Input.Value() != tc.value {
				t.Fatal("input must be kept")
			}
			s.Key("r") // ignored by the form (it types r), list unchanged
			if s.model().list.Len() != before {
				t.Fatal("list changed")
			}
		})
	}
}

// TestTwilioErrorKeptInForm: an error from Twilio lands on the field it
// names, and every typed value stays.
func TestTwilioErrorKeptInForm(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.Key("n")
	s.Type("Acme")
	s.Key("tab")
	s.Key("backspace")
	s.Type("7")
	id := s.inFlight(reqSave) // as if the create were in flight
	s.Send(common.Result[twilioapi.Service]{View: ID, ID: id, Err: &twilioapi.Error{
		Kind: twilioapi.KindAPI, Status: 400, Code: 60200,
		Message: "Invalid parameter: FriendlyName", Hint: "Use letters, digits and spaces.",
	}})
	if !s.model().formOpen {
		t.Fatal("the form must stay open")
	}
	if got := s.model().form.Field(fName).Err; !strings.Contains(got, "Invalid parameter") {
		t.Fatalf("name field error %q", got)
	}
	if s.model().form.Get(fName) != "Acme" || s.model().form.Get(fCodeLength) != "7" {
		t.Fatal("input lost")
	}
	// An error naming no field is shown on the form.
	id = s.inFlight(reqSave)
	s.Send(common.Result[twilioapi.Service]{View: ID, ID: id, Err: &twilioapi.Error{Kind: twilioapi.KindTimeout, Message: "timed out"}})
	if !strings.Contains(s.model().form.Err, "timed out") {
		t.Fatalf("form error %q", s.model().form.Err)
	}
	if !strings.Contains(s.model().View(), "timed out") {
		t.Fatal("form error not rendered")
	}
}

// TestReadOnlyRefuses: n, e and d do nothing but say why, in the one
// read-only wording; a delete that gets through anyway is refused by the
// client below the view.
func TestReadOnlyRefuses(t *testing.T) {
	cl, _ := apitest.StartReadOnly(t, sandbox.Options{})
	c := viewtest.Common(cl)
	c.ReadOnly = true
	s := newShell(t, c, 100, 30)
	for _, k := range []string{"n", "e", "d"} {
		s.Key(k)
		if s.model().formOpen || s.Confirm != nil {
			t.Fatalf("%s opened something in read-only mode", k)
		}
		if s.LastFlash() != twilioapi.ReadOnlyMessage {
			t.Fatalf("%s: flash %q, want %q", k, s.LastFlash(), twilioapi.ReadOnlyMessage)
		}
	}
	sel, _ := s.model().list.Selected()
	s.Send(deleteConfirmedMsg{SID: sel.SID, Name: sel.FriendlyName})
	if _, ok := s.model().list.Find(sel.SID); !ok {
		t.Fatal("deleted in read-only mode")
	}
	if len(s.Errors) != 1 || !twilioapi.IsReadOnly(s.Errors[0].Err) {
		t.Fatalf("the refused delete must say read-only: %+v", s.Errors)
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
	if n := s.model().list.Len(); n != PageSize {
		t.Fatalf("loaded %d at start, want one page (%d)", n, PageSize)
	}
	if !strings.Contains(s.model().View(), "more on scroll") {
		t.Fatal("title should say more can be loaded")
	}
	s.Key("end")
	if n := s.model().list.Len(); n != 2*PageSize {
		t.Fatalf("after end: %d loaded, want %d", n, 2*PageSize)
	}
	s.Key("end")
	if n := s.model().list.Len(); n != 2*PageSize+10 || s.model().list.Next() != "" {
		t.Fatalf("after second end: %d loaded, next %q", n, s.model().list.Next())
	}
	s.Key("end") // to the newly loaded end
	if want := fmt.Sprintf("Services  %d/%d · %d loaded", 2*PageSize+10, 2*PageSize+10, 2*PageSize+10); !strings.Contains(ansi.Strip(s.model().View()), want) {
		t.Fatalf("title lacks the position %q:\n%s", want, s.model().View())
	}

	s.Key("home")
	for i := 0; i < 50; i++ {
		s.Key("down")
	}
	s.Key("/")
	if !s.model().Capturing() {
		t.Fatal("filter must capture keys")
	}
	s.Type("svc 10")
	if got := s.model().list.Shown(); got != 10 {
		t.Fatalf("filter 'svc 10' matches %d, want 10 (Svc 100–109)", got)
	}
	// The cursor was on Svc 050, which does not match: it goes to the
	// first match, not to the old row number clamped (Svc 109).
	if sel, _ := s.model().list.Selected(); sel.FriendlyName != "Svc 100" {
		t.Fatalf("after filtering, cursor on %q, want the first match Svc 100", sel.FriendlyName)
	}
	s.Key("down")
	s.Key("backspace") // "svc 1": Svc 101 still matches and stays selected
	if sel, _ := s.model().list.Selected(); sel.FriendlyName != "Svc 101" {
		t.Fatalf("widening the filter moved the cursor to %q", sel.FriendlyName)
	}
	s.Type("0")
	s.Key("enter")
	if s.model().Capturing() || s.model().list.Filter() != "svc 10" {
		t.Fatal("enter keeps the filter and leaves the input")
	}
	s.Key("esc")
	if s.model().list.Shown() != s.model().list.Len() {
		t.Fatal("esc clears the filter")
	}
}

// TestLateResultsDropped: a result for a request the view no longer waits
// for changes nothing.
func TestLateResultsDropped(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	before := s.model().list.Len()
	s.Send(common.Result[twilioapi.ServicePage]{View: ID, ID: 9999})
	s.Send(common.Result[twilioapi.Service]{View: ID, ID: 9998, Value: twilioapi.Service{SID: "VA" + strings.Repeat("0", 32)}})
	if s.model().list.Len() != before {
		t.Fatal("late or misaddressed result applied")
	}
}

// TestCopySID: c copies the selected SID with OSC 52 and says so.
func TestCopySID(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.Key("c")
	if !strings.Contains(s.LastFlash(), "copied service SID to the clipboard") {
		t.Fatalf("flash %q", s.LastFlash())
	}
	if len(s.Other) == 0 {
		t.Fatal("no clipboard message")
	}
}

// TestLoadError: a failing list call is shown in place and r retries.
func TestLoadError(t *testing.T) {
	c := viewtest.Common(nil)
	s := newShell(t, c, 100, 30)
	if !strings.Contains(s.model().View(), "Loading services failed") {
		t.Fatalf("view:\n%s", s.model().View())
	}
	if s.model().list.Err() == nil || len(s.Errors) != 0 || s.LastFlash() == "" {
		t.Fatal("error not reported (in the pane and a flash, no dialog)")
	}
}

// TestDetailScroll: J/K scroll the detail pane; moving the cursor resets
// it.
func TestDetailScroll(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 80, 20)
	if strings.Contains(s.model().View(), "Events") {
		t.Fatal("the small detail pane should not show the last group yet")
	}
	for i := 0; i < 40; i++ {
		s.Key("J")
	}
	if !strings.Contains(s.model().View(), "Event subscription") {
		t.Fatalf("scrolled detail lacks the last group:\n%s", s.model().View())
	}
	s.Key("K")
	if s.model().detailOffset == 0 {
		t.Fatal("K scrolls up by one")
	}
	s.Key("down")
	if s.model().detailOffset != 0 {
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
	demo, ok := s.model().list.Selected()
	if !ok || demo.TOTP.TimeStep != 0 {
		t.Fatalf("want the demo service with null TOTP, got %+v", demo)
	}
	if v := renderDetail(s.model().c.Styles, demo, 80, 60, 0); !strings.Contains(v, "default (30 s)") || strings.Contains(v, " 0 s") {
		t.Fatalf("detail pane shows unset TOTP wrongly:\n%s", v)
	}
	s.Key("e")
	for _, k := range []string{fTOTPStep, fTOTPLen, fTOTPSkew} {
		if got := s.model().form.Get(k); got != "" {
			t.Errorf("edit form %s = %q, want empty (unset)", k, got)
		}
	}
	s.Key("tab")
	s.Key("backspace")
	s.Type("8")
	s.Key("ctrl+s")
	if s.model().formOpen {
		t.Fatalf("edit did not save: form error %q, fields %+v", s.model().form.Err, s.model().form.Fields)
	}
	sel, _ := s.model().list.Selected()
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
	s.Key("n")
	s.Type("Acme")
	sb.SetFaults(sandbox.Faults{ErrorShare: 1})
	s.Key("ctrl+s")
	if !s.model().formOpen || s.model().form.Get(fName) != "Acme" {
		t.Fatal("the form must stay open with the input kept")
	}
	err := s.model().form.Err
	if !strings.Contains(err, "Twilio error 205") || !strings.Contains(err, "https://www.twilio.com/docs/errors/205") {
		t.Fatalf("form error lacks code or link: %q", err)
	}
	if v := s.model().View(); !strings.Contains(v, "https://www.twilio.com/docs/errors/205") {
		t.Fatalf("link cut off at 60 columns:\n%s", v)
	}
	sb.SetFaults(sandbox.Faults{})
	s.Key("ctrl+s")
	if s.model().formOpen {
		t.Fatalf("retry after the fault cleared did not save: %q", s.model().form.Err)
	}

	f := s.model().form
	f.PlaceError(&twilioapi.Error{Kind: twilioapi.KindAPI, Status: 400, Code: 60200,
		Message: "Invalid parameter: Totp.CodeLength", Hint: "Use 3 to 8.", MoreInfo: "https://www.twilio.com/docs/errors/60200"}, errorPlaces())
	if text := f.Field(fTOTPLen).Err; !strings.Contains(text, "60200") || !strings.Contains(text, "Use 3 to 8.") {
		t.Fatalf("TOTP code length field error %q (the longest parameter name wins)", text)
	}
	if f.Field(fCodeLength).Err != "" {
		t.Fatalf("the error also landed on the code length: %q", f.Field(fCodeLength).Err)
	}
}

// TestFormAtMinimumSize: at 60 columns the focused field's hint wraps
// instead of losing its end, and save and cancel lead the form's help so
// a narrow help line keeps them.
func TestFormAtMinimumSize(t *testing.T) {
	s := newShell(t, viewtest.Common(nil), 60, 16)
	s.Key("n")
	if v := s.model().View(); !strings.Contains(v, "(up to 30 characters).") {
		t.Fatalf("hint cut at 60 columns:\n%s", v)
	}
	h := s.model().ShortHelp()
	if len(h) < 2 || !key.Matches(viewtest.Key("ctrl+s"), h[0]) || !key.Matches(viewtest.Key("esc"), h[1]) {
		t.Fatalf("form help starts with %v", h)
	}
}

// TestLoadFailureDetails: a failed load says so in the pane and a flash,
// with no dialog on top: in place of the list (with the client's hint) on
// a first load, on the title line over the rows a refresh kept; r
// retries.
func TestLoadFailureDetails(t *testing.T) {
	sb, srv := apitest.Serve(t, sandbox.Options{})
	bad := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: strings.Repeat("0", 32), BaseURL: srv.URL()})
	s := newShell(t, viewtest.Common(bad), 100, 30)
	var te *twilioapi.Error
	if !errors.As(s.model().list.Err(), &te) || te.Hint == "" {
		t.Fatalf("want a Twilio error with a hint, got %#v", s.model().list.Err())
	}
	if v := s.model().View(); !strings.Contains(v, te.Hint[:20]) || !strings.Contains(v, "to retry") {
		t.Fatalf("first-load failure lacks the hint:\n%s", v)
	}
	if len(s.Errors) != 0 || !strings.Contains(s.LastFlash(), "20003") {
		t.Fatalf("error dialogs %+v, flash %q", s.Errors, s.LastFlash())
	}

	good := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	s = newShell(t, viewtest.Common(good), 100, 30)
	sb.SetFaults(sandbox.Faults{ErrorShare: 1})
	s.Key("r")
	if v := s.model().View(); len(s.Errors) != 0 || !strings.Contains(v, "✗ refresh failed: Twilio error 205") {
		t.Fatalf("refresh failure: %d dialogs, view:\n%s", len(s.Errors), v)
	}
	if s.model().list.Len() == 0 {
		t.Fatal("a failed refresh must keep the loaded services")
	}
	sb.SetFaults(sandbox.Faults{})
	s.Key("r")
	if s.model().list.Err() != nil || strings.Contains(s.model().View(), "refresh failed") {
		t.Fatalf("retry: err %v", s.model().list.Err())
	}
}

// TestLetterBindingsStillType: with letters bound to back, cancel and
// next field in the `[keys]` table, the filter and the form still take
// those letters as text; esc and tab keep working.
func TestLetterBindingsStillType(t *testing.T) {
	c := viewtest.Common(startSandbox(t, false))
	if err := c.Keys.Rebind(map[string][]string{"back": {"esc", "b"}, "cancel": {"esc", "b"}, "next_field": {"tab", "j"}}); err != nil {
		t.Fatal(err)
	}
	s := newShell(t, c, 100, 30)
	s.Key("/")
	s.Type("bj")
	if !s.model().list.Filtering() || s.model().list.Filter() != "bj" {
		t.Fatalf("filter %q, filtering %v", s.model().list.Filter(), s.model().list.Filtering())
	}
	s.Key("esc")
	s.Key("n")
	s.Type("Jab")
	if !s.model().formOpen || s.model().form.Get(fName) != "Jab" {
		t.Fatalf("form open %v, name %q", s.model().formOpen, s.model().form.Get(fName))
	}
	s.Key("tab")
	if s.model().form.Fields[s.model().form.Focus].Key != fCodeLength {
		t.Fatal("tab no longer moves to the next field")
	}
	s.Key("esc")
	if s.Confirm == nil {
		t.Fatal("esc no longer cancels (asks first: Jab was typed)")
	}
	s.ConfirmYes()
	if s.model().formOpen {
		t.Fatal("the confirmed esc did not close the form")
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
	s.Send(tea.MouseClickMsg{X: 5, Y: 3 + 2, Button: tea.MouseLeft})
	if s.model().list.Cursor() != 2 {
		t.Fatalf("click on the third row: cursor %d", s.model().list.Cursor())
	}
	s.Send(tea.MouseClickMsg{X: 5, Y: 1, Button: tea.MouseLeft}) // the border
	s.Send(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelUp})
	if s.model().list.Cursor() != 1 {
		t.Fatalf("after a border click and wheel up: cursor %d", s.model().list.Cursor())
	}
	// Over the detail pane (below the list at 100 columns) the wheel
	// scrolls the details, as J/K do, and leaves the selection alone.
	for range 40 {
		s.Send(tea.MouseWheelMsg{X: 5, Y: 25, Button: tea.MouseWheelDown})
	}
	end := s.model().detailOffset
	if s.model().list.Cursor() != 1 || end == 0 || !strings.Contains(s.model().View(), "Event subscription") {
		t.Fatalf("wheel over the details: cursor %d, offset %d:\n%s", s.model().list.Cursor(), end, s.model().View())
	}
	s.Send(tea.MouseWheelMsg{X: 5, Y: 25, Button: tea.MouseWheelUp})
	if s.model().detailOffset != end-1 {
		t.Fatalf("wheel up from the end of the details: offset %d, want %d", s.model().detailOffset, end-1)
	}
}

// TestEscAsksBeforeDiscardingEdits: esc in a changed form asks first and
// keeps the form (and what was typed) on no; an unchanged form closes.
func TestEscAsksBeforeDiscardingEdits(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.Key("e")
	s.Key("esc")
	if s.model().formOpen || s.Confirm != nil {
		t.Fatal("an unchanged form closes without asking")
	}
	s.Key("e")
	s.Type(" 2")
	s.Key("esc")
	if !s.model().formOpen || s.Confirm == nil || s.Confirm.Mutates {
		t.Fatalf("esc on a changed form must ask (a harmless question): %+v", s.Confirm)
	}
	s.Confirm = nil // no
	if got := s.model().form.Get(fName); got != "Sandbox Demo 2" {
		t.Fatalf("the edit was lost: %q", got)
	}
	s.Key("esc")
	s.ConfirmYes()
	if s.model().formOpen {
		t.Fatal("yes must discard and close")
	}
}

// TestPanelDetailAtTinyHeight: a scrolled panel detail drawn in a view a
// few rows high (the monkey test found it panicking) fits, whatever the
// offset.
func TestPanelDetailAtTinyHeight(t *testing.T) {
	s := newShell(t, viewtest.Common(startSandbox(t, false)), 100, 30)
	s.Key("w")
	for _, h := range []int{0, 1, 2, 3, 5} {
		m := *s.model()
		m.integ.detailOffset = 3
		m = m.setSize(60, h)
		_ = m.View()
	}
}
