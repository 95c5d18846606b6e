package guard

import (
	"context"
	"os"
	"testing"

	"github.com/twilio-verify/twilio-verify/internal/safelist"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

func TestSafeListAddLookUpRemoveKeepsNumbersPerAccount(t *testing.T) {
	dir := t.TempDir()
	withDir := func(c *common.Common) { c.ConfigDir = dir }
	s := newShell(t, withDir)
	ctx := context.Background()
	s.WantScreen("No numbers added from this console yet", "kept in", "for account "+twilioapi.MaskSID(s.cl.AccountSID()))

	// An invalid number is refused inline, before any call.
	s.Key("n")
	if !s.M.formOpen || !s.M.Capturing() {
		t.Fatal("n did not open the add form")
	}
	s.Type("12")
	s.Key("enter")
	if f := s.M.form.form.Field(fNumber); f.Err == "" || s.M.Busy() {
		t.Fatalf("invalid number: err %q, busy %v", f.Err, s.M.Busy())
	}

	// A national number is normalised to E.164 and added at Twilio.
	s.typeField("(415) 555-0102")
	s.Key("enter")
	if s.M.formOpen {
		t.Fatalf("form still open: %q / %q", s.M.form.form.Err, s.M.form.form.Field(fNumber).Err)
	}
	if _, err := s.cl.FetchSafeListEntry(ctx, sandbox.NumberFraud); err != nil {
		t.Fatalf("not on the sandbox's Safe List: %v", err)
	}
	s.WantScreen("+14155550102", "✓ yes", "is on the Safe List")
	kept, err := safelist.Load(dir, s.cl.AccountSID())
	if err != nil || len(kept) != 1 || kept[0].Number != sandbox.NumberFraud {
		t.Fatalf("kept %+v, %v", kept, err)
	}
	if fi, err := os.Stat(safelist.Path(dir)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("store mode: %v, %v", fi, err)
	}

	// A second program on the same account and directory lists it,
	// checked at Twilio.
	other := newShellOn(t, s.cl, s.sb, withDir)
	other.WantScreen("+14155550102", "✓ yes")

	// Looking up a number that is not on the list says so.
	s.Key("l")
	s.Type("+14155550100")
	s.Key("enter")
	s.WantScreen("+14155550100 is not on the Safe List")

	// Remove asks first, then takes it off at Twilio and on disk.
	s.Key("d")
	if s.Confirm == nil || !s.Confirm.Mutates {
		t.Fatalf("no mutating confirm: %+v", s.Confirm)
	}
	s.ConfirmYes()
	if _, err := s.cl.FetchSafeListEntry(ctx, sandbox.NumberFraud); !twilioapi.IsNotFound(err) {
		t.Fatalf("still on the list: %v", err)
	}
	if kept, _ := safelist.Load(dir, s.cl.AccountSID()); len(kept) != 0 {
		t.Fatalf("still kept: %+v", kept)
	}
	s.WantScreen("is off the Safe List", "No numbers added")
}

func TestSafeListWithoutConfigDirIsKeptForTheSession(t *testing.T) {
	s := newShell(t)
	s.WantScreen("kept for this session only")
	s.Key("n")
	s.Type("+14155550100")
	s.Key("enter")
	s.Key("r") // the refresh checks the kept numbers again
	s.WantScreen("+14155550100", "✓ yes")
}

func TestSafeListReadOnlyRefuses(t *testing.T) {
	cl, sb := startReadOnly(t)
	s := newShellOn(t, cl, sb, func(c *common.Common) { c.ReadOnly = true })
	for _, k := range []string{"n", "d"} {
		s.Key(k)
		if s.M.formOpen || s.Confirm != nil || s.LastFlash() != twilioapi.ReadOnlyMessage {
			t.Fatalf("%s in read-only: form %v, confirm %v, flash %q", k, s.M.formOpen, s.Confirm, s.LastFlash())
		}
	}
	for _, b := range s.M.ShortHelp() {
		if b.Help().Desc == "add number" || b.Help().Desc == "remove" {
			t.Fatalf("help offers %q in read-only mode", b.Help().Desc)
		}
	}
	// Looking up still works.
	s.Key("l")
	s.Type("+14155550102")
	s.Key("enter")
	s.WantScreen("is not on the Safe List")
}
