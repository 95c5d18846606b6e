package totp

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// TestLeavingAnUnkeptSecretAsks: esc on a new factor's screen asks first
// while its secret would be lost (not verified, not kept), says how to
// save it, and the quit question says so too; a kept secret leaves at
// once.
func TestLeavingAnUnkeptSecretAsks(t *testing.T) {
	h := newHarness(t, 120, 50)
	h.enrol(alice, "Phone", false)
	if w := h.M.QuitWarning(); !strings.Contains(w, "secret") {
		t.Errorf("quit warning %q", w)
	}
	h.Key("esc")
	if h.Confirm == nil || h.M.screen != screenEnrol {
		t.Fatalf("esc left an unkept secret without asking (screen %d)", h.M.screen)
	}
	if !strings.Contains(h.Confirm.Body, "copy the URI (c)") || h.Confirm.Mutates {
		t.Errorf("question %+v", *h.Confirm)
	}
	h.ConfirmYes()
	if h.M.screen != screenMain || h.M.enrol != nil || h.M.QuitWarning() != "" {
		t.Fatalf("confirmed, still on the enrolment (screen %d)", h.M.screen)
	}

	h.enrol("bob-0002", "Kept phone", true)
	h.Key("esc")
	if h.Confirm != nil || h.M.screen != screenMain {
		t.Fatalf("a kept secret asked before leaving (screen %d)", h.M.screen)
	}
}

// TestEscWhileCreatingKeepsWaiting: esc while the factor is being
// created does not drop the answer, the only one with the secret: the
// enrolment screen opens when it comes.
func TestEscWhileCreatingKeepsWaiting(t *testing.T) {
	h := newHarness(t, 120, 50)
	h.Key("n")
	h.M.form.Field(fieldIdentity).Input.SetValue(alice)
	h.M.form.FocusKey(fieldName)
	h.Type("Phone")
	var cmd tea.Cmd
	h.M, cmd = h.M.update(viewtest.Key("ctrl+s"))
	if !h.M.reqs.Any(is(reqCreate)) {
		t.Fatal("no create in flight")
	}
	var flash tea.Cmd
	h.M, flash = h.M.update(viewtest.Key("esc"))
	if h.M.screen != screenForm {
		t.Fatal("esc left the form while the factor was being created")
	}
	if f, ok := flash().(common.FlashMsg); !ok || !strings.Contains(f.Text, "secret shows when Twilio answers") {
		t.Errorf("esc said %v", flash())
	}
	h.Loop(cmd)
	if h.M.screen != screenEnrol || h.M.enrol == nil || h.M.enrol.binding.Secret == "" {
		t.Fatalf("the created factor's secret was not shown (screen %d)", h.M.screen)
	}
}

// TestServiceChangeWaitsForTheSecret: choosing another service while a
// new factor's secret is at risk keeps the screen (and says so); the view
// moves to that service when the screen is left.
func TestServiceChangeWaitsForTheSecret(t *testing.T) {
	h := newHarness(t, 120, 50)
	h.enrol(alice, "Phone", false)
	first := h.M.service
	other := first
	other.SID, other.FriendlyName = "VA"+strings.Repeat("1", 32), "Other"
	h.Flashes = nil
	h.Send(common.ServiceSelectedMsg{Service: other})
	if h.M.screen != screenEnrol || h.M.enrol == nil || h.M.service.SID != first.SID {
		t.Fatalf("the service change dropped the secret (screen %d, service %s)", h.M.screen, h.M.service.SID)
	}
	if !strings.Contains(h.LastFlash(), "moves to Other once the new factor's secret is off screen") {
		t.Errorf("flash %q", h.LastFlash())
	}
	h.Key("esc")
	h.ConfirmYes()
	if h.M.screen != screenMain || h.M.service.SID != other.SID || h.M.nextService != nil {
		t.Fatalf("after leaving: screen %d, service %s", h.M.screen, h.M.service.SID)
	}
}
